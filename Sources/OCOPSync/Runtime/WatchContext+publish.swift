import Foundation
import Logging
import OCOPConfig
import OCOPCore
import OCOPReport
import OCOPStore
import SystemdKit

extension WatchContext {
    /// The coverage rules with the Sendo closing date and other channel windows of the config.
    var coverageRules: CoverageRules { configuration.coverage }

    var alertRules: AlertRules {
        let alerts = configuration.alerts
        return AlertRules(
            observationConsecutiveToFire: alerts.fireAfter,
            consecutiveToResolve: alerts.resolveAfter,
            reminderInterval: alerts.reminderInterval,
            degradedShare: alerts.degradedRatio,
            degradedMinimumChecks: alerts.degradedMinimumChecks,
            maximumPassAge: alerts.noPassAfter,
            certificateHorizon: alerts.expiryHorizon,
            groupThreshold: alerts.groupThreshold,
            severities: alerts.severities
        )
    }

    /// Without a change of any product's state, the daemon stores a coverage snapshot at most
    /// this often: it publishes after every batch, which can be every few seconds.
    static let snapshotInterval: TimeInterval = 3600

    /// The span the HTML report's "what changed" section looks back over.
    static let reportChangesSpan: TimeInterval = 7 * 86_400

    /// Coverage of what the store holds now, from each listing's facts: one summary reason per
    /// product and no observation read, so it stays cheap at a hundred thousand listings.
    func currentCoverage(store: any ObservationStore, now: Date = Date()) async throws -> CountedCoverage {
        try await store.coverage(rules: coverageRules, now: now)
    }

    /// The observations the report shows: those of the listings of the products it lists
    /// (``HTMLReport/listedProducts``), for their "last evidence". No other listing's
    /// observations are read.
    func shownEvidence(of listed: [Product], store: any ObservationStore) async throws -> [ListingEvidence] {
        try await store.evidence(ofProducts: Set(listed.map(\.id)))
    }

    /// The conclusive checks alerts read: of every listing of a product not covered (whether it
    /// was ever observed), and of every listing last found delisted or out of stock (listing
    /// alerts). Any other listing changes no condition, so it is not read.
    func alertedListings(of coverage: CoverageReport, store: any ObservationStore) async throws -> [ConcludedListing] {
        try await store.concludedListings(ofProducts: Self.notCovered(coverage), orConcluded: AlertEvaluator.listingStatuses)
    }

    private static func notCovered(_ coverage: CoverageReport) -> Set<String> {
        Set(coverage.productCoverage.lazy.filter { $0.state != .covered }.map(\.product.id))
    }

    /// The producers of `products`, for the names the report prints.
    private static func producers(of products: [Product], among producers: [Producer]) -> [Producer] {
        let named = Set(products.map(\.producerID))
        return producers.filter { named.contains($0.id) }
    }

