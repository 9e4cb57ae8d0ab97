import Foundation
import MockMarketplace
import OCOPConfig
import OCOPCore
import OCOPReport
import OCOPStore
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// Snapshots with per-product states after every pass, and `coverage --changes [--since]`
/// choosing the newest snapshot at least that old.
@Suite(.serialized) struct ChangesOnDemoTests {
    @Test func everyPassStoresTheStatesAndChangesCompareWithTheRightSnapshot() async throws {
        let demo = try await DemoRun.start()
        defer { Task { await demo.stop() } }
        let first = try await demo.pass()
        let store = try demo.context().openStore()
        let stored = try #require(try await store.coverageSnapshots(limit: 10).first)
        let document = try CoverageSnapshotDocument(json: stored.json)
        let states = try #require(document.states)
        #expect(states == ProductStates(first.coverage))
        #expect(states.count == 581)
        #expect(stored.json.count < 32 * 1024, "compact: \(stored.json.count) bytes")

        // History: a snapshot ten days old and one eight days old, each with two products flipped.
        let covered = states.covered
        let uncovered = states.uncovered
        func flipped(_ gained: String, _ lost: String) -> ProductStates {
            ProductStates(
                covered: covered.filter { $0 != gained } + [lost],
                uncovered: uncovered.filter { $0 != lost } + [gained],
                unverified: states.unverified
            )
        }
        let now = Date()
        for (age, states) in [(10.0, flipped(covered[0], uncovered[0])), (8.0, flipped(covered[1], uncovered[1]))] {
            var old = document
            old.states = states
            try await store.saveCoverageSnapshot(passID: nil, at: now - age * 86_400, json: try old.json())
        }

        let week = try await demo.tool(["coverage", "--changes", "--since", "7d", "--format", "json"])
        #expect(week.succeeded, "\(week.stderr)")
        let weekObject = try #require(try JSONSerialization.jsonObject(with: Data(week.stdout.utf8)) as? [String: Any])
        #expect(ids(weekObject, "newly_covered") == [covered[1]])
        #expect(ids(weekObject, "newly_uncovered") == [uncovered[1]])
        #expect((weekObject["span_seconds"] as? Int ?? 0) >= 8 * 86_400 - 60)

        let nine = try await demo.tool(["coverage", "--changes", "--since", "9d", "--format", "json"])
        let nineObject = try #require(try JSONSerialization.jsonObject(with: Data(nine.stdout.utf8)) as? [String: Any])
        #expect(ids(nineObject, "newly_covered") == [covered[0]])

        // Units in capitals are read as in the config: 1W is a week.
        #expect(try await demo.tool(["coverage", "--changes", "--since", "1W"]).succeeded)
        let month = try await demo.tool(["coverage", "--changes", "--since", "30d"])
        #expect(month.succeeded)
        #expect(month.stdout.contains("compared with the oldest one"))
        #expect(month.stdout.contains(covered[0]))

        // A real change: a delisting after the first pass, whose states are also stored two days
        // back (so that `--since 1d` finds them whatever the speed of the machine).
        try await store.saveCoverageSnapshot(passID: nil, at: now - 2 * 86_400, json: stored.json)
        let (product, listing) = try await demo.productWithOneActiveListing(on: .lazada)
        #expect(states.covered.contains(product.id))
        await demo.set(.delisted, listing)
        try await demo.pass()
        let recent = try await demo.tool(["coverage", "--changes", "--since", "1d", "--format", "csv"])
        #expect(recent.succeeded)
        let rows = recent.stdout.components(separatedBy: "\r\n").filter { $0.hasPrefix("newly_") }
        #expect(rows.contains { $0.hasPrefix("newly_uncovered,\(product.id),") && $0.contains(",covered,uncovered,") }, "\(rows)")
        let table = try await demo.tool(["coverage", "--changes", "--since", "1d"])
        #expect(table.stdout.contains("Newly uncovered"))
        #expect(table.stdout.contains(product.id))
        #expect(try await store.coverageSnapshots(limit: 10).count == 5, "one per pass, plus the three planted")

        let help = try await Tool.run(try Tool.ocopWatch, ["coverage", "--help"])
        #expect(help.stdout.contains("--changes"))
        #expect(help.stdout.contains("ocop-watch coverage --changes --since 24h --format json"))
        // A day not on the calendar is refused, not rolled over into March; nor is a future day.
        for (since, reason) in [
            ("2025-02-30", "no such day on the calendar"), ("2025-13-45", "no such day on the calendar"),
            ("2099-01-01", "the day is still to come"), ("0d", "longer than zero"), ("soon", "give a span (24h, 7d, 2w)"),
            ("1m", "1m is minutes or seconds; a month is 30d"),
        ] {
            let refused = try await demo.tool(["coverage", "--changes", "--since", since])
            #expect(refused.status == 64, "\(since): \(refused.stdout)")
            #expect(refused.stderr.contains("'\(since)' is invalid for '--since"), "\(refused.stderr)")
            #expect(refused.stderr.contains(reason), "\(since): \(refused.stderr)")
        }
        // A report that cannot be written says why: a folder named, a folder missing.
        let folder = demo.environment.directory.path
        let intoFolder = try await demo.tool(["report", "--output", folder])
        #expect(
            intoFolder.stderr.contains("cannot write the report: \(folder) is a folder, not a regular file; name a file"),
            "\(intoFolder.stderr)")
        let nowhere = try await demo.tool(["report", "--output", "/nonexistent/ocop/r.html"])
        #expect(nowhere.stderr.contains("the folder /nonexistent/ocop does not exist"), "\(nowhere.stderr)")

        // An id typed in the wrong case is pointed at the right one.
        let lowered = try await demo.tool(["coverage", "--explain", product.id.lowercased()])
        #expect(lowered.status == 1)
        #expect(lowered.stderr.contains("did you mean \(product.id)?"), "\(lowered.stderr)")

        // A format a command cannot write is refused, not silently replaced by another.
        for (arguments, message) in [
            (["coverage", "--explain", product.id, "--format", "json"], "--explain writes a bilingual explanation"),
            (["coverage", "--format", "text"], "Please provide one of 'table', 'json' or 'csv'"),
            (["check", "https://tiki.vn/x-p1.html", "--format", "csv"], "Please provide one of 'text' and 'json'"),
            (["alerts", "--format", "csv"], "Please provide one of 'table' and 'json'"),
        ] {
            let refused = try await demo.tool(arguments)
            #expect(refused.status == 64, "\(arguments): \(refused.stdout)")
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
    }

    @Test func aDaemonBatchStoresASnapshotOnlyWhenSomethingChangedOrAnHourPassed() async throws {
        let demo = try await DemoRun.start()
        defer { Task { await demo.stop() } }
        try await demo.pass()
        let context = try demo.context()
        let store = try context.openStore()
        let count = try await store.coverageSnapshots(limit: 100).count
        try await context.publish(store: store, pass: nil, passChecks: [:], previousCoverage: nil)
        #expect(try await store.coverageSnapshots(limit: 100).count == count, "nothing changed within the hour")
        try await context.publish(store: store, pass: nil, passChecks: [:], previousCoverage: nil, everySnapshot: true)
        #expect(try await store.coverageSnapshots(limit: 100).count == count + 1)
    }

    func ids(_ object: [String: Any], _ key: String) -> [String] {
        (object[key] as? [[String: Any]] ?? []).compactMap { $0["product_id"] as? String }
    }
}
