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

    @Test func theEvidenceOfAGapIsAListingThatCounts() throws {
        // P2's Sendo listing, checked last, counts for nothing since the channel closed.
        let sendo = ReportFixture.listing("P2", .sendo)
        let closed = ListingEvidence(
            listing: sendo,
            latest: ReportFixture.observation(sendo, .delisted, hoursAgo: 1, reason: "marketplace_closed"),
            latestConclusive: ReportFixture.observation(sendo, .delisted, hoursAgo: 1, reason: "marketplace_closed")
        )
        let evidence = ReportFixture.evidence + [closed]
        let report = CoverageCalculator().report(
            producers: ReportFixture.producers, products: ReportFixture.products, evidence: evidence, now: ReportFixture.now)
        let html = HTMLReport(coverage: report, producers: ReportFixture.producers, evidence: evidence).render()
        let uncovered = try #require(
            html.components(separatedBy: "id=\"uncovered\"").last?.components(separatedBy: "</section>").first)
        #expect(uncovered.contains("tiki · delisted (not_found)"))
        #expect(!uncovered.contains("marketplace_closed"))
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

    @Test("A long gap list shows its first rows in order, counts the rest, and says where to find them")
    func capsLongGapLists() throws {
        let limit = HTMLReport.gapRowLimit
        let products = (1...(limit + 40)).map { number in
            Product(id: "P\(number)", name: "Sản phẩm \(number)", producerID: "E\(number % 7)", stars: 3, group: "I.1")
        }
        let report = CoverageReport(
            generatedAt: ReportFixture.now,
            rules: CoverageRules(),
            products: CoverageTally(total: products.count, unverified: products.count),
            producers: CoverageTally(),
            // Stored in reverse, so that the order shown is the report's own.
            productCoverage: products.reversed().map {
                ProductCoverage(product: $0, state: .unverified, reasons: ["unverified"], onlineListings: [])
            },
            breakdowns: [:]
        )
        let listed = HTMLReport(coverage: report).listedProducts
        #expect(listed.map(\.id) == products.prefix(limit).map(\.id))

        let html = HTMLReport(coverage: report).render()
        let section = try #require(
            html.components(separatedBy: "id=\"unverified\"").last?.components(separatedBy: "</section>").first)
        #expect(section.contains("(\(limit + 40))"))
        #expect(section.components(separatedBy: "<td class=\"nowrap\">").count - 1 == limit)
        #expect(section.contains(">P\(limit)</td>") && !section.contains(">P\(limit + 1)</td>"))
        #expect(section.contains("and 40 more (ocop-watch coverage --format json lists every gap)"))
    }

    @Test("The trend line ends at the headline's figures, not at an older or later stored point")
    func trendEndsAtHeadline() throws {
        // Stored points at 10–30 %, the last at the report's own time, and one stamped after it;
        // the fixture's headline is 1 product of 4 (25 %).
        let day: TimeInterval = 86_400
        let stored = (0..<5).map {
            CoverageTrendPoint(date: ReportFixture.now - Double(4 - $0) * day, productPercent: 10 + Double($0) * 5, producerPercent: 50)
        }
        let html = page(trend: stored + [CoverageTrendPoint(date: ReportFixture.now + day, productPercent: 99, producerPercent: 99)])
        let trend = try #require(html.components(separatedBy: "id=\"trend\"").last?.components(separatedBy: "</section>").first)
        #expect(ReportFixture.report.products.percent == 25)
        #expect(trend.contains(": 25,0 %</title>"), "the headline's point")
        #expect(trend.contains(": 15,0 %</title>"), "the earlier points stay")
        #expect(!trend.contains(": 30,0 %</title>"), "the stored point at the report's time gives way to the headline")
        #expect(!trend.contains("99,0 %"), "a point after the headline is not drawn")
    }

    /// 0/0 is no 0 %: a page sent on says why there is nothing to count.
    @Test func aReportWithNothingCountedSaysSo() {
        let empty = CoverageReport(
            generatedAt: ReportFixture.now, rules: CoverageRules(), products: CoverageTally(), producers: CoverageTally(),
            productCoverage: [], breakdowns: [:])
        #expect(HTMLReport(coverage: empty).render().contains("No OCOP product is counted: the catalog has not been imported"))
        #expect(!page().contains("No OCOP product is counted"))
    }

    @Test func emptyTrendStillDrawsAChart() {
        let html = page(trend: [])
        let trend = html.components(separatedBy: "id=\"trend\"").last?.components(separatedBy: "</section>").first
        #expect(trend?.contains("<svg") == true)
        #expect(trend?.contains("No history yet") == true)
    }
}

