import CurlFetch
import Foundation
import Logging
import OCOPConfig
import OCOPCore
import OCOPStore
import ServiceLifecycle
import SystemdKit
import UnixSignals

/// The long-running daemon: checks due listings in batches, publishes coverage and alerts after
/// each batch, and speaks systemd's notify protocol.
///
/// The scheduling decisions live in ``CheckPlanner`` (pure, persisted in the store); this type is
/// the thin driver: it sleeps, fetches, records, and reacts to SIGHUP and SIGTERM between batches.
struct WatchDaemon: Service {
    enum State {
        case starting
        case running
        case reloading
        case stopping
    }

    let initialContext: WatchContext
    let control: DaemonControl

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await loop()
        } onGracefulShutdown: {
            control.requestStop()
        }
    }

    private func loop() async throws {
        var context = initialContext
        let notifier = try SystemdNotifier()
        let watchdog = try WatchdogConfiguration()
        var configuration = context.configuration
        let logger = context.logger
        let store = try context.openStore()
        let lock = try InstanceLock(nextTo: configuration.paths.database)
        defer { lock.release() }

        var state = State.starting
        if !configuration.catalog.files.isEmpty {
            _ = try await context.importCatalog(files: configuration.catalog.files, into: store)
        }
        var planner = try await loadPlanner(store: store, configuration: configuration)
        var catalog = try await store.catalog()
        planner.sync(with: context.checkedListings(catalog), at: Date())
        var engine = try context.makeEngine()
        var coverage = try await context.currentCoverage(store: store).0
        var lastError = "none"
        var lastPing = Date.distantPast
        try notifier.ready(status: Self.status(coverage, due: planner.schedule.dueCounts(at: Date()), lastError: lastError))
        state = .running
        logger.info("daemon ready", metadata: ["listings": "\(planner.schedule.count)", "database": "\(configuration.paths.database)"])

        while !control.stopRequested {
            if let watchdog, Date().timeIntervalSince(lastPing) >= watchdog.pingInterval.seconds {
                try notifier.watchdog()
                lastPing = Date()
            }
            if control.takeReload() {
                state = .reloading
                try notifier.reloading(status: "reloading configuration and catalog")
                do {
                    let fresh = try ConfigurationLoader().load(path: configuration.sourceFile)
                    if !fresh.catalog.files.isEmpty {
                        _ = try await context.importCatalog(files: fresh.catalog.files, into: store)
                    }
                    configuration = fresh
                    context = WatchContext(configuration: fresh, logger: logger)
                    planner.configuration = CheckPlanner.Configuration(watch: fresh)
                    catalog = try await store.catalog()
                    planner.sync(with: context.checkedListings(catalog), at: Date())
                    await engine.shutdown()
                    engine = try context.makeEngine()
                    logger.notice("configuration reloaded", metadata: ["listings": "\(planner.schedule.count)"])
                } catch {
                    lastError = "reload rejected: \(error)"
                    logger.error("reload rejected; the previous configuration stays in force", metadata: ["error": "\(error)"])
                }
                state = .running
                try notifier.ready(status: Self.status(coverage, due: planner.schedule.dueCounts(at: Date()), lastError: lastError))
            }

            let now = Date()
            let keys = Set(planner.next(at: now, limit: configuration.http.maxConcurrency * 8))
            guard !keys.isEmpty else {
                let wake = planner.nextWake(at: now) ?? now.addingTimeInterval(configuration.daemon.tick)
                let pause = min(max(wake.timeIntervalSince(now), 0.05), configuration.daemon.tick, 1)
                try? await Task.sleep(for: .milliseconds(Int(pause * 1000)))
                continue
            }
            let batch = catalog.listings.filter { keys.contains($0.key) }
            do {
                let previousCoverage = coverage
                let outcome = try await context.runBatch(batch, store: store, engine: engine, kind: "scheduled")
                for result in outcome.results {
                    planner.record(result.key, status: result.status, at: result.checkedAt)
                }
                coverage = try await context.publish(
                    store: store,
                    pass: outcome.pass,
                    passChecks: outcome.byMarketplace,
                    previousCoverage: previousCoverage
                )
                for lost in Self.lostCoverage(from: previousCoverage, to: coverage) {
                    for listing in catalog.listings where listing.productID == lost {
                        planner.requestConfirmation(listing.key, at: Date())
                    }
                }
                try await store.saveState(namespace: "scheduler", key: "planner", data: try JSONEncoder().encode(planner))
                lastError = "none"
            } catch {
                lastError = "\(error)"
                logger.error("batch failed", metadata: ["error": "\(error)"])
            }
            try notifier.status(Self.status(coverage, due: planner.schedule.dueCounts(at: Date()), lastError: lastError))
        }
        state = .stopping
        try notifier.stopping(status: "stopping: every received observation is committed")
        await engine.shutdown()
        try await store.saveState(namespace: "scheduler", key: "planner", data: try JSONEncoder().encode(planner))
        logger.info("daemon stopped cleanly", metadata: ["state": "\(state)"])
    }

    func loadPlanner(store: any ObservationStore, configuration: OCOPWatchConfiguration) async throws -> CheckPlanner {
        let settings = CheckPlanner.Configuration(watch: configuration)
        guard let data = try await store.loadState(namespace: "scheduler", key: "planner"),
            var planner = try? JSONDecoder().decode(CheckPlanner.self, from: data)
        else { return CheckPlanner(configuration: settings) }
        planner.configuration = settings
        return planner
    }

    /// Products covered before and not after: re-checked sooner, to confirm.
    static func lostCoverage(from before: CoverageReport, to after: CoverageReport) -> [String] {
        let wasCovered = Set(before.productCoverage.filter { $0.state == .covered }.map(\.product.id))
        return after.productCoverage.filter { $0.state != .covered && wasCovered.contains($0.product.id) }.map(\.product.id)
    }

    /// The one-line systemd STATUS.
    static func status(_ coverage: CoverageReport, due: [MarketplaceID: Int], lastError: String) -> String {
        let dueCount = due.values.reduce(0, +)
        return String(
            format: "coverage %.1f%% of %d products; %d listings due; last error: %@",
            coverage.products.percent,
            coverage.products.total,
            dueCount,
            String(lastError.prefix(120))
        )
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
