import Foundation
import OCOPCore
import Testing

@Suite("AlertEvaluator")
struct AlertEvaluatorTests {
    /// 2025-06-01T00:00:00Z, after Sendo's closure.
    let now = Date(timeIntervalSince1970: 1_748_736_000)
    let day: TimeInterval = 86_400

    let caoLanh = Region(provinceCode: "87", districtCode: "872", districtName: "Cao Lãnh")
    let saDec = Region(provinceCode: "87", districtCode: "873", districtName: "Sa Đéc")

    func product(_ id: String, producer: String, region: Region, validUntil: CivilDate? = nil) -> Product {
        Product(id: id, name: "Sản phẩm \(id)", producerID: producer, stars: 4, group: "I.5", region: region, validUntil: validUntil)
    }

    func evidence(
        _ productID: String,
        _ marketplace: MarketplaceID,
        latest: ListingStatus?,
        conclusive: ListingStatus?,
        age: TimeInterval = 3600,
        reason: String? = nil
    ) -> ListingEvidence {
        let listing = Listing(productID: productID, marketplace: marketplace, url: "https://\(marketplace).vn/\(productID)")
        func observation(_ status: ListingStatus) -> Observation {
            Observation(
                listing: listing.key,
                marketplace: marketplace,
                checkedAt: now - age,
                verdict: Verdict(status: status, reason: reason)
            )
        }
        return ListingEvidence(listing: listing, latest: latest.map(observation), latestConclusive: conclusive.map(observation))
    }

    func conditions(
        products: [Product],
        evidence: [ListingEvidence],
        previous: CoverageReport? = nil,
        passChecks: [MarketplaceID: [ListingStatus: Int]] = [:],
        lastSuccessfulPass: Date?? = nil,
        paused: Set<MarketplaceID> = [],
        rules: AlertRules = AlertRules()
    ) -> (CoverageReport, [AlertCondition]) {
        let producers = [
            Producer(id: "PR1", name: "HTX Một", type: "cooperative", region: caoLanh),
            Producer(id: "PR2", name: "HTX Hai", type: "cooperative", region: saDec),
        ]
        let report = CoverageCalculator().report(producers: producers, products: products, evidence: evidence, now: now)
        // `nil` means a recent pass; `.some(nil)` means none ever completed.
        let last: Date? = lastSuccessfulPass ?? now - 3600
        let result = AlertEvaluator(rules: rules).conditions(
            coverage: report,
            previous: previous,
            passChecks: passChecks,
            concluded: evidence.compactMap(ConcludedListing.init),
            lastSuccessfulPass: last,
            paused: paused,
            now: now
        )
        return (report, result)
    }

    @Test func fullCoverageRaisesNothing() {
        let (_, result) = conditions(
            products: [product("P1", producer: "PR1", region: caoLanh)],
            evidence: [evidence("P1", .shopee, latest: .active, conclusive: .active)]
        )
        #expect(result.isEmpty)
    }

    @Test func coverageBelowTargetOverallAndPerDistrict() throws {
        let (_, result) = conditions(
            products: [
                product("P1", producer: "PR1", region: caoLanh),
                product("P2", producer: "PR1", region: caoLanh),
                product("P3", producer: "PR2", region: saDec),
            ],
            evidence: [
                evidence("P1", .shopee, latest: .active, conclusive: .active),
                evidence("P3", .tiki, latest: .active, conclusive: .active),
            ]
        )
        let keys = result.filter { $0.kind == .coverageBelowTarget }.map(\.key)
        #expect(keys == ["coverage_below_target:district:872", "coverage_below_target:products"])
        let district = try #require(result.first { $0.key == "coverage_below_target:district:872" })
        #expect(district.region == "Cao Lãnh")
        #expect(district.severity == .warning)
        #expect(district.message.contains("50 %"))
        let overall = try #require(result.first { $0.key == "coverage_below_target:products" })
        // 2 of 3 is cut to 66.6, not rounded up: no figure reads as more than it is.
        #expect(overall.message.contains("66,6 %"))
        #expect(overall.message.contains("66.6 %"))
    }