@Suite("HTMLReport changes")
struct HTMLReportChangesTests {
    func section(_ changes: CoverageChanges?) throws -> String {
        let html = HTMLReport(coverage: ReportFixture.report, changes: changes).render()
        return try #require(html.components(separatedBy: "<section id=\"changes\">").last?.components(separatedBy: "</section>").first)
    }

    @Test func listsProductsThatMovedGapsFirst() throws {
        let changes = CoverageChanges(
            from: ProductStates(covered: ["P2"], uncovered: ["P1", "P4"], unverified: ["P3"]),
            at: ReportFixture.now - 7 * 86_400,
            to: ReportFixture.report
        )
        let html = try section(changes)
        #expect(html.contains("Changes since 25/05/2025 07:00"))
        #expect(html.contains("1/4 (25,0 %) → 1/4 (25,0 %)"))
        #expect(html.contains("newly covered 1"))
        let p2 = try #require(html.range(of: ">P2<"))
        let p1 = try #require(html.range(of: ">P1<"))
        #expect(p2.lowerBound < p1.lowerBound, "the product lost comes before the product gained")
        #expect(html.contains("đã lên sàn / covered → chưa lên sàn / uncovered"))
    }

    @Test func saysWhenThereIsNoHistoryOrNoChange() throws {
        #expect(try section(nil).contains("No history yet"))
        let same = CoverageChanges(from: ProductStates(ReportFixture.report), at: ReportFixture.now - 60, to: ReportFixture.report)
        #expect(try section(same).contains("No change"))
    }

    @Test func capsLongListsAndCountsTheRest() throws {
        let ids = (1...60).map { "X\($0)" }
        let report = CoverageReport(
            generatedAt: ReportFixture.now,
            rules: CoverageRules(),
            products: CoverageTally(total: 60, uncovered: 60),
            producers: CoverageTally(),
            productCoverage: ids.map { id in
                ProductCoverage(
                    product: Product(id: id, name: id, producerID: "E", stars: 3, group: "I.1"),
                    state: .uncovered,
                    reasons: ["uncovered"],
                    onlineListings: []
                )
            },
            breakdowns: [:]
        )
        let changes = CoverageChanges(from: ProductStates(covered: ids), at: ReportFixture.now - 86_400, to: report)
        let html = HTMLReport(coverage: report, changes: changes).render()
        #expect(html.contains("and 10 more"))
        #expect(html.components(separatedBy: "→ chưa lên sàn / uncovered").count - 1 == 50)
    }
}

@Suite("HTMLReport alerts")
struct HTMLReportAlertTests {
    @Test func summarisesByKindAndCapsEachKind() throws {
        var lifecycle = AlertLifecycle()
        let expiring = (1...25).map { index in
            AlertCondition(
                key: "certificate_expiring:P\(index)",
                kind: .certificateExpiring,
                severity: .warning,
                message: "hết hạn P\(index)",
                product: "P\(index)"
            )
        }
        let degraded = AlertCondition(key: "adapter_degraded:shopee", kind: .adapterDegraded, severity: .critical, message: "Shopee chặn")
        _ = lifecycle.step(conditions: expiring + [degraded], rules: AlertRules(), now: ReportFixture.now)
        let html = HTMLReport(coverage: ReportFixture.report, alerts: lifecycle.active).render()
        let section = try #require(html.components(separatedBy: "id=\"alerts\"").last?.components(separatedBy: "</section>").first)
        #expect(section.contains("Firing alerts (26)"))
        #expect(section.contains("adapter_degraded 1 · certificate_expiring 25"))
        #expect(section.components(separatedBy: "<td>certificate_expiring</td>").count - 1 == 10)
        #expect(section.contains("and 15 more certificate_expiring"))
        let critical = try #require(section.range(of: "Shopee chặn"))
        let warning = try #require(section.range(of: "hết hạn P1<"))
        #expect(critical.lowerBound < warning.lowerBound)
    }
}
