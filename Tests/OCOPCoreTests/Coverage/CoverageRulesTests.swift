import Foundation
import OCOPCore
import Testing

/// The rules not exercised by ``CoverageCalculatorTests``: marketplace scope, channel windows of
/// any marketplace, certificate statuses, targets, and the commune grouping.
@Suite struct CoverageRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func product(_ id: String, status: CertificateStatus = .active, region: Region? = nil) -> Product {
        Product(
            id: id,
            name: "Sản phẩm \(id)",
            producerID: "E-\(id)",
            stars: 3,
            group: "I.5",
            region: region ?? Region(districtCode: "872", districtName: "Tháp Mười"),
            status: status
        )
    }

    func active(_ productID: String, on marketplace: MarketplaceID) -> ListingEvidence {
        let listing = Listing(productID: productID, marketplace: marketplace, url: "https://\(marketplace)/\(productID)")
        let observation = Observation(
            listing: listing.key,
            marketplace: marketplace,
            checkedAt: now - 3600,
            verdict: Verdict(status: .active)
        )
        return ListingEvidence(listing: listing, latest: observation, latestConclusive: observation)
    }

    func report(_ rules: CoverageRules, products: [Product], evidence: [ListingEvidence]) -> CoverageReport {
        CoverageCalculator(rules: rules).report(producers: [], products: products, evidence: evidence, now: now)
    }

    @Test func marketplacesOutOfScopeDoNotCover() {
        let products = [product("P1"), product("P2")]
        let evidence = [active("P1", on: .shopee), active("P2", on: .tiki)]
        #expect(report(CoverageRules(), products: products, evidence: evidence).products.covered == 2)
        let shopeeOnly = report(CoverageRules(marketplaces: [.shopee]), products: products, evidence: evidence)
        #expect(shopeeOnly.products.covered == 1)
        #expect(shopeeOnly.coverage(ofProduct: "P2")?.state == .uncovered)
        #expect(shopeeOnly.coverage(ofProduct: "P2")?.reasons.contains { $0.contains("not an online channel") } == true)
    }

    @Test func closedChannelsKeepTheirMarketplaceRowLabelledNotCounted() {
        let products = [product("P1"), product("P2")]
        let evidence = [active("P1", on: .sendo), active("P2", on: .shopee)]
        let rows = report(CoverageRules(), products: products, evidence: evidence).breakdowns[.marketplace] ?? []
        #expect(rows.map(\.key) == ["sendo", "shopee"])
        #expect(rows.map(\.label) == ["sendo (không tính / not counted)", "shopee"])
        #expect(rows.first?.products == CoverageTally(total: 1, uncovered: 1))
    }

    @Test func aChannelWindowOpensAndClosesAnyMarketplace() {
        let products = [product("P1")]
        let evidence = [active("P1", on: .tiktokShop)]
        let closed = CoverageRules(windows: [.tiktokShop: ChannelWindow(from: nil, until: now - 86_400)])
        #expect(report(closed, products: products, evidence: evidence).products.covered == 0)
        let notYet = CoverageRules(windows: [.tiktokShop: ChannelWindow(from: now + 86_400, until: nil)])
        #expect(report(notYet, products: products, evidence: evidence).products.covered == 0)
        let open = CoverageRules(windows: [.tiktokShop: ChannelWindow(from: now - 86_400, until: now + 86_400)])
        #expect(report(open, products: products, evidence: evidence).products.covered == 1)
    }

    @Test func certificateStatusesChooseTheDenominator() {
        let products = [product("P1"), product("P2", status: .expired), product("P3", status: .revoked)]
        let evidence = [active("P1", on: .shopee), active("P2", on: .shopee)]
        let defaults = report(CoverageRules(), products: products, evidence: evidence)
        #expect(defaults.products == CoverageTally(total: 1, covered: 1))
        let withExpired = report(CoverageRules(certificateStatuses: [.active, .expired]), products: products, evidence: evidence)
        #expect(withExpired.products == CoverageTally(total: 2, covered: 2))
        let all = report(CoverageRules(certificateStatuses: Set(CertificateStatus.allCases)), products: products, evidence: evidence)
        #expect(all.products == CoverageTally(total: 3, covered: 2, uncovered: 1))
    }

    @Test func targetsDecideWhetherATallyMeetsThem() {
        let products = [product("P1"), product("P2")]
        let evidence = [active("P1", on: .shopee)]
        let strict = report(CoverageRules(), products: products, evidence: evidence)
        #expect(strict.products.percent == 50)
        #expect(!strict.products.meetsTarget)
        let lenient = report(CoverageRules(productTarget: 50, producerTarget: 40), products: products, evidence: evidence)
        #expect(lenient.products.meetsTarget)
        #expect(lenient.producers.target == 40)
        #expect(lenient.producers.meetsTarget)
        #expect(lenient.breakdowns[.region]?.first?.products.target == 50)
    }

    @Test func communesGroupByCurrentCodeElseCertifiedCodeElseNameWithinDistrict() {
        let products = [
            product("P1", region: Region(districtCode: "866", districtName: "Cao Lãnh", communeName: "Phường 1")),
            product("P2", region: Region(districtCode: "873", districtName: "Sa Đéc", communeName: "Phường 1")),
            product("P3", region: Region(districtCode: "873", districtName: "Sa Đéc", communeName: "Phường 1")),
            product(
                "P4",
                region: Region(districtCode: "873", districtName: "Sa Đéc", communeCode: "30253", communeName: "Tân Quy Tây")
            ),
            product(
                "P5",
                region: Region(
                    districtCode: "873",
                    districtName: "Sa Đéc",
                    communeCode: "30256",
                    communeName: "Tân Phú Đông",
                    currentCommuneCode: "VN-2025:C:30256"
                )
            ),
        ]
        let rows = report(CoverageRules(), products: products, evidence: [active("P2", on: .shopee)]).breakdowns[.commune] ?? []
        let byKey = Dictionary(uniqueKeysWithValues: rows.map { ($0.key, $0) })
        #expect(rows.count == 4, "two “Phường 1” of different districts stay apart: \(rows.map(\.key))")
        #expect(byKey["866/Phường 1"]?.label == "Phường 1, Cao Lãnh")
        #expect(byKey["873/Phường 1"]?.products == CoverageTally(total: 2, covered: 1, uncovered: 1))
        #expect(byKey["30253"]?.label == "Tân Quy Tây, Sa Đéc")
        #expect(byKey["VN-2025:C:30256"]?.products.total == 1)
        // A current commune has no name in the catalog: its label says what the code is.
        #expect(byKey["VN-2025:C:30256"]?.label == "xã mới VN-2025:C:30256 / 2025 commune VN-2025:C:30256")
    }
}
