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
            groupThreshold: alerts.groupThreshold
        )
    }

    /// Coverage of what the store holds now.
    func currentCoverage(store: any ObservationStore, now: Date = Date()) async throws -> (CoverageReport, Catalog, [ListingEvidence]) {
        let catalog = try await store.catalog()
        let evidence = try await store.evidence()
        let report = CoverageCalculator(rules: coverageRules).report(
            producers: catalog.producers,
            products: catalog.products,
            evidence: evidence,
            now: now
        )
        return (report, catalog, evidence)
    }

    /// After a pass (or a daemon batch): coverage snapshot, alert lifecycle, alert log, HTML report,
    /// metrics textfile. Each output is written whole; a failure to write one is logged, not fatal.
    @discardableResult
    func publish(
        store: any ObservationStore,
        pass: PassID?,
        passChecks: [MarketplaceID: [ListingStatus: Int]],
        previousCoverage: CoverageReport?
    ) async throws -> CoverageReport {
        let now = Date()
        let (coverage, catalog, evidence) = try await currentCoverage(store: store, now: now)
        let renderer = CoverageRenderer()
        try await store.saveCoverageSnapshot(passID: pass, at: now, json: Data(try renderer.json(coverage, by: nil).utf8))

        let lastCompleted = try await store.lastCompletedPass()?.endedAt
        let conditions = AlertEvaluator(rules: alertRules).conditions(
            coverage: coverage,
            previous: previousCoverage,
            passChecks: passChecks,
            evidence: evidence,
            lastCompletedPass: lastCompleted,
            now: now
        )
        var lifecycle = try await loadAlertLifecycle(store: store)
        let events = lifecycle.step(conditions: conditions, rules: alertRules, now: now)
        try await store.saveState(namespace: "alerts", key: "lifecycle", data: try JSONEncoder().encode(lifecycle))
        writeAlerts(events)

        let trend = try await coverageTrend(store: store)
        let html = HTMLReport(
            coverage: coverage,
            producers: catalog.producers,
            evidence: evidence,
            trend: trend,
            alerts: lifecycle.active
        ).render()
        writeWhole(html, to: configuration.paths.report, what: "HTML report")
        if let textfile = configuration.metrics.textfile {
            let firing = Dictionary(grouping: lifecycle.active, by: \.condition.kind).mapValues(\.count)
            let snapshot = MetricsSnapshot(coverage: coverage, checks: passChecks, alertsFiring: firing)
            writeWhole(PrometheusText().render(snapshot), to: textfile, what: "metrics textfile")
        }
        return coverage
    }

    func loadAlertLifecycle(store: any ObservationStore) async throws -> AlertLifecycle {
        guard let data = try await store.loadState(namespace: "alerts", key: "lifecycle") else { return AlertLifecycle() }
        do {
            return try JSONDecoder().decode(AlertLifecycle.self, from: data)
        } catch {
            logger.warning("stored alert state unreadable; starting afresh", metadata: ["error": "\(error)"])
            return AlertLifecycle()
        }
    }

    /// Appends each event to the alert log (one JSON line) and the operational log.
    func writeAlerts(_ events: [AlertEvent]) {
        guard !events.isEmpty else { return }
        let file: LogFile?
        do {
            file = try LogFile(path: configuration.paths.alertLog)
        } catch {
            logger.error("cannot open the alert log", metadata: ["error": "\(error)"])
            file = nil
        }
        for event in events {
            logger.notice("alert \(event.description)")
            do {
                try file?.append(line: try event.jsonLine())
            } catch {
                logger.error("cannot write the alert log", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Product and producer percentages of past snapshots, oldest first.
    func coverageTrend(store: any ObservationStore, limit: Int = 60) async throws -> [CoverageTrendPoint] {
        try await store.coverageSnapshots(limit: limit).reversed().compactMap { snapshot in
            guard let object = try? JSONSerialization.jsonObject(with: snapshot.json) as? [String: Any],
                let products = (object["products"] as? [String: Any])?["percent"] as? Double,
                let producers = (object["producers"] as? [String: Any])?["percent"] as? Double
            else { return nil }
            return CoverageTrendPoint(date: snapshot.takenAt, productPercent: products, producerPercent: producers)
        }
    }

    /// Writes a file via a temporary sibling and a rename, so a reader never sees half a report.
    func writeWhole(_ text: String, to path: String, what: String) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            logger.error("cannot write the \(what)", metadata: ["path": "\(path)", "error": "\(error.localizedDescription)"])
        }
    }
}
