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
        let store = try openStore(holdingLock: true)
        if !configuration.catalog.files.isEmpty {
            _ = try await importCatalog(files: configuration.catalog.files, into: store)
        }
        let startedAt = Date()
        let (result, checks) = try await checkEveryListing(in: store)
        let checkedAt = Date()
        // Every listing is checked: an interruption now would only leave the figures behind
        // the checks, so publishing goes on in a task of its own, which it cannot cancel.
        let publication = try await Task { [self] in
            try await publish(
                store: store,
                pass: result.pass,
                passChecks: result.byMarketplace,
                previousCoverage: nil,
                everySnapshot: true
            )
        }.value
        let coverage = publication.coverage
        let publishedAt = Date()
        writeMetricsTextfile(
            MetricsSnapshot(
                coverage: coverage, checks: await checkTotals(store: store) ?? [:],
                alertsFiring: publication.firingByKind,
                lastPassStarted: startedAt, lastPassCompleted: publishedAt,
                lastPassDuration: publishedAt.timeIntervalSince(startedAt))
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
                "checking_seconds": "\(String(format: "%.2f", checkedAt.timeIntervalSince(startedAt)))",
                "publishing_seconds": "\(String(format: "%.2f", outcome.endedAt.timeIntervalSince(checkedAt)))",
                "products_covered_percent": "\(coverage.products.percent.percentText)",
            ]
        )
        var record: Logger.Metadata = [
            "pass": "\(result.pass.rawValue)", "kind": "once", "checks": "\(outcome.checks)",
            "seconds": "\(String(format: "%.1f", outcome.seconds))",
            "products_covered_percent": "\(coverage.products.percent.percentText)",
        ]
        for (status, count) in result.counts { record[status.rawValue] = "\(count)" }
        EventLog(path: configuration.paths.eventLog, operational: logger)
            .record("pass", "pass finished", echo: false, metadata: record)
        outcome.summary = Self.summary(of: outcome, renderer: CoverageRenderer())
        return outcome
    }

    /// The checking part of `sync --once`: apart from ``syncOnce()`` so that the release
    /// optimiser (which must skip that function) optimises it, and so that what the pass held is
    /// gone before publishing starts.
    private func checkEveryListing(in store: any ObservationStore) async throws -> (SyncPassResult, checks: Int) {
        let total = try await store.listingCounts().filter { checks($0.key) }.values.reduce(0, +)
        guard total > 0 else {
            throw WatchError(
                "the store holds no listings to check; import a catalog with `ocop-watch catalog import FILE…` "
                    + "or name the files under catalog.files in the config"
            )
        }
        let engine = try makeEngine(checksEachURLOnce: true)
        logger.info("pass started", metadata: ["listings": "\(total)"])
        let progress = TerminalProgress(total: total, label: "checking")
        let pass = SyncPass(
            store: store,
            checker: makeChecker(engine: engine),
            feeds: makeFeeds(engine: engine),
            configuration: SyncPass.Configuration(batchSize: configuration.daemon.batchSize, flushInterval: configuration.daemon.flushInterval)
        )
        let result: SyncPassResult
        do {
            result = try await pass.run(
                kind: "once", expected: total, includes: { [self] in checks($0.marketplace) }, progress: progress)
        } catch {
            progress.finish()
            await engine.shutdown()
            throw error
        }
        progress.finish()
        await engine.shutdown()
        return (result, total)
    }

    static func summary(of outcome: PassOutcome, renderer: CoverageRenderer) -> String {
        let statuses = ListingStatus.allCases.compactMap { status in
            outcome.counts[status].map { "\($0) \(status.rawValue)" }
        }
        return "Checked \(outcome.checks) listings in \(String(format: "%.1f", outcome.seconds)) s: "
            + statuses.joined(separator: ", ") + "\n\n" + renderer.table(outcome.coverage)
    }
}
