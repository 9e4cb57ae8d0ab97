import Foundation
import MockMarketplace
import OCOPConfig
import OCOPCore
import OCOPStore
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// On the demo, after a simulated delisting and after its resolution, every output tells the same
/// story: the coverage table, the JSON, the CSV, `--explain`, the alert log, `alerts` and the
/// HTML report.
@Suite(.serialized) struct AgreementOnDemoTests {
    struct Figures: Equatable, CustomStringConvertible {
        var total: Int
        var covered: Int
        var uncovered: Int
        var unverified: Int
        var description: String { "\(covered)/\(total), \(uncovered) uncovered, \(unverified) unverified" }
    }

    /// Everything the outputs say, gathered with the CLI as an operator would.
    struct Outputs {
        var table: String
        var json: [String: Any]
        var csv: String
        var explanation: String
        var alerts: [[String: Any]]
        var html: String
        var regenerated: String

        func tableFigures() throws -> Figures {
            let line = try #require(table.split(separator: "\n").first { $0.hasPrefix("Sản phẩm / Products") })
            let numbers = line.dropFirst("Sản phẩm / Products".count).split(separator: " ").compactMap { Int($0) }
            return Figures(total: numbers[0], covered: numbers[1], uncovered: numbers[2], unverified: numbers[3])
        }

        func jsonFigures() throws -> Figures {
            let products = try #require(json["products"] as? [String: Any])
            return Figures(
                total: products["total"] as? Int ?? -1,
                covered: products["covered"] as? Int ?? -1,
                uncovered: products["uncovered"] as? Int ?? -1,
                unverified: products["unverified"] as? Int ?? -1
            )
        }

        /// The HTML headline card and the counts of the two product lists.
        static func htmlFigures(_ html: String) throws -> Figures {
            let card = try #require(html.firstMatch(of: /(\d+)\/(\d+) sản phẩm đã lên sàn/))
            let gaps = try #require(html.firstMatch(of: /Chưa lên sàn \/ uncovered (\d+) · chưa xác minh \/ unverified (\d+)/))
            let uncoveredList = try #require(html.firstMatch(of: /Uncovered products \((\d+)\)/))
            let unverifiedList = try #require(html.firstMatch(of: /Unverified products \((\d+)\)/))
            #expect(gaps.1 == uncoveredList.1 && gaps.2 == unverifiedList.1, "the card and the lists agree")
            return Figures(total: Int(card.2)!, covered: Int(card.1)!, uncovered: Int(gaps.1)!, unverified: Int(gaps.2)!)
        }

        func gapIDs() -> Set<String> {
            Set((json["gaps"] as? [[String: Any]] ?? []).compactMap { $0["product_id"] as? String })
        }

        /// The uncovered list of the report.
        func uncoveredSection() -> String {
            html.components(separatedBy: "<section id=\"uncovered\">").last?.components(separatedBy: "</section>").first ?? ""
        }
    }