    @Test func producerTargetIsJudgedOnItsOwn() {
        let (_, result) = conditions(
            products: [product("P1", producer: "PR1", region: caoLanh), product("P3", producer: "PR2", region: saDec)],
            evidence: [
                evidence("P1", .shopee, latest: .active, conclusive: .active),
                evidence("P3", .shopee, latest: .delisted, conclusive: .delisted),
            ]
        )
        #expect(result.contains { $0.key == "coverage_below_target:producers" })
        #expect(result.contains { $0.key == "coverage_below_target:district:873" })
        #expect(!result.contains { $0.key == "coverage_below_target:district:872" })
    }

    @Test func productLostCoverageNeedsAnObservedListing() throws {
        let products = [
            product("P1", producer: "PR1", region: caoLanh),
            product("P2", producer: "PR1", region: caoLanh),
        ]
        let (_, before) = conditions(
            products: products,
            evidence: [evidence("P1", .shopee, latest: .active, conclusive: .active)]
        )
        #expect(!before.contains { $0.kind == .productLostCoverage }, "P2 never had a listing: not lost")

        let (previous, _) = conditions(
            products: products,
            evidence: [evidence("P1", .shopee, latest: .active, conclusive: .active)]
        )
        let (_, after) = conditions(
            products: products,
            evidence: [evidence("P1", .shopee, latest: .blocked, conclusive: .delisted)],
            previous: previous
        )
        let lost = try #require(after.first { $0.kind == .productLostCoverage })
        #expect(lost.key == "product_lost_coverage:P1")
        #expect(lost.product == "P1")
        #expect(lost.region == "Cao Lãnh")
        #expect(lost.message.contains("covered at the previous pass"))
        // Its evidence is the newest conclusive check of the product's listings.
        #expect(lost.evidenceTime == now - 3600)
    }

    @Test func unverifiedProductHasNotLostCoverage() {
        let (_, result) = conditions(
            products: [product("P1", producer: "PR1", region: caoLanh)],
            evidence: [evidence("P1", .shopee, latest: .blocked, conclusive: .active, age: 30 * day)]
        )
        #expect(!result.contains { $0.kind == .productLostCoverage })
    }

    /// The checks since the loss could not look, and the last conclusive one is long past: the
    /// product turns unverified, but what is known is still the loss, so the alert stands.
    @Test func aLossSeenLastStandsWhileTheProductIsUnverified() throws {
        let (report, result) = conditions(
            products: [product("P1", producer: "PR1", region: caoLanh)],
            evidence: [evidence("P1", .shopee, latest: .blocked, conclusive: .delisted, age: 30 * day)]
        )
        #expect(report.productCoverage.first?.state == .unverified)
        let lost = try #require(result.first { $0.kind == .productLostCoverage })
        #expect(lost.key == "product_lost_coverage:P1")
        #expect(lost.evidenceTime == now - 30 * day)
    }

    /// A closed channel's listing (Sendo, after its closure) never covered the product, so it
    /// cannot be what lost its coverage: the product is a gap.
    @Test func aListingThatDoesNotCountCannotLoseCoverage() {
        let (report, result) = conditions(
            products: [product("P1", producer: "PR1", region: caoLanh)],
            evidence: [evidence("P1", .sendo, latest: .delisted, conclusive: .delisted, reason: "marketplace_closed")]
        )
        #expect(report.productCoverage.first?.state == .uncovered)
        #expect(!result.contains { $0.kind == .productLostCoverage }, "\(result.map(\.key))")
    }

    @Test func listingConditionsFollowTheLatestConclusiveObservation() throws {
        let (_, result) = conditions(
            products: [
                product("P1", producer: "PR1", region: caoLanh),
                product("P2", producer: "PR1", region: caoLanh),
                product("P3", producer: "PR2", region: saDec),
            ],
            evidence: [
                evidence("P1", .shopee, latest: .blocked, conclusive: .delisted, reason: "not_found"),
                evidence("P2", .tiki, latest: .outOfStock, conclusive: .outOfStock),
                evidence("P3", .lazada, latest: .unparseable, conclusive: nil),
            ]
        )
        let delisted = try #require(result.first { $0.kind == .listingDelisted })
        #expect(delisted.key == "listing_delisted:P1:https://shopee.vn/P1")
        #expect(delisted.listing == "https://shopee.vn/P1")
        #expect(delisted.marketplace == .shopee)
        #expect(delisted.message.contains("not_found"))
        #expect(delisted.evidenceTime == now - 3600, "the check that concluded it")
        let outOfStock = try #require(result.first { $0.kind == .listingOutOfStock })
        #expect(outOfStock.key == "listing_out_of_stock:P2:https://tiki.vn/P2")
        #expect(outOfStock.severity == .info)
        #expect(result.filter { $0.listing != nil }.count == 2)
    }

