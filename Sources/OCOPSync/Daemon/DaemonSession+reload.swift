import CurlFetch
import Foundation
import Logging
import OCOPConfig
import OCOPCore
import OCOPStore
import SystemdKit

extension DaemonSession {
    /// SIGHUP: reopens the event log (logrotate renamed it), then re-reads the config file and
    /// the catalog files it names, and applies them between two events. Checks in flight finish
    /// on the engine they started with. Anything wrong (unreadable or invalid config, a catalog
    /// file with an error, a database path that changed) rejects the whole reload: the old
    /// configuration and catalog stay in force, and the reason goes to both logs and STATUS.
    mutating func reload() async {
        guard phase == .running else {
            logger.notice("reload ignored: the daemon is stopping")
            return
        }
        notifySystemd { try $0.reloading(status: "reloading configuration and catalog") }
        eventLog.reopen(path: configuration.paths.eventLog)
        do {
            try await apply(try ConfigurationLoader().load(path: configuration.sourceFile))
        } catch {
            lastError = Self.stamp("reload rejected: \(error)")
            lastErrorIsConfiguration = true
            eventLog.record(
                "reload_rejected",
                "reload rejected; the previous configuration stays in force",
                level: .error,
                metadata: ["error": "\(error)", "config": "\(configuration.sourceFile ?? "(none)")"]
            )
        }
        notifySystemd { try $0.ready(status: statusLine(at: Date())) }
    }

    private mutating func apply(_ fresh: OCOPWatchConfiguration) async throws {
        let old = configuration
        guard fresh.paths.database == old.paths.database else {
            throw WatchError(
                "paths.database changed from \(old.paths.database) to \(fresh.paths.database); the database moves "
                    + "only with a restart: restore the old value, or restart the service"
            )
        }
        let freshContext = WatchContext(configuration: fresh, logger: logger)
        let current = engines[engineGeneration]
        let engineSettings = FetchEngine.Configuration(watch: fresh, hosts: freshContext.registry.hostsByMarketplace)
        let engine: FetchEngine
        if let current, current.engine.configuration == engineSettings {
            engine = current.engine
        } else {
            engine = try freshContext.makeEngine()
        }
        if !fresh.catalog.files.isEmpty {
            do {
                _ = try await freshContext.importCatalog(files: fresh.catalog.files, into: store)
            } catch {
                if engine !== current?.engine { await engine.shutdown() }
                throw error
            }
        }
        let newestImport = try await store.imports(limit: 1).first
        let catalog = try await store.catalog()

        if freshContext.coverageRules != context.coverageRules || freshContext.alertRules != context.alertRules {
            // An alert whose condition the new rules took away has no check to wait for: it
            // begins to resolve at once, and its confirmation check finishes it.
            rulesChangedSincePublication = true
            if batch == nil { lastPublished = .distantPast }
        }
        context = freshContext
        planner.configuration = CheckPlanner.Configuration(watch: fresh)
        adopt(catalog, at: Date())
        lastImport = newestImport
        // A good reload clears a rejected reload's or catalog's error from STATUS, not others.
        if lastErrorIsConfiguration { lastError = nil }
        engineGeneration += 1
        engines[engineGeneration] = EngineSlot(engine: engine, context: freshContext)
        await retireIdleEngines()
        noteBreakerTransitions()
        if fresh.paths.eventLog != old.paths.eventLog {
            eventLog.reopen(path: fresh.paths.eventLog)
        }
        if fresh.metrics.listen != old.metrics.listen {
            logger.warning(
                "metrics.listen changes take effect at the next restart",
                metadata: ["serving": "\(old.metrics.listen ?? "off")", "configured": "\(fresh.metrics.listen ?? "off")"]
            )
        }
        eventLog.record(
            "reload",
            "configuration and catalog reloaded",
            level: .notice,
            metadata: [
                "config": "\(fresh.sourceFile ?? "(none)")", "listings": "\(planner.schedule.count)",
                "new_engine": "\(engine !== current?.engine)",
            ]
        )
    }

    /// Shuts down engines replaced by a reload once their last check has come back; an engine
    /// still shared with the current slot stays.
    mutating func retireIdleEngines() async {
        let currentEngine = engines[engineGeneration]?.engine
        for (generation, slot) in engines where generation != engineGeneration && slot.inFlight <= 0 {
            engines[generation] = nil
            if slot.engine !== currentEngine, !engines.values.contains(where: { $0.engine === slot.engine }) {
                await slot.engine.shutdown()
            }
        }
    }
}