    /// After a pass (or a daemon batch): coverage snapshot and trend, alert lifecycle, alert log
    /// (and district digests), HTML report. Each file is written whole; a failure to write one is
    /// logged, not fatal. The metrics textfile is the caller's: the daemon knows more than a pass
    /// (latency, breakers), so each caller writes it once with ``writeMetricsTextfile(_:)``.
    ///
    /// - Parameters:
    ///   - paused: Marketplaces whose circuit breaker is open: `adapter_degraded` holds for them.
    ///   - hasNewEvidence: For the daemon, which publishes more often than it checks a listing
    ///     (``AlertLifecycle/advance(conditions:rules:now:hasNewEvidence:)``); `nil` for a pass.
    ///   - everySnapshot: Store a snapshot even when nothing changed since the last one
    ///     (`sync --once`, whose passes are the history); otherwise at most one per
    ///     ``snapshotInterval`` unless a product's state changed.
    ///   - savedAlerts: The alert state the caller's previous publication saved
    ///     (``Publication/alerts``), when the caller is the only one to publish to `store` (the
    ///     daemon, under the instance lock). Without it the state is read from the store, which
    ///     at 100,000 listings means reading and decoding some 13,000 alert records.
    ///   - now: The moment of the figures and the alerts.
    @discardableResult
    func publish(
        store: any ObservationStore,
        pass: PassID?,
        passChecks: [MarketplaceID: [ListingStatus: Int]],
        paused: Set<MarketplaceID> = [],
        hasNewEvidence: ((AlertCondition) -> Bool)? = nil,
        previousCoverage: CoverageReport?,
        savedAlerts: AlertLifecycle? = nil,
        everySnapshot: Bool = false,
        now: Date = Date()
    ) async throws -> Publication {
        let clock = ContinuousClock()
        let started = clock.now
        var (report, products) = try await coverageStoringResult(store: store, now: now)
        let coverage = report.coverage
        let changes = try await changes(to: coverage, since: Self.reportChangesSpan, store: store)
        // The trend first: on a store without one it is rebuilt from the stored snapshots, and
        // decoding the snapshot about to be stored (every product's state) would only add the
        // point recorded anyway.
        let trend = try await recordTrend(of: coverage, store: store)
        try await storeSnapshot(of: coverage, pass: pass, store: store, always: everySnapshot)

        let coverageDone = clock.now
        let lastSuccessful = try await store.lastSuccessfulPass()?.endedAt
        let conditions = AlertEvaluator(rules: alertRules).conditions(
            coverage: coverage,
            previous: previousCoverage,
            passChecks: passChecks,
            concluded: try await alertedListings(of: coverage, store: store),
            lastSuccessfulPass: lastSuccessful,
            paused: paused,
            now: now
        )
        let stored: StoredAlertLifecycle
        if let savedAlerts {
            stored = StoredAlertLifecycle(saved: savedAlerts)
        } else {
            stored = try await loadStoredAlertLifecycle(store: store)
        }
        var lifecycle = stored.lifecycle
        let events = lifecycle.advance(conditions: conditions, rules: alertRules, now: now, hasNewEvidence: hasNewEvidence)
        try await saveAlertLifecycle(lifecycle, replacing: stored, store: store)
        let grouped = AlertLifecycle.group(events, rules: alertRules, time: now)
        for event in grouped {
            logger.notice("alert \(event.description)")
        }
        var files = [configuration.paths.alertLog: grouped]
        if configuration.alerts.regionDigests {
            files.merge(districtDigests(events, products: products, time: now)) { main, _ in main }
        }
        await writeAlertFiles(files, store: store)
        let alertsDone = clock.now

        report.evidence = try await shownEvidence(of: report.listedProducts, store: store)
        report.trend = trend
        report.alerts = lifecycle.active
        report.changes = changes
        let html = report.render()
        writeWhole(html, to: configuration.paths.report, what: "HTML report")
        logger.debug(
            "published",
            metadata: [
                "coverage_seconds": "\(Self.seconds(coverageDone - started))",
                "alerts_seconds": "\(Self.seconds(alertsDone - coverageDone))",
                "report_seconds": "\(Self.seconds(clock.now - alertsDone))",
                "alert_events": "\(events.count)",
            ]
        )
        return Publication(coverage: coverage, alerts: lifecycle)
    }

