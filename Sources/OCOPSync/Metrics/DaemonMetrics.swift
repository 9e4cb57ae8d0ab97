import Foundation
import OCOPCore
import OCOPReport
import OCOPStore
import Synchronization

/// What the daemon has done since it started, shared between its loop (which updates it) and the
/// `/metrics` endpoint (which reads a ``MetricsSnapshot`` of it at scrape time).
///
/// The checks counter starts from the store's totals, which `sync --once` shares (docs/0008);
/// latency starts at zero with the process, as Prometheus expects of counters; gauges (coverage,
/// breakers, alerts, last pass) start from the store and are replaced as the loop learns them.
final class DaemonMetrics: Sendable {
    private let state = Mutex(MetricsSnapshot())

    /// Counts a finished check and its fetch time, by marketplace.
    func record(_ observation: Observation) {
        state.withLock { snapshot in
            snapshot.checks[observation.marketplace, default: [:]][observation.status, default: 0] += 1
            if let milliseconds = observation.elapsedMilliseconds {
                snapshot.fetchLatency[observation.marketplace, default: LatencyHistogram()]
                    .observe(Double(milliseconds) / 1000)
            }
        }
    }

    /// The circuit breakers' current states.
    func setBreakers(_ breakers: [MarketplaceID: MetricsSnapshot.BreakerState]) {
        state.withLock { $0.breakers = breakers }
    }

    /// What a finished batch changed: coverage, firing alerts, and its own times.
    func batchFinished(
        coverage: CoverageReport,
        alertsFiring: [AlertKind: Int]?,
        startedAt: Date,
        endedAt: Date
    ) {
        state.withLock { snapshot in
            snapshot.publish(coverage: coverage, alertsFiring: alertsFiring)
            snapshot.setLastPass(startedAt: startedAt, endedAt: endedAt)
        }
    }

    /// What a publication without a batch changed (the rules, after a reload): coverage and the
    /// firing alerts, not the pass times.
    func published(coverage: CoverageReport, alertsFiring: [AlertKind: Int]?) {
        state.withLock { $0.publish(coverage: coverage, alertsFiring: alertsFiring) }
    }

    /// What the store knows at start-up: coverage, every check counted so far, and the last
    /// pass, so that the textfile an idle publication writes keeps them.
    func start(coverage: CoverageReport, checks: [MarketplaceID: [ListingStatus: Int]], lastPass: PassRecord?) {
        state.withLock { snapshot in
            snapshot.coverage = coverage
            snapshot.checks = checks
            if let lastPass, let endedAt = lastPass.endedAt {
                snapshot.setLastPass(startedAt: lastPass.startedAt, endedAt: endedAt)
            }
        }
    }

    /// Everything, as ``PrometheusText`` renders it.
    func snapshot() -> MetricsSnapshot {
        state.withLock { $0 }
    }
}

extension MetricsSnapshot {
    fileprivate mutating func publish(coverage: CoverageReport, alertsFiring: [AlertKind: Int]?) {
        self.coverage = coverage
        if let alertsFiring { self.alertsFiring = alertsFiring }
    }

    fileprivate mutating func setLastPass(startedAt: Date, endedAt: Date) {
        lastPassStarted = startedAt
        lastPassCompleted = endedAt
        lastPassDuration = endedAt.timeIntervalSince(startedAt)
    }
}
