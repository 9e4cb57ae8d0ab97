import Foundation
import OCOPConfig
import OCOPCore
import OCOPSync
import Testing

/// `sync --once` leaves a record per pass in the event log, as the daemon does per batch, and the
/// pass's times in the metrics textfile: the hourly timer's history is what an operator reads for
/// the daemon.
@Suite(.serialized) struct EventLogOnDemoTests {
    @Test func everyPassLeavesOneRecordWithItsFigures() async throws {
        let demo = try await DemoRun.start(extraYAML: "metrics:\n  textfile: metrics.prom")
        defer { Task { await demo.stop() } }
        let passes = [try await demo.pass(), try await demo.pass()]

        let path = try demo.context().configuration.paths.eventLog
        let records = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let meta = records.compactMap { $0["meta"] as? [String: String] }.filter { $0["event"] == "pass" }
        #expect(meta.count == passes.count)
        for (record, outcome) in zip(meta, passes) {
            #expect(record["kind"] == "once")
            #expect(record["checks"] == "\(outcome.checks)")
            #expect(record["active"] == outcome.counts[.active].map(String.init))
            #expect(record["products_covered_percent"] == outcome.coverage.products.percent.percentText)
        }
        #expect(Set(meta.compactMap { $0["pass"] }).count == passes.count, "each record names its own pass")

        let textfile = try demo.context().configuration.metrics.textfile ?? ""
        let metrics = try String(contentsOfFile: textfile, encoding: .utf8).split(separator: "\n")
        for name in ["last_pass_started_timestamp_seconds", "last_pass_completed_timestamp_seconds", "last_pass_duration_seconds"] {
            let sample = metrics.first { $0.hasPrefix("ocop_\(name) ") }
            let value = sample.flatMap { Double($0.split(separator: " ").last ?? "") }
            #expect(value.map { $0 > 0 } == true, "ocop_\(name): \(sample ?? "no sample")")
        }
        // A counter: the two passes' checks, not the last pass's alone, which Prometheus would
        // read as no checks at all between the timer's runs.
        let checked = metrics.filter { $0.hasPrefix("ocop_checks_total{") }.compactMap { Int($0.split(separator: " ").last ?? "") }
        #expect(checked.reduce(0, +) == passes.map(\.checks).reduce(0, +), "\(checked.reduce(0, +)) checks counted")
    }
}
