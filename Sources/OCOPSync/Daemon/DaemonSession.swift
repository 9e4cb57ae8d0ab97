import CurlFetch
import Foundation
import Logging
import OCOPConfig
import OCOPCore
import OCOPReport
import OCOPStore
import SystemdKit

/// One run of the daemon, from READY to exit: the state its loop owns, and the loop.
///
/// The loop is a thin driver around ``CheckPlanner`` (what to check, and when): it hands due
/// listings to child tasks, up to a window; records every result with the planner (blocked ones
/// included, so breakers and backoffs see them) and in the current batch; closes a batch every
/// `daemon.batch_window` (one pass in the store, then coverage, alerts, report, metrics and the
/// persisted planner); and reacts to SIGHUP and SIGTERM between two events. It waits on one
/// ``DaemonInbox`` for whichever comes first (a result, a signal, or the next due time), so it
/// never blocks on a check and pings the watchdog from the loop itself.
///
/// Only the loop's task touches this value; child tasks see nothing of it but the inbox.
struct DaemonSession: Sendable {
    enum Phase: Sendable, Hashable {
        case running
        /// Stop requested: no new checks; those in flight may finish until `deadline`, then the
        /// fetch engines are shut down, which fails what is left (such checks are not recorded).
        case draining(deadline: Date, enginesStopped: Bool)
    }

    /// A fetch engine and the checkers bound to it; a reload that changes HTTP settings starts a
    /// new one, and the old one is shut down once its last check has come back.
    struct EngineSlot: Sendable {
        var engine: FetchEngine
        var checker: ListingChecker
        var feeds: [MarketplaceID: (checker: FeedChecker, url: String)]
        var inFlight = 0
    }

    /// The batch being filled: a pass in the store, open until `openedAt + batch_window`.
    struct Batch: Sendable {
        var pass: PassID
        var recorder: BatchRecorder
        var openedAt: Date
        var lastFlush: Date
    }

    let store: any ObservationStore
    let inbox: DaemonInbox
    let notifier: SystemdNotifier
    let watchdog: WatchdogConfiguration?
    let metrics: DaemonMetrics
    var context: WatchContext
    var eventLog: EventLog
    var planner: CheckPlanner
    /// Every listing of the stored catalog, enabled marketplace or not.
    var listings: [ListingKey: Listing]
    var engines: [Int: EngineSlot]
    var engineGeneration: Int
    /// Check tasks running (a feed request counts once).
    var inFlight = 0
    var inFlightByMarketplace: [MarketplaceID: Int] = [:]
    var batch: Batch?
    var coverage: CoverageReport?
    /// The alert state as the last publication saved it. The daemon is the only writer of the
    /// store while it runs (the instance lock), so each batch's publication starts from this
    /// instead of reading and decoding every alert again; nil after a failed publication.
    var savedAlerts: AlertLifecycle?
    var lastError: String?
    /// Whether ``lastError`` is a rejected config or catalog, which the next good reload clears.
    var lastErrorIsConfiguration = false
    var phase = Phase.running
    var nextPing = Date.distantPast
    var breakerStates: [MarketplaceID: MetricsSnapshot.BreakerState] = [:]
    /// What `adapter_degraded` judges: each listing's latest check within its interval.
    var recentChecks = RecentChecks()
    /// When coverage, alerts and the report were last published (``publishIfIdle(at:)``).
    var lastPublished = Date()
    /// Listings checked since the last publication: only their alerts may move towards resolving.
    var checkedSincePublication: Set<ListingKey> = []
    /// Whether a reload changed the coverage or alert rules since the last publication: then
    /// every alert whose condition is gone may move towards resolving, checked or not.
    var rulesChangedSincePublication = false
    /// The products of ``listings``, kept with them.
    var catalogProducts: Set<String> = []
    /// The newest catalog import this session has taken in (``followCatalogImports(at:)``).
    var lastImport: ImportRecord?
    /// The inode of the database file the store opened, to notice it deleted or replaced.
    var databaseInode: UInt64?
    var nextDatabaseLook = Date.distantPast
    /// The inodes of the store's `-wal` and `-shm` files, taken while the database is in place.
    var sidecarInodes: [String: UInt64] = [:]
    /// Why the daemon stops on its own, when it does: it then exits with a failure, so that
    /// systemd restarts it (`Restart=on-failure`) and the journal says why.
    var failure: String?
    var nextCatalogLook = Date.distantPast

