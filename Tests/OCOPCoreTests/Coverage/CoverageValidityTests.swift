import Foundation
import OCOPCore
import Testing

/// A report holds, for the same catalog and evidence, from its moment until
/// ``CoverageCalculator/validUntil(listings:from:)``: at any instant before, the report is the
/// same (but for its moment); at that instant it may differ, and in the cases built here it does.
@Suite struct CoverageValidityTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000.25)

    /// Products and listing facts drawn from `seed`: checks of every age around `staleAfter`
    /// (with fractional seconds, so rounding is exercised), never checked, every status, channel
    /// and seller.
    func generated(seed: UInt64, staleAfter: TimeInterval) -> (producers: [Producer], products: [Product], listings: [ListingFacts]) {
        var numbers = SeededNumbers(seed: seed)
        func next(_ bound: Int) -> Int { numbers.next(bound) }
        let producers = (0..<8).map { Producer(id: "E\($0)", name: "HTX \($0)", type: "cooperative") }
        let products = (0..<40).map { index in
            Product(
                id: "P\(String(format: "%03d", index))",
                name: "Sản phẩm \(index)",
                producerID: "E\(next(8))",
                stars: 3 + next(3),
                group: ["I.1", "I.5"][next(2)],
                region: Region(districtCode: ["866", "872"][next(2)]),
                status: [.active, .active, .expired][next(3)]
            )
        }
        let marketplaces: [MarketplaceID] = [.tiki, .shopee, .sendo, .website, "postmart"]
        var listings: [ListingFacts] = []
        for product in products {
            for _ in 0..<next(4) {
                var conclusive: ListingFacts.Check?
                if next(6) != 0 {
                    let status: ListingStatus = [.active, .outOfStock, .delisted][next(3)]
                    // Ages from fresh to long stale, many within a day of going stale.
                    let age = [60, staleAfter - 3600, staleAfter - 1, staleAfter, staleAfter + 5, 2 * staleAfter][next(6)]
                    conclusive = .init(status: status, checkedAt: now.addingTimeInterval(-age - Double(next(1000)) / 997))
                }
                listings.append(
                    ListingFacts(
                        productID: product.id,
                        marketplace: marketplaces[next(marketplaces.count)],
                        sellerRelation: SellerRelation.allCases[next(SellerRelation.allCases.count)],
                        conclusive: conclusive
                    )
                )
            }
        }
        return (producers, products, listings)
    }

    /// The report at `moment`, dated at `now` so that reports at different moments compare.
    func report(
        _ calculator: CoverageCalculator,
        _ input: (producers: [Producer], products: [Product], listings: [ListingFacts]),
        at moment: Date
    ) -> CoverageReport {
        var report = calculator.report(producers: input.producers, products: input.products, listings: input.listings, now: moment)
        report.generatedAt = now
        return report
    }

    @Test(
        arguments: [1, 2, 3, 4, 5] as [UInt64],
        [
            CoverageRules(),
            CoverageRules(onlineStatuses: [.active], staleAfter: 86_400, sellerRelations: [.ownShop, .unknown]),
            // Windows opening and closing within the report's life, and one long past.
            CoverageRules(
                staleAfter: 3 * 86_400,
                windows: [
                    .sendo: ChannelWindow(from: nil, until: Date(timeIntervalSince1970: 1_800_000_000.25 + 36_000)),
                    .shopee: ChannelWindow(from: Date(timeIntervalSince1970: 1_800_000_000.25 + 7_200), until: nil),
                    .tiki: ChannelWindow(from: nil, until: Date(timeIntervalSince1970: 1_700_000_000)),
                ]
            ),
        ])
    func theReportHoldsUntilValidUntil(seed: UInt64, rules: CoverageRules) throws {
        let calculator = CoverageCalculator(rules: rules)
        let input = generated(seed: seed, staleAfter: rules.staleAfter)
        let atNow = report(calculator, input, at: now)
        let validUntil = try #require(calculator.validUntil(listings: input.listings, from: now))
        #expect(validUntil > now)

        // Instants spread over the validity, and the last one before its end.
        let span = validUntil.timeIntervalSince(now)
        var instants = (1..<50).map { now.addingTimeInterval(span * Double($0) / 50) }
        instants.append(Date(timeIntervalSinceReferenceDate: validUntil.timeIntervalSinceReferenceDate.nextDown))
        for instant in instants where instant < validUntil {
            #expect(report(calculator, input, at: instant) == atNow, "at \(instant.timeIntervalSince(now)) s")
        }
    }

    @Test func aFreshCheckGoingStaleEndsTheReportExactlyThen() throws {
        let calculator = CoverageCalculator()
        let checkedAt = now.addingTimeInterval(-86_400.3)
        let input = (
            producers: [Producer(id: "E1", name: "HTX 1", type: "cooperative")],
            products: [Product(id: "P1", name: "Trà sen", producerID: "E1", stars: 4, group: "I.5")],
            listings: [
                ListingFacts(productID: "P1", marketplace: .tiki, sellerRelation: .ownShop, conclusive: .init(status: .active, checkedAt: checkedAt)),
                // Stale already: it cannot change any more.
                ListingFacts(
                    productID: "P1",
                    marketplace: .shopee,
                    sellerRelation: .ownShop,
                    conclusive: .init(status: .active, checkedAt: now.addingTimeInterval(-30 * 86_400))
                ),
            ]
        )
        let validUntil = try #require(calculator.validUntil(listings: input.listings, from: now))
        #expect(abs(validUntil.timeIntervalSince(checkedAt) - CoverageRules().staleAfter) < 0.001)

        let before = report(calculator, input, at: Date(timeIntervalSinceReferenceDate: validUntil.timeIntervalSinceReferenceDate.nextDown))
        let after = report(calculator, input, at: validUntil)
        #expect(before == report(calculator, input, at: now))
        #expect(before.products.covered == 1)
        #expect(after.products.covered == 0 && after.products.unverified == 1)
    }

    @Test func aChannelOpeningEndsTheReportThen() throws {
        let opening = now.addingTimeInterval(3600)
        let rules = CoverageRules(windows: [.shopee: ChannelWindow(from: opening, until: nil)])
        let calculator = CoverageCalculator(rules: rules)
        let input = (
            producers: [Producer(id: "E1", name: "HTX 1", type: "cooperative")],
            products: [Product(id: "P1", name: "Trà sen", producerID: "E1", stars: 4, group: "I.5")],
            // Checked a minute ago: it goes stale long after the channel opens.
            listings: [
                ListingFacts(
                    productID: "P1",
                    marketplace: .shopee,
                    sellerRelation: .ownShop,
                    conclusive: .init(status: .active, checkedAt: now.addingTimeInterval(-60))
                )
            ]
        )
        #expect(calculator.validUntil(listings: input.listings, from: now) == opening)
        let before = report(calculator, input, at: opening.addingTimeInterval(-0.001))
        let after = report(calculator, input, at: opening)
        #expect(before.products.uncovered == 1)
        #expect(after.products.covered == 1)
        #expect(before.breakdowns[.marketplace]?.first?.label != after.breakdowns[.marketplace]?.first?.label)
    }

    @Test func nothingChangesWithTimeWithoutFreshChecksOrWindowsAhead() {
        let calculator = CoverageCalculator(rules: CoverageRules(windows: [:]))
        let listings = [
            ListingFacts(productID: "P1", marketplace: .tiki, sellerRelation: .ownShop),
            ListingFacts(
                productID: "P2",
                marketplace: .tiki,
                sellerRelation: .ownShop,
                conclusive: .init(status: .active, checkedAt: now.addingTimeInterval(-8 * 86_400))
            ),
        ]
        #expect(calculator.validUntil(listings: listings, from: now) == nil)
        // A window that ended before the report is no boundary of it either.
        let closed = CoverageCalculator(rules: CoverageRules())
        #expect(closed.validUntil(listings: listings, from: now) == nil)
    }

    @Test func theFirstStaleInstantIsExactForAwkwardTimes() {
        var numbers = SeededNumbers(seed: 99)
        for _ in 0..<2000 {
            let state = numbers.nextBits()
            let checkedAt = Date(timeIntervalSince1970: 1_700_000_000 + Double(state >> 40) / 3)
            let staleAfter = [60, 86_400, 7 * 86_400 + 0.1, 1e-3 + 3 * 86_400][Int(state % 4)]
            let calculator = CoverageCalculator(rules: CoverageRules(staleAfter: staleAfter, windows: [:]))
            let facts = [
                ListingFacts(productID: "P", marketplace: .tiki, sellerRelation: .ownShop, conclusive: .init(status: .active, checkedAt: checkedAt))
            ]
            guard let instant = calculator.validUntil(listings: facts, from: checkedAt) else {
                Issue.record("no end for a fresh check")
                return
            }
            let previous = Date(timeIntervalSinceReferenceDate: instant.timeIntervalSinceReferenceDate.nextDown)
            #expect(instant.timeIntervalSince(checkedAt) > staleAfter)
            #expect(previous.timeIntervalSince(checkedAt) <= staleAfter)
        }
    }
}
