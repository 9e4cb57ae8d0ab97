import Foundation
import OCOPCore
import OCOPReport
import Testing

@Suite("HTMLReport")
struct HTMLReportTests {
    func page(alerts: [AlertLifecycle.Entry] = [], trend: [CoverageTrendPoint]? = nil) -> String {
        let day: TimeInterval = 86_400
        let history: [CoverageTrendPoint] =
            trend
            ?? (0..<5).map { (index: Int) -> CoverageTrendPoint in
                let step = Double(index)
                return CoverageTrendPoint(
                    date: ReportFixture.now - (4 - step) * day,
                    productPercent: 10 + step * 5,
                    producerPercent: 20 + step * 3
                )
            }
        return HTMLReport(
            coverage: ReportFixture.report,
            producers: ReportFixture.producers,
            evidence: ReportFixture.evidence,
            trend: history,
            alerts: alerts
        )
        .render()
    }

    var firingAlert: AlertLifecycle.Entry {
        var lifecycle = AlertLifecycle()
        let condition = AlertCondition(
            key: "listing_delisted:P2:https://tiki.vn/P2",
            kind: .listingDelisted,
            severity: .warning,
            message: "Tin đăng bị gỡ trên tiki: <Bánh> / Listing delisted on tiki",
            product: "P2",
            marketplace: .tiki
        )
        _ = lifecycle.step(
            conditions: [condition],
            rules: AlertRules(observationConsecutiveToFire: 1),
            now: ReportFixture.now
        )
        return lifecycle.active[0]
    }

    @Test func escapesCatalogText() {
        let html = page(alerts: [firingAlert])
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Mắm"))
        #expect(html.contains("Công ty &lt;b&gt;Hồng&lt;/b&gt;"))
        #expect(html.contains("&lt;Bánh&gt;"))
        #expect(!html.contains("<b>Hồng"))
        #expect(!html.unicodeScalars.contains("\u{0301}"), "decomposed names are shown composed")
    }

    @Test func hasAnInlineSVGForEveryChart() {
        let html = page()
        for id in ["trend", "region", "stars", "marketplace"] {
            let section = html.components(separatedBy: "<section class=\"chart\" id=\"\(id)\">")
            #expect(section.count == 2, "one \(id) section")
            #expect(section.last?.components(separatedBy: "</section>").first?.contains("<svg") == true)
        }
        #expect(html.components(separatedBy: "<svg").count - 1 >= 6, "four charts and two progress bars")
        #expect(html.contains("<polyline"))
    }

    @Test func fetchesNothingRemote() throws {
        let html = page()
        let remote = try Regex(#"(?i)(src|href|action|xlink:href)\s*=\s*["']?\s*(https?:|//|javascript:)"#)
        #expect(html.firstMatch(of: remote) == nil)
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("<link"))
        #expect(html.contains("javascript:alert(1)"), "the catalog URL is shown, as text")
    }

    @Test func isValidEnoughAndDeterministic() {
        let html = page(alerts: [firingAlert])
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("@media print"))
        #expect(html.contains("size: A4"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(html == page(alerts: [firingAlert]))
        #expect(html.components(separatedBy: "<svg").count == html.components(separatedBy: "</svg>").count)
    }

    @Test func listsGapsWithProducerAndLastEvidence() throws {
        let html = page(alerts: [firingAlert])
        let uncovered = try #require(
            html.components(separatedBy: "id=\"uncovered\"").last?
                .components(separatedBy: "</section>").first)
        #expect(uncovered.contains("(2)"))
        #expect(uncovered.contains("P2"))
        #expect(uncovered.contains("Cơ sở &quot;Sa Giang&quot;, Sa Đéc"))
        #expect(uncovered.contains("tiki · delisted (not_found) · 01/06/2025 · HTTP 404"))
        #expect(uncovered.contains("No listing known"))
        let unverified = try #require(
            html.components(separatedBy: "id=\"unverified\"").last?
                .components(separatedBy: "</section>").first)
        #expect(unverified.contains("lazada · blocked (captcha)"))
        let alerts = try #require(
            html.components(separatedBy: "id=\"alerts\"").last?
                .components(separatedBy: "</section>").first)
        #expect(alerts.contains("Firing alerts (1)"))
        #expect(alerts.contains("listing_delisted"))
    }

    @Test func emptyTrendStillDrawsAChart() {
        let html = page(trend: [])
        let trend = html.components(separatedBy: "id=\"trend\"").last?.components(separatedBy: "</section>").first
        #expect(trend?.contains("<svg") == true)
        #expect(trend?.contains("No history yet") == true)
    }
}