    var logger: Logger { context.logger }
    var configuration: OCOPWatchConfiguration { context.configuration }

    /// How many check tasks may run at once: `http.max_concurrency`, and per marketplace its
    /// `max_concurrent` (one request at a time for a feed), so that a check handed out goes on
    /// the wire at once rather than waiting in the engine's queue, where neither an opening
    /// breaker nor a shutdown could recall it.
    var window: Int { configuration.http.maxConcurrency }

    /// Marketplaces read from a feed: one request checks all their due listings.
    var feedMarketplaces: Set<MarketplaceID> {
        Set(configuration.marketplaces.filter { $0.value.source == .feed }.keys)
    }

    /// Free slots per marketplace, for ``CheckPlanner/next(at:limit:capacity:feeds:)``.
    var capacity: [MarketplaceID: Int] {
        var free: [MarketplaceID: Int] = [:]
        for (marketplace, settings) in configuration.marketplaces {
            let limit = settings.source == .feed ? 1 : settings.maxConcurrent
            free[marketplace] = max(0, limit - (inFlightByMarketplace[marketplace] ?? 0))
        }
        return free
    }

    /// The start-up work done before READY: event log, catalog import, stored schedule, engine,
    /// coverage. Throws only what makes running impossible.
    static func start(
        context: WatchContext,
        store: any ObservationStore,
        inbox: DaemonInbox,
        notifier: SystemdNotifier,
        watchdog: WatchdogConfiguration?,
        metrics: DaemonMetrics
    ) async throws -> DaemonSession {
        let configuration = context.configuration
        // Taken first, the store just opened: a file moved or replaced during the start-up work
        // is then noticed at the first tick (no file at all reads as inode 0, which none has).
        let databaseInode = FileStatus(path: configuration.paths.database)?.inode ?? 0
        let sidecarInodes = Self.sidecarInodes(of: configuration.paths.database)
        let eventLog = EventLog(path: configuration.paths.eventLog, operational: context.logger)
        var lastError: String?
        if !configuration.catalog.files.isEmpty {
            do {
                _ = try await context.importCatalog(files: configuration.catalog.files, into: store)
            } catch {
                // A typo in the catalog must not stop the monitoring of the catalog already stored.
                guard try await !store.catalog().listings.isEmpty else { throw error }
                lastError = Self.stamp("catalog not imported: \(error)")
                eventLog.record(
                    "catalog_rejected",
                    "catalog files not imported; checking the catalog already in the store",
                    level: .error,
                    metadata: ["error": "\(error)"]
                )
            }
        }
        // The newest import before the catalog: one committed in between is then taken in again
        // at the first look (``followCatalogImports(at:)``), never missed.
        let lastImport = try await store.imports(limit: 1).first
        let catalog = try await store.catalog()
        let planner = await loadPlanner(store: store, configuration: configuration, eventLog: eventLog)
        let engine = try context.makeEngine()
        let coverage = try await context.currentCoverage(store: store).report
        metrics.start(
            coverage: coverage, checks: await context.checkTotals(store: store) ?? [:],
            lastPass: try? await store.lastCompletedPass())
        var session = DaemonSession(
            store: store,
            inbox: inbox,
            notifier: notifier,
            watchdog: watchdog,
            metrics: metrics,
            context: context,
            eventLog: eventLog,
            planner: planner,
            listings: [:],
            engines: [0: EngineSlot(engine: engine, context: context)],
            engineGeneration: 0,
            coverage: coverage,
            lastError: lastError,
            lastErrorIsConfiguration: lastError != nil
        )
        session.adopt(catalog, at: Date())
        session.lastImport = lastImport
        session.databaseInode = databaseInode
        session.sidecarInodes = sidecarInodes
        session.noteBreakerTransitions(restored: true)
        if catalog.listings.isEmpty {
            session.eventLog.record(
                "no_listings",
                "the store holds no listings; name the catalog files under catalog.files and reload (SIGHUP)",
                level: .warning
            )
        }
        return session
    }

