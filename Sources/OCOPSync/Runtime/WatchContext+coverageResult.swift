import Foundation
import Logging
import OCOPCore
import OCOPStore

extension WatchContext {
    /// Where the figures `coverage` prints came from.
    enum CoverageSource: Equatable {
        /// The result the last publication stored: still the figures of the store, the rules and the clock.
        case stored
        /// Computed from the store now.
        case computed
    }

    /// Stores the figures publishing just computed, with what they were computed from and until
    /// when they hold, for ``coverageFigures(store:dimensions:includingGaps:now:)``.
    func storeCoverageResult(_ counted: CountedCoverage, store: any ObservationStore) async throws {
        try await store.saveCoverageResult(
            CoverageResult(
                figures: CoverageFigures(counted.report),
                version: counted.version,
                program: WatchVersion.current,
                validUntil: counted.validUntil
            )
        )
    }

    /// The figures of the store at `now`: the stored result of the last publication when it
    /// answers for the store's present data, these rules, this program and `now`; else computed.
    ///
    /// Either way the figures say `now` as their moment, so the output is the same. Only the
    /// parts asked for are read from a stored result; computed figures have every breakdown.
    func coverageFigures(
        store: any ObservationStore,
        dimensions: [CoverageDimension],
        includingGaps: Bool,
        now: Date
    ) async throws -> (CoverageFigures, CoverageSource) {
        if let stored = try await store.coverageResult(dimensions: Set(dimensions), includingGaps: includingGaps),
            stored.answers(rules: coverageRules, program: WatchVersion.current, at: now)
        {
            logger.debug(
                "coverage from the stored result",
                metadata: [
                    "computed_at": "\(stored.figures.generatedAt)",
                    "valid_until": "\(stored.validUntil.map { "\($0)" } ?? "never changes with time")",
                ]
            )
            var figures = stored.figures
            figures.generatedAt = now
            return (figures, .stored)
        }
        logger.debug("coverage computed: no stored result answers for the store, the rules and the time now")
        let report = try await currentCoverage(store: store, now: now).report
        return (CoverageFigures(report, includingGaps: includingGaps), .computed)
    }
}
