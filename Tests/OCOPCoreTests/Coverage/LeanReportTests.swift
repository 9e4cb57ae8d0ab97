import Foundation
import OCOPCore
import Testing

/// The report from listing facts is the report from the evidence, with the summary line only.
@Suite struct LeanReportTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Products, producers and evidence drawn from `seed`: all statuses, ages, channels, sellers.
    func generated(seed: UInt64) -> (producers: [Producer], products: [Product], evidence: [ListingEvidence]) {
        var numbers = SeededNumbers(seed: seed)
        func next(_ bound: Int) -> Int { numbers.next(bound) }
        let producers = (0..<12).map { Producer(id: "E\($0)", name: "HTX \($0)", type: "cooperative") }
        let products = (0..<60).map { index in
            Product(
                id: "P\(index)",
                name: "Sản phẩm \(index)",
                producerID: "E\(next(12))",
                stars: 3 + next(3),
                group: ["I.1", "I.5"][next(2)],
                keyIndustry: next(2) == 0 ? nil : "lotus",
                region: Region(districtCode: ["866", "872"][next(2)], communeName: ["Phường 1", nil][next(2)]),
                status: [.active, .active, .expired][next(3)],
                ecommerceRequired: next(8) != 0
            )
        }
        let marketplaces: [MarketplaceID] = [.tiki, .shopee, .sendo, .website]
        var evidence: [ListingEvidence] = []
        for product in products {
            for number in 0..<next(4) {
                let marketplace = marketplaces[next(marketplaces.count)]
                let listing = Listing(
                    productID: product.id,
                    marketplace: marketplace,
                    url: "https://\(marketplace)/\(product.id)/\(number)",
                    sellerRelation: SellerRelation.allCases[next(SellerRelation.allCases.count)]
                )
                func observation() -> Observation? {
                    guard next(5) != 0 else { return nil }
                    let status = ListingStatus.allCases[next(ListingStatus.allCases.count)]
                    let age = Double([60, 3 * 86_400, 10 * 86_400][next(3)])
                    return Observation(listing: listing.key, marketplace: marketplace, checkedAt: now - age, verdict: Verdict(status: status))
                }
                let latest = observation()
                let conclusive = latest?.status.isConclusive == true ? latest : observation().flatMap { $0.status.isConclusive ? $0 : nil }
                evidence.append(ListingEvidence(listing: listing, latest: latest ?? conclusive, latestConclusive: conclusive))
            }
        }
        return (producers, products, evidence)
    }

    @Test(
        arguments: [1, 2, 3] as [UInt64],
        [
            CoverageRules(),
            CoverageRules(onlineStatuses: [.active], staleAfter: 86_400, sellerRelations: [.ownShop]),
            CoverageRules(marketplaces: [.tiki, .sendo], windows: [:]),
        ])
    func factsGiveTheReportOfTheEvidence(seed: UInt64, rules: CoverageRules) {
        let (producers, unsortedProducts, unsortedEvidence) = generated(seed: seed)
        // In id order, as the store gives them (products and listings walked in step).
        let products = unsortedProducts.sorted { $0.id < $1.id }
        let evidence = unsortedEvidence.sorted { $0.listing.key < $1.listing.key }
        let calculator = CoverageCalculator(rules: rules)
        let detailed = calculator.report(producers: producers, products: products, evidence: evidence, now: now)
        let lean = calculator.report(producers: producers, products: products, listings: evidence.map(ListingFacts.init), now: now)
        // In any other order, the same figure.
        let shuffled = calculator.report(
            producers: producers,
            products: products.reversed(),
            listings: evidence.reversed().map(ListingFacts.init),
            now: now
        )
        #expect(shuffled.products == lean.products && shuffled.producers == lean.producers && shuffled.breakdowns == lean.breakdowns)
        #expect(Set(shuffled.productCoverage.map(\.product.id)) == Set(lean.productCoverage.map(\.product.id)))

        var expected = detailed
        for index in expected.productCoverage.indices {
            expected.productCoverage[index].reasons = Array(detailed.productCoverage[index].reasons.prefix(1))
            expected.productCoverage[index].onlineListings = []
        }
        #expect(lean == expected)
        #expect(detailed.productCoverage.contains { $0.reasons.count > 1 })

        // The tallies and breakdowns, recounted the slow, obvious way from the per-product verdicts.
        let byProduct = Dictionary(grouping: evidence, by: \.listing.productID)
        let verdicts = products.filter { rules.certificateStatuses.contains($0.status) && $0.ecommerceRequired }
            .map { calculator.evaluate($0, evidence: byProduct[$0.id] ?? [], now: now) }
        #expect(detailed.productCoverage == verdicts)
        #expect(lean.products == tally(verdicts.map(\.state), target: rules.productTarget))
        #expect(lean.producers == producerTally(verdicts.map { ($0.product.producerID, $0.state) }, target: rules.producerTarget))
        let names = Dictionary(uniqueKeysWithValues: producers.map { ($0.id, $0.name) })
        for dimension in CoverageDimension.allCases {
            var entries: [(key: String, label: String, producer: String, state: CoverageState)] = []
            for verdict in verdicts {
                let product = verdict.product
                let region = product.region
                func add(_ key: String, _ label: String, _ state: CoverageState = verdict.state) {
                    entries.append((key, label, product.producerID, state))
                }
                switch dimension {
                case .region: add(region.districtCode ?? region.districtLabel, region.districtLabel)
                case .commune:
                    let name = region.communeName ?? "(không rõ)"
                    add(
                        region.currentCommuneCode ?? region.communeCode ?? "\(region.districtCode ?? region.districtLabel)/\(name)",
                        region.currentCommuneCode.map { "xã mới \($0) / 2025 commune \($0)" }
                            ?? "\(name), \(region.districtLabel)")
                case .stars: add("\(product.stars)", "\(product.stars)★")
                case .group: add(product.group, product.group)
                case .industry: add(product.keyIndustry ?? "other", product.keyIndustry ?? "other")
                case .producer: add(product.producerID, names[product.producerID] ?? product.producerID)
                case .marketplace:
                    for (marketplace, items) in Dictionary(grouping: byProduct[product.id] ?? [], by: \.listing.marketplace) {
                        let label = rules.channelOpen(marketplace, at: now) ? marketplace.rawValue : "\(marketplace) (không tính / not counted)"
                        add(marketplace.rawValue, label, calculator.evaluate(product, evidence: items, now: now).state)
                    }
                }
            }
            let rows = Dictionary(grouping: entries, by: \.key).map { key, group in
                CoverageBreakdownRow(
                    key: key,
                    label: group[0].label,
                    products: tally(group.map(\.state), target: rules.productTarget),
                    producers: producerTally(group.map { ($0.producer, $0.state) }, target: rules.producerTarget)
                )
            }
            .sorted { $0.key.localizedStandardCompare($1.key) == .orderedAscending }
            #expect(lean.breakdowns[dimension] == rows, "\(dimension)")
        }
    }

    func tally(_ states: [CoverageState], target: Double) -> CoverageTally {
        var tally = CoverageTally(target: target)
        for state in states { tally.add(state) }
        return tally
    }

    /// Covered when any product is, else unverified when any is, else uncovered.
    func producerTally(_ states: [(producer: String, state: CoverageState)], target: Double) -> CoverageTally {
        let merged = Dictionary(grouping: states, by: \.producer).values.map { group -> CoverageState in
            let states = Set(group.map(\.state))
            return states.contains(.covered) ? .covered : states.contains(.unverified) ? .unverified : .uncovered
        }
        return tally(merged, target: target)
    }
}

