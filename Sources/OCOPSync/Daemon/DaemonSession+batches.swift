import Foundation
import Logging
import OCOPConfig
import OCOPCore
import OCOPReport
import OCOPStore
import SystemdKit

extension DaemonSession {
    /// Commits what waits in the open batch every `daemon.flush_interval`, and closes the batch
    /// once it is `daemon.batch_window` old.
    mutating func maintainBatch(at now: Date) async {
        guard let open = batch else { return }
        if now >= open.openedAt.addingTimeInterval(configuration.daemon.batchWindow) {
            await closeBatch(at: now)
        } else if now >= open.lastFlush.addingTimeInterval(configuration.daemon.flushInterval) {
            batch?.lastFlush = now
            do {
                try await batch?.recorder.flush()
            } catch {
                report(error, "cannot commit observations to the store")
            }
        }
    }

    /// Ends the open batch: commits its observations and finishes its pass, then recomputes
    /// coverage, alerts, the report and the metrics (`publish`), asks for a re-check of the
    /// listings of every product that just lost coverage, and saves the planner.
    mutating func closeBatch(at now: Date) async {
        guard var closing = batch else { return }
        batch = nil
        var failure: String?
        do {
            try await closing.recorder.flush()
        } catch {
            failure = "\(error)"
            report(error, "cannot commit observations to the store")
        }
        let endedAt = Date()
        do {
            try await store.finishPass(closing.pass, endedAt: endedAt, counts: closing.recorder.counts, error: failure)
        } catch {
            report(error, "cannot finish the pass in the store")
        }
        let previous = coverage
        if let publication = await publish(pass: closing.pass, at: endedAt) {
            let fresh = publication.coverage
            if let previous { requestConfirmations(lost: Self.lostCoverage(from: previous, to: fresh), at: endedAt) }
            metrics.batchFinished(coverage: fresh, alertsFiring: publication.firingByKind, startedAt: closing.openedAt, endedAt: endedAt)
            // The same figures as `/metrics`: totals since start, latency and breakers included.
            context.writeMetricsTextfile(metrics.snapshot())
        }
        await savePlanner()
        var metadata: Logger.Metadata = [
            "pass": "\(closing.pass.rawValue)",
            "checks": "\(closing.recorder.added)",
            "seconds": "\(String(format: "%.1f", endedAt.timeIntervalSince(closing.openedAt)))",
            "due": "\(planner.schedule.dueCount(at: endedAt))",
            "in_flight": "\(inFlight)",
        ]
        for (status, count) in closing.recorder.counts { metadata[status.rawValue] = "\(count)" }
        if let coverage { metadata["products_covered_percent"] = "\(coverage.products.percent.percentText)" }
        eventLog.record("batch", "batch finished", echo: false, metadata: metadata)
        notifySystemd { try $0.status(statusLine(at: endedAt)) }
    }

    /// Publishes although no batch closed for ``idlePublicationInterval``: `no_successful_pass`
    /// and `certificate_expiring` depend on the clock, not on checks, and must not wait for a
    /// check that may not come (every breaker open, an outage between two probes).
    mutating func publishIfIdle(at now: Date) async {
        guard batch == nil, now >= lastPublished.addingTimeInterval(idlePublicationInterval) else { return }
        guard let publication = await publish(pass: nil, at: now) else { return }
        // A reload's new target or rules show in `/metrics` and the textfile now, not at the
        // next batch, hours away on a 6 h interval.
        metrics.published(coverage: publication.coverage, alertsFiring: publication.firingByKind)
        context.writeMetricsTextfile(metrics.snapshot())
    }

    /// A quarter of `alerts.no_pass_after`, at most 15 minutes and at least a batch window.
    var idlePublicationInterval: TimeInterval {
        max(configuration.daemon.batchWindow, min(15 * 60, context.alertRules.maximumPassAge / 4))
    }

