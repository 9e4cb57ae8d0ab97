import Foundation
import OCOPCore

/// Renders a ``MetricsSnapshot`` in the Prometheus text exposition format (version 0.0.4), for
/// the daemon's `/metrics` endpoint or the node exporter's textfile collector.
///
/// Every family gets `# HELP` and `# TYPE` lines; label values are escaped (`\\`, `\"`, `\n`),
/// since district and producer names come from the catalog. Series whose value is merely zero
/// (a status never seen, a kind not firing) are still written, so dashboards and `absent()`
/// rules see stable series.
public struct PrometheusText: Sendable {
    /// The `Content-Type` to serve the text with.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Prefix of every metric name.
    public var namespace: String

    public init(namespace: String = "ocop") {
        self.namespace = namespace
    }

    public func render(_ snapshot: MetricsSnapshot) -> String {
        var families: [MetricFamily] = []
        if let coverage = snapshot.coverage {
            families += coverageFamilies(coverage)
        }
        families.append(checksFamily(snapshot.checks))
        families.append(latencyFamily(snapshot.fetchLatency))
        families.append(breakerFamily(snapshot.breakers))
        families.append(alertFamily(snapshot.alertsFiring))
        families += passFamilies(snapshot)
        return families.map(\.text).joined()
    }

    private func coverageFamilies(_ report: CoverageReport) -> [MetricFamily] {
        var products = MetricFamily(
            name: "\(namespace)_coverage_products_ratio",
            help: "Share of counted OCOP products covered by a fresh online listing (0-1), overall and by dimension.",
            type: "gauge"
        )
        var producers = MetricFamily(
            name: "\(namespace)_coverage_producers_ratio",
            help: "Share of OCOP producers with at least one covered product (0-1), overall and by dimension.",
            type: "gauge"
        )
        var productCounts = MetricFamily(
            name: "\(namespace)_coverage_products",
            help: "Counted OCOP products by coverage state, overall and by dimension.",
            type: "gauge"
        )
        var producerCounts = MetricFamily(
            name: "\(namespace)_coverage_producers",
            help: "OCOP producers by coverage state, overall and by dimension.",
            type: "gauge"
        )
        func add(_ labels: [(String, String)], _ productTally: CoverageTally, _ producerTally: CoverageTally) {
            products.add(labels, Self.number(productTally.percent / 100))
            producers.add(labels, Self.number(producerTally.percent / 100))
            for (state, product, producer) in [
                ("covered", productTally.covered, producerTally.covered),
                ("uncovered", productTally.uncovered, producerTally.uncovered),
                ("unverified", productTally.unverified, producerTally.unverified),
            ] {
                productCounts.add(labels + [("state", state)], String(product))
                producerCounts.add(labels + [("state", state)], String(producer))
            }
        }
        add([("dimension", "overall"), ("key", "all"), ("label", "all")], report.products, report.producers)
        for dimension in CoverageDimension.allCases {
            for row in report.breakdowns[dimension] ?? [] {
                add(
                    [("dimension", dimension.rawValue), ("key", row.key), ("label", row.label)],
                    row.products,
                    row.producers
                )
            }
        }
        var target = MetricFamily(
            name: "\(namespace)_coverage_target_ratio",
            help: "Configured coverage target (0-1).",
            type: "gauge"
        )
        target.add([("subject", "products")], Self.number(report.rules.productTarget / 100))
        target.add([("subject", "producers")], Self.number(report.rules.producerTarget / 100))
        return [products, producers, productCounts, producerCounts, target]
    }

    private func checksFamily(_ checks: [MarketplaceID: [ListingStatus: Int]]) -> MetricFamily {
        var family = MetricFamily(
            name: "\(namespace)_checks_total",
            help: "Listing checks this store has seen, by marketplace and resulting status.",
            type: "counter"
        )
        for marketplace in checks.keys.sorted() {
            for status in ListingStatus.allCases {
                family.add(
                    [("marketplace", marketplace.rawValue), ("status", status.rawValue)],
                    String(checks[marketplace]?[status] ?? 0)
                )
            }
        }
        return family
    }