/// Counting listing by listing, as a store reads them, gives the calculator's report.
@Suite struct CoverageCounterTests {
    let now = LeanReportTests().now

    @Test(arguments: [1, 2, 3] as [UInt64])
    func countingAsListingsArriveGivesTheReport(seed: UInt64) throws {
        let (producers, unsortedProducts, evidence) = LeanReportTests().generated(seed: seed)
        let products = unsortedProducts.sorted { $0.id < $1.id }
        let facts = evidence.map(ListingFacts.init).sorted { $0.productID < $1.productID }
        let calculator = CoverageCalculator()
        var counter = CoverageCounter(rules: calculator.rules, products: products, now: now)
        for (index, listing) in facts.enumerated() {
            try counter.add(listing)
            // After each product's listings, one of a product the catalog does not hold (its id
            // sorts between them): it counts for nothing.
            if index == facts.count - 1 || facts[index + 1].productID != listing.productID {
                try counter.add(ListingFacts(productID: listing.productID + "-gone", marketplace: .tiki, sellerRelation: .ownShop))
            }
        }
        #expect(counter.validUntil == calculator.validUntil(listings: facts, from: now))
        let report = counter.report(producers: producers)
        #expect(report == calculator.report(producers: producers, products: products, listings: facts, now: now))
        #expect(report.productCoverage.count == products.filter { $0.status == .active && $0.ecommerceRequired }.count)
        #expect(report.products.covered > 0 && report.products.uncovered > 0)
    }

    @Test func producerNamesAreFoundInAnyOrderOfProducers() {
        let (producers, products, evidence) = LeanReportTests().generated(seed: 4)
        let facts = evidence.map(ListingFacts.init)
        let calculator = CoverageCalculator()
        let sorted = calculator.report(producers: producers.sorted { $0.id < $1.id }, products: products, listings: facts, now: now)
        let shuffled = calculator.report(producers: producers.reversed(), products: products, listings: facts, now: now)
        let labels = sorted.breakdowns[.producer]?.map(\.label) ?? []
        #expect(shuffled.breakdowns[.producer]?.map(\.label) == labels)
        #expect(!labels.isEmpty && labels.allSatisfy { $0.hasPrefix("HTX ") })
    }

    @Test func aListingOutOfProductOrderIsRefused() throws {
        let products = ["P1", "P2"].map { Product(id: $0, name: $0, producerID: "E1", stars: 3, group: "I.1") }
        var counter = CoverageCounter(rules: CoverageRules(), products: products, now: now)
        try counter.add(ListingFacts(productID: "P2", marketplace: .tiki, sellerRelation: .ownShop))
        try counter.add(ListingFacts(productID: "P2", marketplace: .shopee, sellerRelation: .ownShop))
        let error = #expect(throws: CoverageCounter.OrderError.self) {
            try counter.add(ListingFacts(productID: "P1", marketplace: .tiki, sellerRelation: .ownShop))
        }
        #expect(error?.productID == "P1" && error?.previousProductID == "P2")
    }
}