    /// Recomputes coverage, alerts, the report (`WatchContext.publish`) and keeps what the next
    /// publication starts from; `nil`, logged, when it failed.
    private mutating func publish(pass: PassID?, at now: Date) async -> WatchContext.Publication? {
        lastPublished = now
        let configuration = configuration
        // Taken now: a publication that fails after saving the alert state must not count the
        // same checks twice.
        let checked = checkedSincePublication
        let rulesChanged = rulesChangedSincePublication
        checkedSincePublication = []
        rulesChangedSincePublication = false
        // A marketplace that lost its listings (disabled, or gone from the catalog) is judged no
        // more: its recent checks and its breaker, which stays, say nothing anyone waits for.
        let scheduled = planner.schedule.nextWakeByMarketplace().keys
        do {
            let publication = try await context.publish(
                store: store,
                pass: pass,
                passChecks: recentChecks.counts(at: now) { configuration.marketplace($0).interval }
                    .filter { scheduled.contains($0.key) },
                paused: Set(scheduled.filter { planner.breakers[$0].map { $0.state != .closed } ?? false }),
                hasNewEvidence: rulesChanged
                    ? { _ in true } : Self.newEvidence(checked: checked, listings: listings, products: catalogProducts),
                previousCoverage: coverage,
                savedAlerts: savedAlerts
            )
            savedAlerts = publication.alerts
            coverage = publication.coverage
            requestConfirmations(resolving: publication.alerts, at: now)
            return publication
        } catch {
            savedAlerts = nil
            report(error, "cannot publish coverage, alerts and report")
            return nil
        }
    }

    /// Whether a gone condition has new evidence behind it: a check of its listing (of any
    /// listing of its product, for a product's alert) since the last publication, or its listing
    /// or product left the catalog.
    static func newEvidence(
        checked: Set<ListingKey>,
        listings: [ListingKey: Listing],
        products: Set<String>
    ) -> (AlertCondition) -> Bool {
        let checkedProducts = Set(checked.map(\.productID))
        return { condition in
            guard let product = condition.product else { return true }
            if let url = condition.listing {
                let key = ListingKey(productID: product, url: url)
                return checked.contains(key) || listings[key] == nil
            }
            return checkedProducts.contains(product) || !products.contains(product)
        }
    }

    /// The listings behind alerts that began to resolve are re-checked within
    /// `daemon.confirm_after`: the second answer that resolves them (or not) comes soon, not an
    /// interval later.
    mutating func requestConfirmations(resolving alerts: AlertLifecycle, at now: Date) {
        var products: Set<String> = []
        for entry in alerts.entries.values {
            guard case .resolving(count: 1, _, _) = entry.state, entry.condition.kind.isObservationDerived,
                let product = entry.condition.product
            else { continue }
            if let url = entry.condition.listing {
                planner.requestConfirmation(ListingKey(productID: product, url: url), at: now)
            } else {
                products.insert(product)
            }
        }
        requestConfirmations(ofProducts: products, at: now)
    }

    /// Every listing of a product that went from covered to not covered is re-checked within
    /// `daemon.confirm_after`, ahead of routine checks.
    mutating func requestConfirmations(lost products: Set<String>, at now: Date) {
        guard !products.isEmpty else { return }
        let count = requestConfirmations(ofProducts: products, at: now)
        eventLog.record(
            "confirm",
            "products lost coverage; their listings are re-checked soon",
            level: .notice,
            metadata: ["products": "\(products.sorted().prefix(20).joined(separator: ","))", "listings": "\(count)"]
        )
    }

    /// Asks for every listing of `products` to be re-checked soon; returns how many.
    @discardableResult
    private mutating func requestConfirmations(ofProducts products: Set<String>, at now: Date) -> Int {
        guard !products.isEmpty else { return 0 }
        var count = 0
        for key in listings.keys where products.contains(key.productID) {
            planner.requestConfirmation(key, at: now)
            count += 1
        }
        return count
    }