    @Test func listingsOutsideTheCountedScopeRaiseNothing() {
        let expired = Product(
            id: "P9", name: "Hết hạn", producerID: "PR1", stars: 3, group: "I.5", region: caoLanh, status: .expired
        )
        let (_, result) = conditions(
            products: [product("P1", producer: "PR1", region: caoLanh), expired],
            evidence: [
                evidence("P1", .sendo, latest: .delisted, conclusive: .delisted),
                evidence("P1", .shopee, latest: .active, conclusive: .active),
                evidence("P9", .shopee, latest: .delisted, conclusive: .delisted),
            ]
        )
        #expect(result.isEmpty)
    }

    /// With `coverage.seller_relations: [own_shop]`, a reseller's listing neither covers the
    /// product nor raises a listing alert when it goes.
    @Test func listingsOfSellersOutOfScopeRaiseNothing() {
        let rules = CoverageRules(sellerRelations: [.ownShop])
        var reseller = evidence("P1", .shopee, latest: .delisted, conclusive: .delisted)
        reseller.listing.sellerRelation = .reseller
        var own = evidence("P1", .tiki, latest: .delisted, conclusive: .delisted)
        own.listing.sellerRelation = .ownShop
        let report = CoverageCalculator(rules: rules).report(
            producers: [Producer(id: "PR1", name: "HTX Một", type: "cooperative", region: caoLanh)],
            products: [product("P1", producer: "PR1", region: caoLanh)],
            evidence: [reseller, own],
            now: now
        )
        let result = AlertEvaluator(rules: AlertRules()).conditions(
            coverage: report, previous: nil, passChecks: [:],
            concluded: [reseller, own].compactMap(ConcludedListing.init), lastSuccessfulPass: now - 3600, now: now)
        #expect(result.filter { $0.listing != nil }.map(\.key) == ["listing_delisted:P1:https://tiki.vn/P1"])
    }

    @Test func adapterDegradedNeedsEnoughChecksAndAShare() throws {
        let (_, result) = conditions(
            products: [],
            evidence: [],
            passChecks: [
                .shopee: [.blocked: 3, .unparseable: 2, .active: 5],
                .lazada: [.blocked: 4, .active: 6],
                .tiki: [.blocked: 9],
                .sendo: [.unreachable: 20],
            ]
        )
        #expect(result.map(\.key) == ["adapter_degraded:shopee"])
        let shopee = try #require(result.first)
        #expect(shopee.severity == .critical)
        #expect(shopee.marketplace == .shopee)
        #expect(shopee.message.contains("5/10"))

        let (_, strict) = conditions(
            products: [],
            evidence: [],
            passChecks: [.sendo: [.unreachable: 20]],
            rules: AlertRules(degradedStatuses: [.blocked, .unparseable, .unreachable])
        )
        #expect(strict.map(\.key) == ["adapter_degraded:sendo"])
    }

    /// A marketplace the breaker keeps from being checked is degraded without a check to judge;
    /// one that also has enough failing checks keeps the message with the figures.
    @Test func aPausedMarketplaceIsDegradedWithoutChecks() throws {
        let (_, result) = conditions(
            products: [], evidence: [], passChecks: [.shopee: [.blocked: 10]], paused: [.shopee, .lazada])
        #expect(result.map(\.key) == ["adapter_degraded:lazada", "adapter_degraded:shopee"])
        #expect(result.first?.message.contains("requests paused") == true)
        #expect(result.last?.message.contains("10/10") == true)
        #expect(result.allSatisfy { $0.severity == .critical })
    }

    @Test func noSuccessfulPassAfterTheConfiguredAge() {
        let (_, never) = conditions(products: [], evidence: [], lastSuccessfulPass: .some(nil))
        #expect(never.map(\.key) == ["no_successful_pass"])
        #expect(never.first?.message.contains("No pass has concluded about any listing yet") == true)

        let (_, old) = conditions(products: [], evidence: [], lastSuccessfulPass: now - 40 * 3600)
        #expect(old.map(\.key) == ["no_successful_pass"])
        #expect(old.first?.message.contains("40 h") == true)

        let (_, recent) = conditions(products: [], evidence: [], lastSuccessfulPass: now - 30 * 3600)
        #expect(recent.isEmpty)
    }

