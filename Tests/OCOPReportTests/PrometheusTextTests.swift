import Foundation
import OCOPCore
import OCOPReport
import Testing

@Suite("PrometheusText")
struct PrometheusTextTests {
    var snapshot: MetricsSnapshot {
        var shopee = LatencyHistogram(upperBounds: [0.5, 1, 5])
        for seconds in [0.2, 0.4, 0.7, 3, 12] { shopee.observe(seconds) }
        return MetricsSnapshot(
            coverage: ReportFixture.report,
            checks: [.shopee: [.active: 10, .blocked: 3], .tiki: [.delisted: 1]],
            fetchLatency: [.shopee: shopee],
            breakers: [.shopee: .open, .tiki: .closed],
            alertsFiring: [.listingDelisted: 2],
            lastPassStarted: ReportFixture.now - 600,
            lastPassCompleted: ReportFixture.now,
            lastPassDuration: 598.5
        )
    }

    /// Checks the text exposition format line by line: comments, names, labels, values, and
    /// that every sample belongs to a family declared by `# TYPE` before it.
    func validate(_ text: String) throws -> [String: String] {
        #expect(text.hasSuffix("\n"))
        let name = #"[a-zA-Z_:][a-zA-Z0-9_:]*"#
        let label = #"[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\\\|\\"|\\n)*""#
        let sample = try Regex("^(\(name))(\\{\(label)(?:,\(label))*\\})? (\\S+)$")
        let help = try Regex("^# HELP (\(name)) .+$")
        let type = try Regex("^# TYPE (\(name)) (counter|gauge|histogram|summary|untyped)$")
        var types: [String: String] = [:]
        var helped: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if let match = line.wholeMatch(of: help) {
                let family = String(match.output[1].substring!)
                #expect(!helped.contains(family), "one HELP per family")
                helped.insert(family)
            } else if let match = line.wholeMatch(of: type) {
                types[String(match.output[1].substring!)] = String(match.output[2].substring!)
            } else if let match = line.wholeMatch(of: sample) {
                let metric = String(match.output[1].substring!)
                let family = ["_bucket", "_sum", "_count"].reduce(metric) { name, suffix in
                    types[name] == nil && name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : name
                }
                #expect(types[family] != nil, "\(metric) has a TYPE")
                let value = String(match.output[3].substring!)
                #expect(Double(value) != nil || ["+Inf", "-Inf", "NaN"].contains(value), "value \(value)")
            } else {
                Issue.record("not exposition format: \(line)")
            }
        }
        #expect(helped == Set(types.keys))
        return types
    }

    @Test func isValidExpositionFormat() throws {
        let types = try validate(PrometheusText().render(snapshot))
        #expect(types["ocop_coverage_products_ratio"] == "gauge")
        #expect(types["ocop_checks_total"] == "counter")
        #expect(types["ocop_fetch_duration_seconds"] == "histogram")
        #expect(types["ocop_circuit_breaker_state"] == "gauge")
        #expect(types["ocop_last_pass_completed_timestamp_seconds"] == "gauge")
    }

    @Test func coverageGaugesByDimension() {
        let text = PrometheusText().render(snapshot)
        #expect(text.contains(#"ocop_coverage_products_ratio{dimension="overall",key="all",label="all"} 0.25"#))
        #expect(text.contains(#"ocop_coverage_products_ratio{dimension="region",key="872",label="Cao Lãnh"} 0.5"#))
        #expect(text.contains(#"ocop_coverage_products{dimension="stars",key="3",label="3★",state="unverified"} 1"#))
        #expect(text.contains(#"ocop_coverage_target_ratio{subject="products"} 1"#))
    }

    @Test func labelValuesAreEscaped() {
        var snapshot = snapshot
        snapshot.coverage?.breakdowns[.producer] = [
            CoverageBreakdownRow(
                key: "PR9",
                label: "HTX \"A\" \\ B\nC",
                products: CoverageTally(total: 1, covered: 1),
                producers: CoverageTally(total: 1, covered: 1)
            )
        ]
        let text = PrometheusText().render(snapshot)
        #expect(text.contains(#"key="PR9",label="HTX \"A\" \\ B\nC"} 1"#))
        #expect(!text.unicodeScalars.contains("\u{0301}"), "labels are composed")
    }

    @Test func countersHistogramAndBreakers() {
        let text = PrometheusText().render(snapshot)
        #expect(text.contains(#"ocop_checks_total{marketplace="shopee",status="blocked"} 3"#))
        #expect(text.contains(#"ocop_checks_total{marketplace="tiki",status="active"} 0"#))
        #expect(text.contains(#"ocop_fetch_duration_seconds_bucket{marketplace="shopee",le="0.5"} 2"#))
        #expect(text.contains(#"ocop_fetch_duration_seconds_bucket{marketplace="shopee",le="1"} 3"#))
        #expect(text.contains(#"ocop_fetch_duration_seconds_bucket{marketplace="shopee",le="5"} 4"#))
        #expect(text.contains(#"ocop_fetch_duration_seconds_bucket{marketplace="shopee",le="+Inf"} 5"#))
        #expect(text.contains(#"ocop_fetch_duration_seconds_count{marketplace="shopee"} 5"#))
        #expect(text.contains(#"ocop_fetch_duration_seconds_sum{marketplace="shopee"} 16.3"#))
        #expect(text.contains(#"ocop_circuit_breaker_state{marketplace="shopee",state="open"} 1"#))
        #expect(text.contains(#"ocop_circuit_breaker_state{marketplace="shopee",state="closed"} 0"#))
        #expect(text.contains(#"ocop_alerts_firing{kind="listing_delisted"} 2"#))
        #expect(text.contains(#"ocop_alerts_firing{kind="adapter_degraded"} 0"#))
        #expect(text.contains("ocop_last_pass_completed_timestamp_seconds 1748736000\n"))
        #expect(text.contains("ocop_last_pass_duration_seconds 598.5\n"))
    }

    @Test func emptySnapshotIsStillValid() throws {
        let text = PrometheusText().render(MetricsSnapshot())
        _ = try validate(text)
        #expect(!text.contains("ocop_coverage_products_ratio"))
        #expect(text.contains("# TYPE ocop_checks_total counter"))
    }
}