    /// Saves `planner` as ``loadPlanner(store:configuration:eventLog:)`` reads it: the schedule's
    /// records first, only those that changed, then the planner without them, replacing any
    /// whole schedule an earlier version stored.
    static func save(_ planner: inout CheckPlanner, to store: any ObservationStore) async throws {
        let changes = planner.scheduleChanges()
        try await store.updateStates(namespace: scheduleNamespace, saving: changes.saving, removing: changes.removing)
        try await store.saveState(namespace: stateNamespace, key: stateKey, data: try JSONEncoder().encode(planner))
        planner.scheduleSaved()
    }

    /// Products covered before and not after.
    static func lostCoverage(from before: CoverageReport, to after: CoverageReport) -> Set<String> {
        let wasCovered = Set(before.productCoverage.filter { $0.state == .covered }.map(\.product.id))
        return Set(after.productCoverage.filter { $0.state != .covered && wasCovered.contains($0.product.id) }.map(\.product.id))
    }

    /// Persists the planner (schedule, breakers, budgets), so a restart continues where this run
    /// stopped instead of re-checking everything at once or hammering a marketplace that blocks us.
    mutating func savePlanner() async {
        do {
            try await Self.save(&planner, to: store)
        } catch {
            report(error, "cannot save the schedule")
        }
    }

    /// The inodes of the `-wal` and `-shm` beside the database at `path`, those present.
    static func sidecarInodes(of path: String) -> [String: UInt64] {
        var inodes: [String: UInt64] = [:]
        for suffix in ["-wal", "-shm"] { inodes[suffix] = FileStatus(path: path + suffix)?.inode }
        return inodes
    }

    /// `20261201T081500`, in UTC: a file name's time, sortable and free of `:`.
    static func fileStamp(_ date: Date) -> String {
        let format = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().time(includingFractionalSeconds: false)
            .dateTimeSeparator(.standard).timeSeparator(.omitted).dateSeparator(.omitted)
        return date.formatted(format)
    }

    /// Stops the daemon, as a failure, when the file at `paths.database` is no longer the one the
    /// store opened (deleted, or replaced by a restore): all it commits would go to a file nobody
    /// can open, while `coverage` and the report find nothing at the path. A restart opens the
    /// file that is there. Looked at once per `daemon.tick`: three `stat(2)`s.
    mutating func stopUnlessDatabaseInPlace(at now: Date) async {
        guard phase == .running, let opened = databaseInode, now >= nextDatabaseLook else { return }
        nextDatabaseLook = now.addingTimeInterval(configuration.daemon.tick)
        let path = configuration.paths.database
        let current = FileStatus(path: path)
        guard current?.inode != opened else {
            // The journal files beside it are this store's while the database is in place.
            sidecarInodes = Self.sidecarInodes(of: path)
            return
        }
        // The store's `-wal` still lies at the path and belongs to the old file: beside a copy
        // restored there, SQLite would read its pages as the copy's (a malformed database, or the
        // old one's rows). It is moved aside, never deleted: it may hold the old file's last
        // commits (a database moved while in use is paired with it again by its new name). The
        // `-shm` is an index SQLite rebuilds. This process keeps its open descriptors.
        var keptAs: String?
        if let wal = sidecarInodes["-wal"], FileStatus(path: path + "-wal")?.inode == wal {
            let aside = path + "-wal.orphaned-" + Self.fileStamp(now)
            if rename(path + "-wal", aside) == 0 { keptAs = aside }
        }
        if let shm = sidecarInodes["-shm"], FileStatus(path: path + "-shm")?.inode == shm { unlink(path + "-shm") }
        let what = current == nil ? "was deleted" : "was replaced by another file"
        let kept =
            keptAs.map {
                "; its write-ahead log, which may hold the old file's last commits, was moved to \($0) (put it "
                    + "back beside the old file, named as it plus -wal, to read them)"
            } ?? ""
        let message =
            "the database \(path) \(what) while the daemon ran: what it recorded since went to the old file\(kept); "
            + "stopping so that a restart opens the file at that path (restore it first if it was deleted by mistake)"
        failure = message
        eventLog.record("database_gone", message, level: .error)
        notifySystemd { try $0.status("stopping: the database file \(what)") }
        await handle(.stop)
    }
}
