import Foundation
import OCOPCore
import OCOPReport
import Testing

@Suite("CoverageChangesRenderer")
struct CoverageChangesRendererTests {
    /// A week ago P1 and P2 were covered, P3 uncovered, P4 unverified, P9 counted; now the fixture
    /// has P1 covered, P2 and P4 uncovered, P3 unverified, and P9 gone.
    var changes: CoverageChanges {
        CoverageChanges(
            from: ProductStates(covered: ["P1", "P2"], uncovered: ["P3"], unverified: ["P4", "P9"]),
            at: ReportFixture.now - 7 * 86_400,
            to: ReportFixture.report
        )
    }
    let renderer = CoverageChangesRenderer()

    @Test func tableListsGapsFirstWithProductsAndReasons() {
        let text = renderer.table(changes, requested: 7 * 86_400)
        #expect(text.hasPrefix("Thay đổi độ phủ / Coverage changes: 2025-05-25 07:00 → 2025-06-01 07:00 (7 ngày / 7 days)"))
        #expect(!text.contains("Lưu ý / Note"))
        let uncovered = text.range(of: "Newly uncovered (2)")
        let unverified = text.range(of: "Newly unverified (1)")
        let covered = text.range(of: "Newly covered (0): không có / none")
        #expect(uncovered != nil && unverified != nil && covered != nil)
        if let uncovered, let unverified { #expect(uncovered.lowerBound < unverified.lowerBound) }
        #expect(text.contains("Bánh phồng tôm Sa Giang"), "names are shown composed")
        #expect(text.contains("đã lên sàn / covered"), "the state P2 came from")
        #expect(text.contains("uncovered: all 1 listing(s) freshly known to be offline"))
        #expect(text.contains("No longer counted (1): P9"))
        #expect(text.contains("Trước / Before"))
    }

    @Test func tableSaysWhenTheBaselineIsYoungerThanAsked() {
        let text = renderer.table(changes, requested: 30 * 86_400)
        #expect(text.contains("cũ 30 ngày, so với số liệu cũ nhất / no stored snapshot is 30 days old; compared with the oldest one"))
    }

    @Test func jsonHasTheListsAndCounts() throws {
        let text = try renderer.json(changes, requested: 7 * 86_400)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["since"] as? String == "2025-05-25T07:00:00+07:00")
        #expect(object["span_seconds"] as? Int == 604_800)
        #expect(object["requested_seconds"] as? Int == 604_800)
        let uncovered = try #require(object["newly_uncovered"] as? [[String: Any]])
        #expect(uncovered.compactMap { $0["product_id"] as? String } == ["P2", "P4"])
        #expect(uncovered.first?["from"] as? String == "covered")
        #expect(uncovered.first?["to"] as? String == "uncovered")
        #expect((object["newly_unverified"] as? [[String: Any]])?.first?["product_id"] as? String == "P3")
        #expect((object["newly_covered"] as? [Any])?.isEmpty == true)
        #expect(object["no_longer_counted"] as? [String] == ["P9"])
        let before = try #require(object["before"] as? [String: Int])
        #expect(before == ["total": 5, "covered": 2, "uncovered": 1, "unverified": 2])
        #expect((object["after"] as? [String: Int])?["total"] == 4)
    }

    @Test func csvHasOneRowPerChange() {
        let text = renderer.csv(changes)
        #expect(text.hasPrefix("\u{FEFF}change,product_id,"))
        let lines = text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + 3 + 1)
        #expect(lines[1].hasPrefix("newly_uncovered,P2,"))
        #expect(lines.contains("no_longer_counted,P9,,,,,,,"))
        #expect(lines.contains { $0.hasPrefix("newly_uncovered,P4,\"'=HYPERLINK(\"\"x\"\"), đặc sản\"") })
    }
}
