import CurlFetch
import Foundation
import Logging
import OCOPConfig
import OCOPCore
import OCOPReport
import OCOPStore
import SystemdKit

extension WatchContext {
    /// `sync --once`: import the configured catalog, check every listing, publish the results.
    ///
    /// Not optimised: Swift 6.3.1's optimiser crashes (signal 11 in LLVM's coroutine splitting,
    /// `emitSetAndGetSwiftErrorValueAround`) on this function in release builds. It only
    /// orchestrates; the work it calls is optimised as usual.
    @_optimize(none)
    public func syncOnce() async throws -> PassOutcome {
        try prepareStateDirectory()
        let lock = try InstanceLock(nextTo: configuration.paths.database)
        defer { lock.release() }
        let store = try openStore()
        if !configuration.catalog.files.isEmpty {
            _ = try await importCatalog(files: configuration.catalog.files, into: store)
        }
        let startedAt = Date()
        let (result, checks) = try await checkEveryListing(store: store)
        let publication = try await publish(
            store: store,
            pass: result.pass,
            passChecks: result.byMarketplace,
            previousCoverage: nil,
            everySnapshot: true
        )
        let coverage = publication.coverage
        writeMetricsTextfile(
            MetricsSnapshot(coverage: coverage, checks: result.byMarketplace, alertsFiring: publication.firingByKind)
        )
        var outcome = PassOutcome(
            startedAt: startedAt,
            endedAt: Date(),
            checks: checks,
            counts: result.counts,
            coverage: coverage,
            summary: ""
        )
        logger.info(
            "pass finished",
            metadata: [
                "checks": "\(outcome.checks)", "seconds": "\(String(format: "%.1f", outcome.seconds))",
                "products_covered_percent": "\(String(format: "%.1f", coverage.products.percent))",
            ]
        )
        outcome.summary = Self.summary(of: outcome, renderer: CoverageRenderer())
        return outcome
    }

    /// The pass of `sync --once` over every checked listing of the stored catalog.
    ///
    /// A function of its own so that the catalog it loads is released when the pass ends: the
    /// publication that follows reads what it needs itself, and must not find a hundred thousand
    /// listings still held.
    private func checkEveryListing(store: any ObservationStore) async throws -> (result: SyncPassResult, checks: Int) {
        let listings = checkedListings(try await store.catalog())
        guard !listings.isEmpty else {
            throw WatchError(
                "the store holds no listings to check; import a catalog with `ocop-watch catalog import FILE…` "
                    + "or name the files under catalog.files in the config"
            )
        }
        let engine = try makeEngine()
        logger.info("pass started", metadata: ["listings": "\(listings.count)"])
        let progress = TerminalProgress(total: listings.count, label: "checking")
        let pass = SyncPass(
            store: store,
            checker: makeChecker(engine: engine),
            feeds: makeFeeds(engine: engine),
            configuration: SyncPass.Configuration(batchSize: configuration.daemon.batchSize, flushInterval: configuration.daemon.flushInterval)
        )
        let result = try await pass.run(listings, kind: "once", progress: progress)
        progress.finish()
        await engine.shutdown()
        return (result, listings.count)
    }

    static func summary(of outcome: PassOutcome, renderer: CoverageRenderer) -> String {
        let statuses = ListingStatus.allCases.compactMap { status in
            outcome.counts[status].map { "\($0) \(status.rawValue)" }
        }
        return "Checked \(outcome.checks) listings in \(String(format: "%.1f", outcome.seconds)) s: "
            + statuses.joined(separator: ", ") + "\n\n" + renderer.table(outcome.coverage)
    }
}