    private func latencyFamily(_ histograms: [MarketplaceID: LatencyHistogram]) -> MetricFamily {
        var family = MetricFamily(
            name: "\(namespace)_fetch_duration_seconds",
            help: "Time to fetch a listing, redirects and retries included, by marketplace.",
            type: "histogram"
        )
        for marketplace in histograms.keys.sorted() {
            guard let histogram = histograms[marketplace] else { continue }
            let labels = [("marketplace", marketplace.rawValue)]
            for bucket in histogram.cumulativeBuckets {
                family.add(labels + [("le", Self.number(bucket.upperBound))], String(bucket.count), suffix: "_bucket")
            }
            family.add(labels, Self.number(histogram.sum), suffix: "_sum")
            family.add(labels, String(histogram.count), suffix: "_count")
        }
        return family
    }

    private func breakerFamily(_ breakers: [MarketplaceID: MetricsSnapshot.BreakerState]) -> MetricFamily {
        var family = MetricFamily(
            name: "\(namespace)_circuit_breaker_state",
            help: "Circuit breaker state per marketplace: 1 for the current state, 0 for the others.",
            type: "gauge"
        )
        for marketplace in breakers.keys.sorted() {
            for state in MetricsSnapshot.BreakerState.allCases {
                family.add(
                    [("marketplace", marketplace.rawValue), ("state", state.rawValue)],
                    breakers[marketplace] == state ? "1" : "0"
                )
            }
        }
        return family
    }

    private func alertFamily(_ firing: [AlertKind: Int]) -> MetricFamily {
        var family = MetricFamily(
            name: "\(namespace)_alerts_firing",
            help: "Alerts currently firing, by kind.",
            type: "gauge"
        )
        for kind in AlertKind.allCases {
            family.add([("kind", kind.rawValue)], String(firing[kind] ?? 0))
        }
        return family
    }

    private func passFamilies(_ snapshot: MetricsSnapshot) -> [MetricFamily] {
        var started = MetricFamily(
            name: "\(namespace)_last_pass_started_timestamp_seconds",
            help: "Unix time the last pass started.",
            type: "gauge"
        )
        var completed = MetricFamily(
            name: "\(namespace)_last_pass_completed_timestamp_seconds",
            help: "Unix time the last pass completed.",
            type: "gauge"
        )
        var duration = MetricFamily(
            name: "\(namespace)_last_pass_duration_seconds",
            help: "How long the last completed pass took.",
            type: "gauge"
        )
        if let date = snapshot.lastPassStarted { started.add([], Self.number(date.timeIntervalSince1970)) }
        if let date = snapshot.lastPassCompleted { completed.add([], Self.number(date.timeIntervalSince1970)) }
        if let seconds = snapshot.lastPassDuration { duration.add([], Self.number(seconds)) }
        return [started, completed, duration]
    }

    /// A sample value as Prometheus parses it: integers without a fraction, `+Inf`, `NaN`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}

/// One metric family: its `HELP` and `TYPE` lines and its samples.
private struct MetricFamily {
    var name: String
    var help: String
    var type: String
    var samples: [String] = []

    init(name: String, help: String, type: String) {
        self.name = name
        self.help = help
        self.type = type
    }

    mutating func add(_ labels: [(String, String)], _ value: String, suffix: String = "") {
        let labelText =
            labels.isEmpty
            ? ""
            : "{" + labels.map { "\($0.0)=\"\(Self.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        samples.append("\(name)\(suffix)\(labelText) \(value)\n")
    }

    var text: String {
        "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type)\n" + samples.joined()
    }

    /// A label value escaped, and composed (NFC) so that a series keeps its identity when the
    /// catalog's spelling of a name switches between composed and decomposed forms.
    static func escapeLabel(_ value: String) -> String {
        value.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\n")
    }

    static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