    /// The coverage now, stored as the result `coverage` prints, in the HTML report it starts
    /// (its gap lists chosen, with the producers they name), and, only for district digests,
    /// the products.
    ///
    /// What it was counted from ends here: at 100,000 listings every producer is 5 MB that alerts
    /// and the report never read, at the peak of a pass (docs/0012).
    private func coverageStoringResult(
        store: any ObservationStore,
        now: Date
    ) async throws -> (report: HTMLReport, products: [Product]) {
        let counted = try await currentCoverage(store: store, now: now)
        try await storeCoverageResult(counted, store: store)
        var report = HTMLReport(coverage: counted.report)
        report.producers = Self.producers(of: report.listedProducts, among: counted.producers)
        return (report, configuration.alerts.regionDigests ? counted.products : [])
    }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.3f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }

    /// What ``publish(store:pass:passChecks:paused:hasNewEvidence:previousCoverage:savedAlerts:everySnapshot:now:)`` computed, so callers
    /// need not read it back from the store.
    struct Publication {
        var coverage: CoverageReport
        var alerts: AlertLifecycle

        /// Firing alerts per kind (pending ones are not firing yet).
        var firingByKind: [AlertKind: Int] {
            Dictionary(grouping: alerts.active.filter { $0.firingSince != nil }, by: \.condition.kind).mapValues(\.count)
        }
    }

    /// Every check the store holds, by marketplace and status: the values of
    /// `ocop_checks_total`, a counter. `sync --once` and the daemon both write the textfile, one
    /// after the other on one store (a timer's passes, a daemon stopped for a manual pass), so
    /// each reads the store's totals rather than counting from its own start, which made the
    /// counter fall and rise again. `nil`, logged, when they cannot be read: no counter is
    /// better than one that falls.
    func checkTotals(store: any ObservationStore) async -> [MarketplaceID: [ListingStatus: Int]]? {
        guard configuration.metrics.textfile != nil || configuration.metrics.listen != nil else { return nil }
        do {
            return try await store.checkTotals()
        } catch {
            logger.error("cannot read the checks' totals for the metrics", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Writes `metrics.textfile` for node_exporter, when configured.
    func writeMetricsTextfile(_ snapshot: MetricsSnapshot) {
        guard let textfile = configuration.metrics.textfile else { return }
        writeWhole(PrometheusText().render(snapshot), to: textfile, what: "metrics textfile")
    }

    func loadAlertLifecycle(store: any ObservationStore) async throws -> AlertLifecycle {
        try await loadStoredAlertLifecycle(store: store).lifecycle
    }

    /// Where the alert state is kept: one record per alert (``AlertLifecycle/records(changedSince:)``).
    private static let alertNamespace = "alerts.entries"
    /// Where earlier versions kept it whole; read once, then replaced by records.
    private static let wholeAlertState = (namespace: "alerts", key: "lifecycle")

    /// The stored alert state, and how it was stored.
    private func loadStoredAlertLifecycle(store: any ObservationStore) async throws -> StoredAlertLifecycle {
        let records = try await store.loadStates(namespace: Self.alertNamespace)
        let whole =
            records.isEmpty
            ? try await store.loadState(namespace: Self.wholeAlertState.namespace, key: Self.wholeAlertState.key) : nil
        var stored = StoredAlertLifecycle(recordKeys: Array(records.keys), hasWholeValue: whole != nil)
        do {
            if let whole {
                stored.lifecycle = try AlertLifecycle(storedData: whole)
            } else {
                stored.lifecycle = try AlertLifecycle(records: records.values)
                stored.matchesRecords = true
            }
        } catch {
            logger.warning("stored alert state unreadable; starting afresh", metadata: ["error": "\(error)"])
        }
        return stored
    }

    /// Saves what changed since `stored` was read. When the records did not give `stored` (state
    /// stored whole by an earlier version, or unreadable records) every alert is written, the
    /// other records are removed, and so is the whole value: a crash in between leaves both,
    /// and the records win.
    private func saveAlertLifecycle(
        _ lifecycle: AlertLifecycle,
        replacing stored: StoredAlertLifecycle,
        store: any ObservationStore
    ) async throws {
        var changes = lifecycle.records(changedSince: stored.matchesRecords ? stored.lifecycle : AlertLifecycle())
        if !stored.matchesRecords {
            changes.removing = stored.recordKeys
        }
        try await store.updateStates(namespace: Self.alertNamespace, saving: changes.saving, removing: changes.removing)
        if stored.hasWholeValue {
            try await store.updateStates(
                namespace: Self.wholeAlertState.namespace, saving: [:], removing: [Self.wholeAlertState.key])
        }
    }

    private struct StoredAlertLifecycle {
        var lifecycle = AlertLifecycle()
        /// Whether `lifecycle` is what the records say, so that only changes need saving.
        var matchesRecords = false
        var recordKeys: [String]
        var hasWholeValue: Bool

        init(recordKeys: [String], hasWholeValue: Bool) {
            self.recordKeys = recordKeys
            self.hasWholeValue = hasWholeValue
        }

        /// The state a publication saved as records.
        init(saved: AlertLifecycle) {
            self.init(recordKeys: [], hasWholeValue: false)
            lifecycle = saved
            matchesRecords = true
        }
    }

    /// The district digests' events by file, `alerts-<district code>.jsonl` beside the alert log.
    func districtDigests(_ events: [AlertEvent], products: [Product], time: Date) -> [String: [AlertEvent]] {
        let folder = URL(fileURLWithPath: configuration.paths.alertLog).deletingLastPathComponent()
        let digests = AlertDigest.byDistrict(events, products: products, rules: alertRules, time: time)
        return Dictionary(
            digests.map { district, events in
                (folder.appendingPathComponent(AlertDigest.fileName(forDistrict: district)).path, events)
            },
            uniquingKeysWith: +)
    }

    /// Lines an alert file could not take, kept in the store per file until a later publication
    /// writes them, in order, before its own: the alert state is saved as it advanced, so a lost
    /// `firing` line would leave an officer reading a `resolved` for an alert never announced.
    private static let undeliveredNamespace = "alerts.undelivered"

    /// Appends each file's events as JSON lines, after the lines still waiting for it; a file
    /// with no event this time (a quiet district) gets its waiting lines all the same. The
    /// waiting lines are read once, whatever the number of files.
    ///
    /// Lines that waited for a file the config no longer names (the operator moved
    /// `paths.logs_dir`, as the error told them) go to the file that now plays its part, ahead of
    /// its own: the alert log, or the district's digest beside it. A digest's lines are copies of
    /// the alert log's, so with digests switched off they are dropped.
    private func writeAlertFiles(_ files: [String: [AlertEvent]], store: any ObservationStore) async {
        let log = configuration.paths.alertLog
        var waiting: [String: Data] = [:]
        do {
            waiting = try await store.loadStates(namespace: Self.undeliveredNamespace)
        } catch {
            logger.error("cannot read the alert lines waiting for their files", metadata: ["error": "\(error)"])
        }
        var earlier: [String: [String]] = [:]
        var moved: [String: [String]] = [:]
        // Lines that waited for an old path are older than those waiting for its successor:
        // they are taken first.
        let entries = waiting.map { key, data in
            let file = WaitingAlertFile(key: key, alertLog: log, digestsOn: configuration.alerts.regionDigests)
            let destination = file.isDigest ? digestDestination(of: file.path) : log
            let stays = destination.map { WaitingAlertFile(path: $0, isDigest: file.isDigest).key } == key
            return (key: key, data: data, file: file, destination: destination, order: stays ? 1 : 0)
        }
        var dropped: [String] = []
        for entry in entries.sorted(by: { ($0.order, $0.key) < ($1.order, $1.key) }) {
            guard let destination = entry.destination else {
                logger.notice(
                    "alert lines waiting for a district digest dropped: digests are off, and the alert log has them",
                    metadata: ["path": "\(entry.file.path)"])
                dropped.append(entry.key)
                continue
            }
            if entry.order == 0 { moved[destination, default: []].append(entry.key) }
            do {
                earlier[destination, default: []] += try JSONDecoder().decode([String].self, from: entry.data)
            } catch {
                logger.error("cannot read the alert lines waiting for \(entry.file.path)", metadata: ["error": "\(error)"])
            }
        }
        var forget = dropped
        for path in Set(files.keys).union(earlier.keys).sorted() {
            let key = WaitingAlertFile(path: path, isDigest: path != log).key
            // Lines moved here are forgotten under their old key only once written, or saved
            // under the new one: a failure on the way writes them twice rather than losing them.
            if await append(files[path] ?? [], after: earlier[path] ?? [], to: path, key: key, store: store) {
                forget += moved[path] ?? []
            }
        }
        guard !forget.isEmpty else { return }
        do {
            try await store.updateStates(namespace: Self.undeliveredNamespace, saving: [:], removing: forget)
        } catch {
            logger.error("cannot forget the alert lines moved from an old path", metadata: ["error": "\(error)"])
        }
    }

    /// Where a digest's waiting lines go now: the digest of the same name beside the alert log,
    /// `nil` when digests are off.
    private func digestDestination(of path: String) -> String? {
        guard configuration.alerts.regionDigests else { return nil }
        let name = URL(fileURLWithPath: path).lastPathComponent
        return URL(fileURLWithPath: configuration.paths.alertLog).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Writes `waiting` then `events` to `path`, and keeps in the store under `key` what the file
    /// could not take. Returns whether every line is safe: written, or kept.
    @discardableResult
    private func append(
        _ events: [AlertEvent],
        after waiting: [String],
        to path: String,
        key: String,
        store: any ObservationStore
    ) async -> Bool {
        let lines = waiting + events.compactMap { try? $0.jsonLine() }
        guard !lines.isEmpty else { return true }
        var written = 0
        do {
            let file = try LogFile(path: path)
            for line in lines {
                try file.append(line: line)
                written += 1
            }
        } catch {
            logger.error(
                "cannot write the alert log; the lines wait in the store for the next publication",
                metadata: ["path": "\(path)", "error": "\(error)", "waiting": "\(lines.count - written)"])
        }
        guard written < lines.count || !waiting.isEmpty else { return true }
        do {
            if written < lines.count {
                let rest = try JSONEncoder().encode(Array(lines[written...]))
                try await store.saveState(namespace: Self.undeliveredNamespace, key: key, data: rest)
            } else {
                try await store.updateStates(namespace: Self.undeliveredNamespace, saving: [:], removing: [key])
            }
            return true
        } catch {
            logger.error("cannot keep the alert lines waiting for the log", metadata: ["path": "\(path)", "error": "\(error)"])
            return written == lines.count
        }
    }

    /// Stores the compact snapshot (headline, charted breakdowns, every product's state) unless
    /// `always` is off and the last one is recent and says the same.
    func storeSnapshot(of coverage: CoverageReport, pass: PassID?, store: any ObservationStore, always: Bool) async throws {
        let document = CoverageSnapshotDocument(coverage)
        if !always, let last = try await store.coverageSnapshots(limit: 1).first,
            coverage.generatedAt.timeIntervalSince(last.takenAt) < Self.snapshotInterval,
            let stored = try? CoverageSnapshotDocument(json: last.json),
            stored.states == document.states, stored.products == document.products,
            stored.producers == document.producers
        {
            return
        }
        try await store.saveCoverageSnapshot(passID: pass, at: coverage.generatedAt, json: try document.json())
    }

    /// The newest stored snapshot taken at or before `cutoff` that carries product states, else
    /// the oldest one that does (the history is shorter than asked); `nil` when none does.
    ///
    /// Lists the snapshots' dates first and reads their reports one at a time: a daemon's history
    /// holds hundreds of reports, each with every product's state.
    func baselineSnapshot(takenAtOrBefore cutoff: Date, store: any ObservationStore) async throws
        -> (date: Date, states: ProductStates)?
    {
        var limit = 256
        while true {
            // The store lists snapshots by insertion; order them by time (a clock may have been set back).
            let fetched = try await store.coverageSnapshotDates(limit: limit)
            let snapshots = fetched.sorted { $0.takenAt > $1.takenAt }
            for snapshot in snapshots where snapshot.takenAt <= cutoff {
                if let found = try await storedStates(snapshot: snapshot.id, store: store) { return (snapshot.takenAt, found) }
            }
            guard fetched.count == limit, limit < 1 << 16 else {
                for snapshot in snapshots.reversed() {
                    if let found = try await storedStates(snapshot: snapshot.id, store: store) { return (snapshot.takenAt, found) }
                }
                return nil
            }
            limit *= 4
        }
    }

    /// The product states of one stored snapshot, `nil` when it has none (an older format).
    private func storedStates(snapshot id: Int64, store: any ObservationStore) async throws -> ProductStates? {
        guard let snapshot = try await store.coverageSnapshot(id: id) else { return nil }
        return (try? CoverageSnapshotDocument(json: snapshot.json))?.states
    }

    /// What changed between the snapshot `span` ago (or the oldest) and `coverage`; `nil` when no
    /// snapshot with product states exists yet.
    func changes(to coverage: CoverageReport, since span: TimeInterval, store: any ObservationStore) async throws
        -> CoverageChanges?
    {
        let cutoff = coverage.generatedAt.addingTimeInterval(-span)
        guard let baseline = try await baselineSnapshot(takenAtOrBefore: cutoff, store: store) else { return nil }
        return CoverageChanges(from: baseline.states, at: baseline.date, to: coverage)
    }

    /// Adds the headline of `coverage` to the stored trend and returns the trend's points.
    func recordTrend(of coverage: CoverageReport, store: any ObservationStore) async throws -> [CoverageTrendPoint] {
        var trend = try await loadTrend(store: store)
        trend.record(
            CoverageTrendPoint(
                date: coverage.generatedAt,
                productPercent: coverage.products.percent,
                producerPercent: coverage.producers.percent
            )
        )
        try await store.saveState(namespace: "coverage", key: "trend", data: try JSONEncoder().encode(trend))
        return trend.points
    }

    /// The stored trend; on the first run of a version that keeps one, rebuilt from the stored
    /// snapshots.
    func loadTrend(store: any ObservationStore) async throws -> CoverageTrend {
        if let data = try await store.loadState(namespace: "coverage", key: "trend"),
            let trend = try? JSONDecoder().decode(CoverageTrend.self, from: data)
        {
            return trend
        }
        let points = try await store.coverageSnapshots(limit: 5000).compactMap { snapshot -> CoverageTrendPoint? in
            guard let document = try? CoverageSnapshotDocument(json: snapshot.json) else { return nil }
            return CoverageTrendPoint(
                date: snapshot.takenAt,
                productPercent: document.products.percent,
                producerPercent: document.producers.percent
            )
        }
        return CoverageTrend(points: points)
    }

    /// Writes a file via a temporary sibling and a rename (``WholeFile``), so a reader never
    /// sees half a report; its folder is made when missing.
    func writeWhole(_ text: String, to path: String, what: String) {
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try WholeFile.write(text.utf8, to: path)
        } catch {
            logger.error("cannot write the \(what)", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }
}
