import Foundation
import OCOPCore
import OCOPSync
import OCOPTestSupport
import Testing

/// `ocop-watch coverage --by X --format table|json|csv` for every dimension, as an operator runs
/// it, after one real pass over the demo: the three formats carry the same rows and numbers.
@Suite(.serialized) struct BreakdownOnDemoTests {
    static let tallyKeys: Set<String> = ["total", "covered", "uncovered", "unverified", "percent", "target"]

    @Test func everyDimensionInEveryFormatAgrees() async throws {
        let demo = try await DemoRun.start()
        defer { Task { await demo.stop() } }
        let outcome = try await demo.pass()
        let headline = outcome.coverage.products

        for dimension in CoverageDimension.allCases {
            let json = try await demo.tool(["coverage", "--by", dimension.rawValue, "--format", "json"])
            #expect(json.succeeded, "\(dimension): \(json.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(object["dimension"] as? String == dimension.rawValue)
            for subject in ["products", "producers"] {
                let tally = try #require(object[subject] as? [String: Any], "\(dimension) \(subject)")
                #expect(Self.tallyKeys.isSubset(of: Set(tally.keys)), "\(dimension) \(subject): \(tally.keys)")
            }
            let products = try #require(object["products"] as? [String: Any])
            #expect(products["total"] as? Int == headline.total)
            #expect(products["covered"] as? Int == headline.covered)
            let rows = try #require(object["breakdown"] as? [[String: Any]], "\(dimension): breakdown is an array")
            #expect(!rows.isEmpty)
            var sums = (total: 0, covered: 0, uncovered: 0, unverified: 0)
            for row in rows {
                #expect(row["key"] is String && row["label"] is String)
                let tally = try #require(row["products"] as? [String: Any])
                #expect(Self.tallyKeys.isSubset(of: Set(tally.keys)))
                #expect(tally["target"] as? Double == 100)
                #expect(Self.tallyKeys.isSubset(of: Set((row["producers"] as? [String: Any] ?? [:]).keys)))
                sums.total += tally["total"] as? Int ?? 0
                sums.covered += tally["covered"] as? Int ?? 0
                sums.uncovered += tally["uncovered"] as? Int ?? 0
                sums.unverified += tally["unverified"] as? Int ?? 0
            }
            if dimension == .marketplace {
                // A product may be listed on several marketplaces, or on none.
                #expect(rows.allSatisfy { (($0["products"] as? [String: Any])?["total"] as? Int ?? 0) <= headline.total })
            } else {
                #expect(sums.total == headline.total, "\(dimension): every product in exactly one row")
                #expect(sums.covered == headline.covered)
                #expect(sums.uncovered == headline.uncovered)
                #expect(sums.unverified == headline.unverified)
            }
            if dimension == .producer {
                #expect(rows.count == outcome.coverage.producers.total)
            }

            let csv = try await demo.tool(["coverage", "--by", dimension.rawValue, "--format", "csv"])
            #expect(csv.succeeded)
            #expect(csv.stdout.hasPrefix("\u{FEFF}dimension,key,label,products_total,"))
            #expect(csv.stdout.hasSuffix("\r\n") && !csv.stdout.hasSuffix("\r\n\n"))
            let lines = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == rows.count + 2, "\(dimension): the header, the province's total, one row per JSON row")
            #expect(lines.dropFirst().first?.hasPrefix("total,,") == true)
            #expect(
                lines.dropFirst().first?.contains(",\(headline.total),\(headline.covered),\(headline.uncovered),") == true)
            #expect(lines.dropFirst(2).allSatisfy { $0.hasPrefix("\(dimension.rawValue),") })

            let table = try await demo.tool(["coverage", "--by", dimension.rawValue])
            #expect(table.succeeded)
            #expect(table.stdout.contains("Sản phẩm / Products"))
            #expect(table.stdout.contains("  \(headline.total)  "))
            for row in rows {
                let label = (row["label"] as? String ?? "").precomposedStringWithCanonicalMapping
                #expect(table.stdout.contains(label), "\(dimension): table row \(label)")
            }
        }

        let commune = try await demo.tool(["coverage", "--by", "commune", "--format", "json"])
        let communes = try #require(
            (try JSONSerialization.jsonObject(with: Data(commune.stdout.utf8)) as? [String: Any])?["breakdown"] as? [[String: Any]]
        )
        let keys = communes.compactMap { $0["key"] as? String }
        #expect(Set(keys).count == keys.count)
        #expect(communes.count > 12, "communes are not lumped together when the catalog has no commune codes")
        #expect(communes.allSatisfy { ($0["label"] as? String)?.contains(", ") == true }, "a commune is named with its district")
    }

    @Test func rejectsAnUnknownDimensionWithTheChoices() async throws {
        let result = try await Tool.run(try Tool.ocopWatch, ["coverage", "--by", "province", "--config", "/nonexistent.yaml"])
        #expect(!result.succeeded)
        #expect(result.stderr.contains("region"))
        #expect(result.stderr.contains("marketplace"))
    }
}