    /// The stored planner and schedule; what is missing or cannot be read starts afresh (the
    /// listings are then placed anew, spread over their intervals). The schedule's records win
    /// over a schedule stored whole by an earlier version: they are written first.
    static func loadPlanner(
        store: any ObservationStore,
        configuration: OCOPWatchConfiguration,
        eventLog: EventLog
    ) async -> CheckPlanner {
        let settings = CheckPlanner.Configuration(watch: configuration)
        var planner = CheckPlanner(configuration: settings)
        do {
            if let data = try await store.loadState(namespace: Self.stateNamespace, key: Self.stateKey) {
                planner = try JSONDecoder().decode(CheckPlanner.self, from: data)
                planner.configuration = settings
            }
        } catch {
            eventLog.record(
                "schedule_rebuilt",
                "stored circuit breakers and request budgets unreadable; they start afresh",
                level: .warning,
                metadata: ["error": "\(error)"]
            )
        }
        do {
            let entries = try await store.loadStates(namespace: Self.scheduleNamespace, reading: ScheduleRecords.entry(from:))
            if !entries.isEmpty {
                planner.restoreSchedule(entries: entries)
            }
        } catch {
            eventLog.record(
                "schedule_rebuilt",
                "stored schedule unreadable; listings are placed anew over their intervals",
                level: .warning,
                metadata: ["error": "\(error)"]
            )
            // Records nobody can read would outlive the listings they name: the schedule placed
            // anew saves every entry it has, so none of them is needed.
            if let unreadable = try? await store.loadStates(namespace: Self.scheduleNamespace) {
                try? await store.updateStates(namespace: Self.scheduleNamespace, saving: [:], removing: Array(unreadable.keys))
            }
        }
        return planner
    }

    static let stateNamespace = "scheduler"
    static let stateKey = "planner"
    /// Where the schedule's entries are kept, one record per listing.
    static let scheduleNamespace = "scheduler.entries"

    // MARK: The loop

    /// Runs until a stop request has been honoured: READY, the loop, then the final commit.
    mutating func run() async {
        let now = Date()
        notifySystemd { try $0.ready(status: statusLine(at: now)) }
        eventLog.record(
            "start",
            "daemon ready",
            level: .notice,
            metadata: [
                "listings": "\(planner.schedule.count)", "due": "\(planner.schedule.dueCount(at: now))",
                "database": "\(configuration.paths.database)", "pid": "\(ProcessInfo.processInfo.processIdentifier)",
            ]
        )
        await withDiscardingTaskGroup { group in
            while true {
                if Task.isCancelled, !enginesStopped {
                    // The group gave up on us (another service failed, or the shutdown took far
                    // too long): stop as on SIGTERM, without waiting for the grace period.
                    if phase == .running {
                        notifySystemd { try $0.stopping(status: "stopping: the service group was cancelled") }
                        await handle(.stop)
                    }
                    await stopEngines()
                }
                let now = Date()
                pingWatchdog(at: now)
                var dispatched = 0
                if phase == .running {
                    await followCatalogImports(at: now)
                    dispatched = dispatch(at: now, into: &group)
                }
                await maintainBatch(at: now)
                await stopUnlessDatabaseInPlace(at: now)
                if phase == .running { await publishIfIdle(at: now) }
                if case .draining(let deadline, let stopped) = phase {
                    if inFlight == 0 { break }
                    if !stopped, now >= deadline {
                        await stopEngines()
                        continue
                    }
                }
                let wait = waitTime(at: now, dispatched: dispatched)
                guard let event = await inbox.next(timeout: .milliseconds(Int64(wait * 1000))) else { continue }
                await handle(event)
                // Take what else has arrived before dispatching again: one planner look per wake-up.
                var handled = 1
                while handled < 256, let more = await inbox.next(timeout: .zero) {
                    await handle(more)
                    handled += 1
                }
            }
        }
        // The final commit runs outside this task: if the group cancelled it, the store would
        // refuse to write (GRDB honours cancellation), and every observation received must land.
        let loop = self
        self = await Task {
            var session = loop
            await session.finish()
            return session
        }.value
    }

    /// Whether the fetch engines were shut down (drain over).
    var enginesStopped: Bool {
        if case .draining(_, true) = phase { return true }
        return false
    }

