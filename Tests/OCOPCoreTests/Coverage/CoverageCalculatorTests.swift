import Foundation
import OCOPCore
import Testing

@Suite struct CoverageCalculatorTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let calculator = CoverageCalculator()

    func product(_ id: String, producer: String = "E1", stars: Int = 3, district: String = "872") -> Product {
        Product(
            id: id,
            name: "Sản phẩm \(id)",
            producerID: producer,
            stars: stars,
            group: "I.5",
            region: Region(districtCode: district, districtName: "Tháp Mười")
        )
    }

    func evidence(
        _ productID: String,
        _ marketplace: MarketplaceID = .tiki,
        url: String? = nil,
        relation: SellerRelation = .ownShop,
        latest: ListingStatus?,
        conclusive: (ListingStatus, TimeInterval)? = nil
    ) -> ListingEvidence {
        let listing = Listing(
            productID: productID,
            marketplace: marketplace,
            url: url ?? "https://\(marketplace)/\(productID)",
            sellerRelation: relation
        )
        func observation(_ status: ListingStatus, age: TimeInterval) -> Observation {
            Observation(
                listing: listing.key,
                marketplace: marketplace,
                checkedAt: now.addingTimeInterval(-age),
                verdict: Verdict(status: status)
            )
        }
        let conclusiveObservation = conclusive.map { observation($0.0, age: $0.1) }
        let latestObservation = latest.map { observation($0, age: 60) } ?? conclusiveObservation
        return ListingEvidence(listing: listing, latest: latestObservation, latestConclusive: conclusiveObservation)
    }

    @Test func freshActiveListingCovers() {
        let result = calculator.evaluate(product("P1"), evidence: [evidence("P1", latest: nil, conclusive: (.active, 3600))], now: now)
        #expect(result.state == .covered)
        #expect(result.onlineListings.count == 1)
    }

    @Test func outOfStockCountsByDefaultButNotWhenConfiguredOff() {
        let items = [evidence("P1", latest: nil, conclusive: (.outOfStock, 3600))]
        #expect(calculator.evaluate(product("P1"), evidence: items, now: now).state == .covered)
        let strict = CoverageCalculator(rules: CoverageRules(onlineStatuses: [.active]))
        #expect(strict.evaluate(product("P1"), evidence: items, now: now).state == .uncovered)
    }

    @Test func blockedCheckDoesNotUncoverAProduct() {
        let items = [evidence("P1", latest: .blocked, conclusive: (.active, 86_400))]
        #expect(calculator.evaluate(product("P1"), evidence: items, now: now).state == .covered)
    }

    @Test func staleVerdictMakesProductUnverified() {
        let items = [evidence("P1", latest: .unreachable, conclusive: (.active, 8 * 86_400))]
        let result = calculator.evaluate(product("P1"), evidence: items, now: now)
        #expect(result.state == .unverified)
        #expect(result.reasons.contains { $0.contains("stale") })
    }

    /// The age a reason gives is read at a glance: minutes under an hour (a short `stale_after`
    /// makes such verdicts stale), hours under two days, then days.
    @Test(arguments: [(13 * 60.0, "13 min old"), (5 * 3600, "5 h old"), (8 * 86_400, "8 d old")] as [(TimeInterval, String)])
    func aStaleVerdictSaysItsAge(age: TimeInterval, words: String) {
        let calculator = CoverageCalculator(rules: CoverageRules(staleAfter: 120))
        let items = [evidence("P1", latest: .unreachable, conclusive: (.active, age))]
        let reasons = calculator.evaluate(product("P1"), evidence: items, now: now).reasons
        #expect(reasons.contains { $0.contains("is stale (\(words))") }, "\(reasons)")
    }

    @Test func neverCheckedListingIsUnverifiedAndNoListingIsUncovered() {
        #expect(calculator.evaluate(product("P1"), evidence: [evidence("P1", latest: nil)], now: now).state == .unverified)
        #expect(calculator.evaluate(product("P1"), evidence: [], now: now).state == .uncovered)
    }

    @Test func delistedEverywhereIsUncoveredButOneUnknownKeepsItUnverified() {
        let delisted = evidence("P1", url: "a", latest: nil, conclusive: (.delisted, 60))
        #expect(calculator.evaluate(product("P1"), evidence: [delisted], now: now).state == .uncovered)
        let unknown = evidence("P1", url: "b", latest: .blocked)
        #expect(calculator.evaluate(product("P1"), evidence: [delisted, unknown], now: now).state == .unverified)
    }

    @Test func sendoAfterClosingIsNotAChannel() {
        let items = [evidence("P1", .sendo, latest: nil, conclusive: (.active, 60))]
        let result = calculator.evaluate(product("P1"), evidence: items, now: now)
        #expect(result.state == .uncovered)
        let before = Date(timeIntervalSince1970: 1_700_000_000)
        let old = [evidence("P1", .sendo, latest: nil, conclusive: (.active, 60))].map { item in
            var copy = item
            copy.latestConclusive?.checkedAt = before
            return copy
        }
        #expect(calculator.evaluate(product("P1"), evidence: old, now: before).state == .covered)
    }

    @Test func sellerRelationRestriction() {
        let rules = CoverageRules(sellerRelations: [.ownShop])
        let items = [evidence("P1", relation: .postalBooth, latest: nil, conclusive: (.active, 60))]
        #expect(CoverageCalculator(rules: rules).evaluate(product("P1"), evidence: items, now: now).state == .uncovered)
        #expect(calculator.evaluate(product("P1"), evidence: items, now: now).state == .covered)
    }

    @Test func reportTalliesProductsProducersAndBreakdowns() {
        let products = [
            product("P1", producer: "E1", stars: 3, district: "872"),
            product("P2", producer: "E1", stars: 4, district: "872"),
            product("P3", producer: "E2", stars: 4, district: "866"),
            product("P4", producer: "E3", stars: 5, district: "866"),
        ]
        var revoked = product("P5", producer: "E4")
        revoked.status = .revoked
        let items = [
            evidence("P1", latest: nil, conclusive: (.active, 60)),
            evidence("P2", .shopee, latest: nil, conclusive: (.delisted, 60)),
            evidence("P3", .shopee, latest: .blocked),
            evidence("P5", latest: nil, conclusive: (.active, 60)),
        ]
        let producers = ["E1", "E2", "E3", "E4"].map { Producer(id: $0, name: "HTX \($0)", type: "cooperative") }
        let report = calculator.report(producers: producers, products: products + [revoked], evidence: items, now: now)
        #expect(report.products == CoverageTally(total: 4, covered: 1, uncovered: 2, unverified: 1, target: 100))
        #expect(report.products.percent == 25)
        #expect(report.producers == CoverageTally(total: 3, covered: 1, uncovered: 1, unverified: 1, target: 100))
        let districts = report.breakdowns[.region] ?? []
        #expect(districts.map(\.key) == ["866", "872"])
        #expect(districts.first { $0.key == "872" }?.products.covered == 1)
        let marketplaces = report.breakdowns[.marketplace] ?? []
        #expect(marketplaces.first { $0.key == "shopee" }?.products == CoverageTally(total: 2, covered: 0, uncovered: 1, unverified: 1))
        #expect(marketplaces.first { $0.key == "tiki" }?.products.covered == 1)
        #expect(report.breakdowns[.stars]?.map(\.key) == ["3", "4", "5"])
    }
}