    func outputs(_ demo: DemoRun, explaining product: String) async throws -> Outputs {
        func run(_ arguments: [String]) async throws -> String {
            let result = try await demo.tool(arguments)
            #expect(result.succeeded, "\(arguments): \(result.stderr)")
            return result.stdout
        }
        let json = try await run(["coverage", "--format", "json"])
        let alerts = try await run(["alerts", "--format", "json"])
        let regenerated = demo.environment.directory.appendingPathComponent("regenerated.html").path
        _ = try await run(["report", "--output", regenerated])
        return Outputs(
            table: try await run(["coverage"]),
            json: try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]),
            csv: try await run(["coverage", "--by", "region", "--format", "csv"]),
            explanation: try await run(["coverage", "--explain", product]),
            alerts: try #require(try JSONSerialization.jsonObject(with: Data(alerts.utf8)) as? [[String: Any]]),
            html: try String(contentsOfFile: try demo.context().configuration.paths.report, encoding: .utf8),
            regenerated: try String(contentsOfFile: regenerated, encoding: .utf8)
        )
    }

    func expectAgreement(_ outputs: Outputs, with coverage: CoverageReport) throws {
        let figures = Figures(
            total: coverage.products.total,
            covered: coverage.products.covered,
            uncovered: coverage.products.uncovered,
            unverified: coverage.products.unverified
        )
        #expect(try outputs.tableFigures() == figures)
        #expect(try outputs.jsonFigures() == figures)
        #expect(try Outputs.htmlFigures(outputs.html) == figures)
        #expect(try Outputs.htmlFigures(outputs.regenerated) == figures)
        #expect(outputs.gapIDs().count == figures.uncovered + figures.unverified)
        // The district rows of the CSV add up to the headline (the province's total row first).
        let rows = outputs.csv.components(separatedBy: "\r\n").dropFirst(2).filter { !$0.isEmpty }
        let columns = rows.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        try #require(columns.allSatisfy { $0.count == 15 }, "\(rows)")
        #expect(columns.reduce(0) { $0 + (Int($1[3]) ?? 0) } == figures.total)
        #expect(columns.reduce(0) { $0 + (Int($1[4]) ?? 0) } == figures.covered)
        // The report lists as many firing alerts as `ocop-watch alerts`.
        #expect(outputs.html.contains("Firing alerts (\(outputs.alerts.count))"))
    }

    @Test func tableJSONExplainAlertLogAndReportAgreeThroughADelistingAndItsResolution() async throws {
        let demo = try await DemoRun.start()
        defer { Task { await demo.stop() } }
        try await demo.pass()
        let (product, listing) = try await demo.productWithOneActiveListing(on: .lazada)
        await demo.set(.delisted, listing)
        try await demo.pass()
        let delisted = try await demo.pass()
        #expect(delisted.coverage.coverage(ofProduct: product.id)?.state == .uncovered)

        let during = try await outputs(demo, explaining: product.id)
        try expectAgreement(during, with: delisted.coverage)
        #expect(during.gapIDs().contains(product.id))
        let gap = (during.json["gaps"] as? [[String: Any]])?.first { $0["product_id"] as? String == product.id }
        #expect(gap?["state"] as? String == "uncovered")
        #expect(during.uncoveredSection().contains(">\(product.id)<"))
        #expect(during.uncoveredSection().contains("lazada · delisted"))
        #expect(during.explanation.contains("chưa lên sàn / uncovered"))
        #expect(during.explanation.contains(listing.url))
        let latest = try #require(try await demo.context().openStore().history(for: listing.key, limit: 1).first)
        #expect(latest.status == .delisted)
        let row = try #require(
            during.explanation.split(separator: "\n").first { $0.contains("delisted") && $0.contains(latest.finalURL ?? "?") },
            "the latest check with its final URL"
        )
        #expect(row.contains(latest.httpStatus.map(String.init) ?? "?"))
        let keys = ["listing_delisted:\(product.id):\(listing.url)", "product_lost_coverage:\(product.id)"]
        let log = try demo.alertLog()
        for key in keys {
            #expect(log.filter { $0.key == key }.map(\.state) == [.firing], "\(key)")
            #expect(during.alerts.contains { $0["key"] as? String == key }, "\(key)")
        }
        // The product's district: its row in the JSON and its bar in the report.
        let region = try #require(delisted.coverage.breakdowns[.region]?.first { $0.label == product.region.districtLabel })
        #expect(
            during.html.contains(
                "<title>\(region.label): \(region.products.covered)/\(region.products.total) đã lên sàn / covered"
            )
        )

        await demo.set(.active, listing)
        try await demo.pass()
        let restored = try await demo.pass()
        #expect(restored.coverage.coverage(ofProduct: product.id)?.state == .covered)
        let after = try await outputs(demo, explaining: product.id)
        try expectAgreement(after, with: restored.coverage)
        #expect(!after.gapIDs().contains(product.id))
        #expect(!after.uncoveredSection().contains(">\(product.id)<"))
        #expect(after.explanation.contains("đã lên sàn / covered"))
        #expect(after.explanation.contains("[online, counted]"))
        for key in keys {
            #expect(try demo.alertLog().filter { $0.key == key }.map(\.state) == [.firing, .resolved], "\(key)")
            #expect(!after.alerts.contains { $0["key"] as? String == key }, "\(key)")
        }
        #expect(restored.coverage.products.covered == delisted.coverage.products.covered + 1)
    }
}
