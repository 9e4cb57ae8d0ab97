import Foundation
import OCOPConfig
import OCOPCore
import OCOPSync
import Testing

/// `sync --once` leaves a record per pass in the event log, as the daemon does per batch: the
/// hourly timer's history is the same file an operator reads for the daemon.
@Suite(.serialized) struct EventLogOnDemoTests {
    @Test func everyPassLeavesOneRecordWithItsFigures() async throws {
        let demo = try await DemoRun.start()
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
    }
}