    mutating func handle(_ event: DaemonInbox.Event) async {
        switch event {
        case .stop:
            guard phase == .running else { return }
            let deadline = Date().addingTimeInterval(configuration.daemon.shutdownGrace)
            phase = .draining(deadline: deadline, enginesStopped: false)
            eventLog.record(
                "stopping",
                "stopping: no new checks; checks in flight may finish",
                level: .notice,
                metadata: ["in_flight": "\(inFlight)", "grace_seconds": "\(configuration.daemon.shutdownGrace)"]
            )
        case .reload:
            await reload()
        case .checked(let observations, let marketplace, let generation, let read):
            engines[generation]?.inFlight -= 1
            inFlightByMarketplace[marketplace, default: 1] -= 1
            inFlight -= 1
            await retireIdleEngines()
            await record(observations, read: read)
        }
    }

    /// How long the loop may wait for an event: until the next due check, batch deadline,
    /// watchdog ping or drain deadline, and at most `daemon.tick`.
    func waitTime(at now: Date, dispatched: Int) -> TimeInterval {
        var deadline = now.addingTimeInterval(configuration.daemon.tick)
        if phase == .running, let wake = planner.nextWake(at: now) {
            // A wake-up that is due already but gave nothing waits for a slot: a finished check
            // wakes the loop, so it must not spin meanwhile.
            if wake > now || dispatched > 0 {
                deadline = min(deadline, max(wake, now.addingTimeInterval(0.01)))
            }
        }
        if watchdog != nil { deadline = min(deadline, nextPing) }
        if let batch {
            deadline = min(deadline, batch.openedAt.addingTimeInterval(configuration.daemon.batchWindow))
            deadline = min(deadline, batch.lastFlush.addingTimeInterval(configuration.daemon.flushInterval))
        }
        if case .draining(let drainDeadline, false) = phase { deadline = min(deadline, drainDeadline) }
        return max(0, deadline.timeIntervalSince(now))
    }

    /// The loop's proof of life: `WATCHDOG=1` every half `WATCHDOG_USEC`, sent only when the loop
    /// comes round, so a hung loop is restarted by systemd.
    mutating func pingWatchdog(at now: Date) {
        guard let watchdog, now >= nextPing else { return }
        notifySystemd { try $0.watchdog() }
        nextPing = now.addingTimeInterval(watchdog.pingInterval.seconds)
    }

    /// Fails what is still in flight after the grace period; those checks say nothing and are not recorded.
    mutating func stopEngines() async {
        if case .draining(let deadline, _) = phase {
            phase = .draining(deadline: deadline, enginesStopped: true)
        }
        guard inFlight > 0 else { return }
        eventLog.record(
            "grace_expired",
            "shutdown grace over; abandoning checks still in flight (not recorded)",
            level: .warning,
            metadata: ["in_flight": "\(inFlight)"]
        )
        for slot in engines.values { await slot.engine.shutdown() }
    }

    /// After the loop: commit the open batch (every observation received), save the schedule,
    /// release the engines.
    mutating func finish() async {
        await closeBatch(at: Date())
        await savePlanner()
        for slot in engines.values { await slot.engine.shutdown() }
        engines = [:]
        if let failure {
            eventLog.record("stopped", "daemon stopped: \(failure)", level: .error)
        } else {
            eventLog.record("stopped", "daemon stopped cleanly; every observation received is committed", level: .notice)
        }
    }

    /// Sends one `sd_notify` message; a failure (the socket went away) is logged, never fatal.
    func notifySystemd(_ send: (SystemdNotifier) throws -> Bool) {
        do {
            _ = try send(notifier)
        } catch {
            logger.warning("cannot notify systemd", metadata: ["error": "\(error)"])
        }
    }

    /// `HH:mm:ss` + the message: the last error, as STATUS shows it.
    static func stamp(_ message: String, at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return "\(formatter.string(from: date)) \(message)"
    }
}

extension DaemonSession.EngineSlot {
    init(engine: FetchEngine, context: WatchContext) {
        self.init(engine: engine, checker: context.makeChecker(engine: engine), feeds: context.makeFeeds(engine: engine))
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