    @Test func certificateExpiringOnlyWhileNotCovered() throws {
        let (_, result) = conditions(
            products: [
                product("P1", producer: "PR1", region: caoLanh, validUntil: "2025-07-01"),
                product("P2", producer: "PR1", region: caoLanh, validUntil: "2025-07-01"),
                product("P3", producer: "PR2", region: saDec, validUntil: "2025-12-31"),
                product("P4", producer: "PR2", region: saDec, validUntil: "2025-05-20"),
            ],
            evidence: [evidence("P2", .shopee, latest: .active, conclusive: .active)]
        )
        let expiring = result.filter { $0.kind == .certificateExpiring }
        #expect(expiring.map(\.key) == ["certificate_expiring:P1", "certificate_expiring:P4"])
        let soon = try #require(expiring.first)
        #expect(soon.message.contains("2025-07-01"))
        #expect(soon.message.contains("31"))
        #expect(expiring.last?.message.contains("expired") == true)
    }

    @Test func severityOverridesApply() {
        let (_, result) = conditions(
            products: [],
            evidence: [],
            lastSuccessfulPass: .some(nil),
            rules: AlertRules(severities: [.noSuccessfulPass: .warning])
        )
        #expect(result.first?.severity == .warning)
    }

    @Test func listingConditionsDoNotDependOnTheOrderOfListingsOrVerdicts() {
        let products = (1...6).map { product("P\($0)", producer: "PR1", region: $0.isMultiple(of: 2) ? caoLanh : saDec) }
        let checked = products.flatMap { product in
            [
                evidence(product.id, .shopee, latest: .delisted, conclusive: .delisted),
                evidence(product.id, .tiki, latest: .outOfStock, conclusive: .outOfStock),
            ]
        }
        let (report, inOrder) = conditions(products: products, evidence: checked)
        let listingKeys = inOrder.filter { $0.kind.isListingLevel }.map(\.key).sorted()
        #expect(listingKeys.count == 12)

        var reversed = report
        reversed.productCoverage.reverse()
        let concluded = checked.compactMap(ConcludedListing.init)
        let evaluator = AlertEvaluator()
        for (coverage, listings) in [(report, Array(concluded.reversed())), (reversed, concluded), (reversed, concluded.reversed())] {
            let found = evaluator.conditions(
                coverage: coverage,
                passChecks: [:],
                concluded: listings,
                lastSuccessfulPass: now - 3600,
                now: now
            )
            #expect(found.filter { $0.kind.isListingLevel }.map(\.key).sorted() == listingKeys)
        }
    }

    /// A listing alert keeps its sentence unwritten (`AlertText`); read back from its record it is
    /// written out, and still the same alert, so a restart rewrites no record.
    @Test func aListingAlertReadBackFromItsRecordIsTheSameAlert() throws {
        let (_, found) = conditions(
            products: [product("P1", producer: "PR1", region: caoLanh)],
            evidence: [evidence("P1", .shopee, latest: .delisted, conclusive: .delisted, reason: "HTTP 404")]
        )
        let listing = try #require(found.first { $0.kind == .listingDelisted })
        #expect(
            listing.message
                == "Tin đăng bị gỡ trên shopee: Sản phẩm P1 (P1) [HTTP 404] / Listing delisted on shopee: Sản phẩm P1 (P1) [HTTP 404]")
        #expect(AlertEvent(listing, state: .firing, time: now).message == listing.message)

        var lifecycle = AlertLifecycle()
        _ = lifecycle.advance(conditions: found, rules: AlertRules(), now: now)
        var records: [Data] = []
        try lifecycle.records(changedSince: AlertLifecycle()).saving.forEachRecord { _, record in records.append(record) }
        let readBack = try AlertLifecycle(records: records)
        #expect(readBack == lifecycle)
        #expect(lifecycle.records(changedSince: readBack).saving.isEmpty)
        let conditions = Set(lifecycle.entries.values.map(\.condition))
        #expect(conditions.contains(listing) && Set(readBack.entries.values.map(\.condition)) == conditions)
    }
}
