public import Foundation

/// Computes coverage as a pure function of the catalog, the evidence per listing and the rules.
///
/// It has no clock and no I/O: `now` is an argument, so the same inputs always give the same
/// figure, and tests need neither a database nor a network.
///
/// Two entry points give the same figure. ``report(producers:products:listings:now:)`` reads only
/// ``ListingFacts`` and writes one summary line per product: it is what `coverage`, snapshots and
/// alerts need, and it stays cheap at a hundred thousand listings.
/// ``report(producers:products:evidence:now:)`` adds every listing's reason and the online
/// listings, for explanations and tests.
public struct CoverageCalculator: Sendable {
    public var rules: CoverageRules

    public init(rules: CoverageRules = CoverageRules()) {
        self.rules = rules
    }

    /// The report with every product's reasons, one per listing after the summary, and its online
    /// listings: the same tallies and breakdowns as ``report(producers:products:listings:now:)``.
    public func report(
        producers: [Producer],
        products: [Product],
        evidence: [ListingEvidence],
        now: Date
    ) -> CoverageReport {
        var report = report(producers: producers, products: products, listings: evidence.map(ListingFacts.init), now: now)
        let byProduct = Dictionary(grouping: evidence, by: { $0.listing.productID })
        for index in report.productCoverage.indices {
            let product = report.productCoverage[index].product
            report.productCoverage[index] = evaluate(product, evidence: byProduct[product.id] ?? [], now: now)
        }
        return report
    }

    /// The report from the few facts per listing the rules read.
    ///
    /// Each product's ``ProductCoverage/reasons`` holds the summary line only (the first line
    /// ``evaluate(_:evidence:now:)`` gives) and its ``ProductCoverage/onlineListings`` is empty:
    /// naming each listing needs its URL and observations, which only an explanation shows.
    public func report(
        producers: [Producer],
        products: [Product],
        listings: [ListingFacts],
        now: Date
    ) -> CoverageReport {
        let listings = Self.isInProductOrder(listings) ? listings : listings.sorted { $0.productID < $1.productID }
        let runs = Self.productRuns(listings)
        var coverage: [ProductCoverage] = []
        // Per product and marketplace listed there: that marketplace's listings judged alone.
        var byMarketplace: [(product: Int, marketplace: MarketplaceID, state: CoverageState)] = []
        var marketplaces: [(MarketplaceID, Count)] = []
        for product in products where rules.certificateStatuses.contains(product.status) && product.ecommerceRequired {
            var count = Count()
            marketplaces.removeAll(keepingCapacity: true)
            for index in runs[product.id] ?? 0..<0 {
                let listing = listings[index]
                let standing = standing(of: listing.marketplace, listing.sellerRelation, listing.conclusive, now: now)
                count.add(standing)
                if let slot = marketplaces.firstIndex(where: { $0.0 == listing.marketplace }) {
                    marketplaces[slot].1.add(standing)
                } else {
                    var first = Count()
                    first.add(standing)
                    marketplaces.append((listing.marketplace, first))
                }
            }
            for (marketplace, count) in marketplaces {
                byMarketplace.append((coverage.count, marketplace, count.state))
            }
            coverage.append(ProductCoverage(product: product, state: count.state, reasons: [count.summary], onlineListings: []))
        }
        let producerNames = Dictionary(producers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let tallies = Tallies(coverage: coverage)
        var breakdowns: [CoverageDimension: [CoverageBreakdownRow]] = [:]
        for dimension in CoverageDimension.allCases {
            breakdowns[dimension] =
                dimension == .marketplace
                ? marketplaceBreakdown(byMarketplace, tallies: tallies, now: now)
                : breakdown(dimension, coverage: coverage, tallies: tallies, producerNames: producerNames)
        }
        var productTally = CoverageTally(target: rules.productTarget)
        for item in coverage { productTally.add(item.state) }
        var producerTally = CoverageTally(target: rules.producerTarget)
        for state in tallies.producerStates(coverage) { producerTally.add(state) }
        return CoverageReport(
            generatedAt: now,
            rules: rules,
            products: productTally,
            producers: producerTally,
            productCoverage: coverage,
            breakdowns: breakdowns
        )
    }

    /// One product's verdict from the evidence of its listings, with a reason per listing.
    public func evaluate(_ product: Product, evidence: [ListingEvidence], now: Date) -> ProductCoverage {
        var reasons: [String] = []
        var online: [ListingKey] = []
        var count = Count()
        // The store hands evidence over in key order already; checking is cheaper than sorting.
        let ordered = Self.isInKeyOrder(evidence) ? evidence : evidence.sorted(by: { $0.listing.key < $1.listing.key })
        for item in ordered {
            let listing = item.listing
            let conclusive = item.latestConclusive.map { ListingFacts.Check(status: $0.status, checkedAt: $0.checkedAt) }
            let standing = standing(of: listing.marketplace, listing.sellerRelation, conclusive, now: now)
            count.add(standing)
            switch standing {
            case .sellerNotCounted:
                reasons.append("\(listing.url): seller '\(listing.sellerRelation.rawValue)' not counted")
            case .channelClosed:
                reasons.append("\(listing.url): \(listing.marketplace) not an online channel now")
            case .noConclusiveVerdict:
                let last = item.latest.map { "last check \($0.status.rawValue)" } ?? "never checked"
                reasons.append("\(listing.url): no conclusive verdict (\(last))")
            case .stale(let status, let age):
                reasons.append("\(listing.url): \(status.rawValue) is stale (\(Self.describe(age)) old)")
            case .online(let status):
                online.append(listing.key)
                reasons.append("\(listing.url): \(status.rawValue) (online)")
            case .offline(let status):
                reasons.append("\(listing.url): \(status.rawValue) (offline)")
            }
        }
        return ProductCoverage(product: product, state: count.state, reasons: [count.summary] + reasons, onlineListings: online)
    }

    /// How one listing counts at `now`: the single place where the rules judge a listing.
    private func standing(
        of marketplace: MarketplaceID,
        _ sellerRelation: SellerRelation,
        _ conclusive: ListingFacts.Check?,
        now: Date
    ) -> Standing {
        if let relations = rules.sellerRelations, !relations.contains(sellerRelation) { return .sellerNotCounted }
        guard rules.channelOpen(marketplace, at: now) else { return .channelClosed }
        guard let conclusive else { return .noConclusiveVerdict }
        let age = now.timeIntervalSince(conclusive.checkedAt)
        if age > rules.staleAfter { return .stale(conclusive.status, age: age) }
        return rules.onlineStatuses.contains(conclusive.status) ? .online(conclusive.status) : .offline(conclusive.status)
    }

    private enum Standing {
        case sellerNotCounted
        case channelClosed
        case noConclusiveVerdict
        case stale(ListingStatus, age: TimeInterval)
        case online(ListingStatus)
        case offline(ListingStatus)
    }

    /// A product's listings as the rules counted them: its state and summary line follow.
    private struct Count {
        var considered = 0
        var unknown = 0
        var online = 0

        mutating func add(_ standing: Standing) {
            switch standing {
            case .sellerNotCounted, .channelClosed: return
            case .noConclusiveVerdict, .stale: unknown += 1
            case .online: online += 1
            case .offline: break
            }
            considered += 1
        }

        var state: CoverageState {
            if online > 0 { return .covered }
            return unknown > 0 ? .unverified : .uncovered
        }

        var summary: String {
            if online > 0 { return "covered: \(online) of \(considered) listing(s) online by a fresh check" }
            if unknown > 0 { return "unverified: \(unknown) of \(considered) listing(s) have no fresh conclusive check" }
            return considered == 0
                ? "uncovered: no listing in scope" : "uncovered: all \(considered) listing(s) freshly known to be offline"
        }
    }

    /// Covered wins over unverified, which wins over uncovered: the order of merging does not matter.
    private static func merge(_ state: CoverageState, into producer: inout CoverageState?) {
        switch (producer, state) {
        case (.covered, _), (_, .covered): producer = .covered
        case (.unverified, _), (_, .unverified): producer = .unverified
        default: producer = .uncovered
        }
    }

    /// Producers numbered once, so that breakdowns merge producer states by integer rather than
    /// by hashing producer ids again in every dimension.
    private struct Tallies {
        /// The number of each counted product's producer, in the order of the coverage.
        var producerOfProduct: [Int] = []
        var producerCount = 0

        init(coverage: [ProductCoverage]) {
            var numbers: [String: Int] = [:]
            producerOfProduct.reserveCapacity(coverage.count)
            for item in coverage {
                let id = item.product.producerID
                if let number = numbers[id] {
                    producerOfProduct.append(number)
                } else {
                    numbers[id] = producerCount
                    producerOfProduct.append(producerCount)
                    producerCount += 1
                }
            }
        }

        /// A producer is covered when any counted product is; uncovered when all are; else unverified.
        func producerStates(_ coverage: [ProductCoverage]) -> [CoverageState] {
            var states = [CoverageState?](repeating: nil, count: producerCount)
            for index in coverage.indices {
                CoverageCalculator.merge(coverage[index].state, into: &states[producerOfProduct[index]])
            }
            return states.compactMap { $0 }
        }
    }

    /// Breakdown rows while they are being counted: a label per row (that of its first product),
    /// tallies kept as products arrive, and each row's producers merged by row and producer number.
    private struct Groups {
        var rows: [(key: String, label: String, products: CoverageTally)] = []
        var numbers: [String: Int] = [:]
        var producers: [Int: CoverageState] = [:]
        let productTarget: Double
        let producerCount: Int

        mutating func add(_ key: String, _ label: @autoclosure () -> String, _ state: CoverageState, producer: Int) {
            let row: Int
            if let number = numbers[key] {
                row = number
            } else {
                row = rows.count
                numbers[key] = row
                rows.append((key, label(), CoverageTally(target: productTarget)))
            }
            rows[row].products.add(state)
            CoverageCalculator.merge(state, into: &producers[row * producerCount + producer])
        }

        func finished(producerTarget: Double) -> [CoverageBreakdownRow] {
            var producerTallies = [CoverageTally](repeating: CoverageTally(target: producerTarget), count: rows.count)
            for (slot, state) in producers { producerTallies[slot / producerCount].add(state) }
            return rows.indices.map { row in
                CoverageBreakdownRow(
                    key: rows[row].key,
                    label: rows[row].label,
                    products: rows[row].products,
                    producers: producerTallies[row]
                )
            }
            .sorted { StandardOrder.precedes($0.key, $1.key) }
        }
    }

    private func breakdown(
        _ dimension: CoverageDimension,
        coverage: [ProductCoverage],
        tallies: Tallies,
        producerNames: [String: String]
    ) -> [CoverageBreakdownRow] {
        var groups = Groups(productTarget: rules.productTarget, producerCount: max(tallies.producerCount, 1))
        for index in coverage.indices {
            let product = coverage[index].product
            let state = coverage[index].state
            let producer = tallies.producerOfProduct[index]
            switch dimension {
            case .region:
                let region = product.region
                groups.add(region.districtCode ?? region.districtLabel, region.districtLabel, state, producer: producer)
            case .commune:
                let (key, label) = Self.commune(of: product.region)
                groups.add(key, label, state, producer: producer)
            case .stars:
                groups.add("\(product.stars)", "\(product.stars)★", state, producer: producer)
            case .group:
                groups.add(product.group, product.group, state, producer: producer)
            case .industry:
                groups.add(product.keyIndustry ?? "other", product.keyIndustry ?? "other", state, producer: producer)
            case .producer:
                let id = product.producerID
                groups.add(id, producerNames[id] ?? id, state, producer: producer)
            case .marketplace:
                preconditionFailure("the marketplace breakdown judges listings, see marketplaceBreakdown")
            }
        }
        return groups.finished(producerTarget: rules.producerTarget)
    }

    /// Per marketplace: the products listed there, judged on that marketplace's listings alone. A
    /// closed or out-of-scope channel still shows its listings, labelled as not counted.
    private func marketplaceBreakdown(
        _ states: [(product: Int, marketplace: MarketplaceID, state: CoverageState)],
        tallies: Tallies,
        now: Date
    ) -> [CoverageBreakdownRow] {
        var groups = Groups(productTarget: rules.productTarget, producerCount: max(tallies.producerCount, 1))
        for (product, marketplace, state) in states {
            let label =
                rules.channelOpen(marketplace, at: now)
                ? marketplace.rawValue : "\(marketplace.rawValue) (không tính / not counted)"
            groups.add(marketplace.rawValue, label, state, producer: tallies.producerOfProduct[product])
        }
        return groups.finished(producerTarget: rules.producerTarget)
    }

    /// Whether `listings` are grouped by product in ascending id order.
    private static func isInProductOrder(_ listings: [ListingFacts]) -> Bool {
        guard listings.count > 1 else { return true }
        for index in 1..<listings.count where listings[index].productID < listings[index - 1].productID {
            return false
        }
        return true
    }

    /// The positions of each product's listings in `listings`, which are in product order.
    private static func productRuns(_ listings: [ListingFacts]) -> [String: Range<Int>] {
        var runs: [String: Range<Int>] = [:]
        var start = 0
        while start < listings.count {
            let id = listings[start].productID
            var end = start + 1
            while end < listings.count, listings[end].productID == id { end += 1 }
            runs[id] = start..<end
            start = end
        }
        return runs
    }

    /// Whether `evidence` is already sorted by listing key (then sorting it would change nothing).
    private static func isInKeyOrder(_ evidence: [ListingEvidence]) -> Bool {
        guard evidence.count > 1 else { return true }
        for index in 1..<evidence.count where evidence[index].listing.key < evidence[index - 1].listing.key {
            return false
        }
        return true
    }

    /// The commune row a product falls in: the current (post-2025) commune when the catalog
    /// carries it, else the commune as certified, by code when known, else by name within its
    /// district (commune names repeat across districts: every town has a "Phường 1").
    static func commune(of region: Region) -> (key: String, label: String) {
        if let current = region.currentCommuneCode { return (current, current) }
        let name = region.communeName ?? "(không rõ)"
        let label = "\(name), \(region.districtLabel)"
        if let code = region.communeCode { return (code, label) }
        return ("\(region.districtCode ?? region.districtLabel)/\(name)", label)
    }

    static func describe(_ interval: TimeInterval) -> String {
        let hours = Int(interval / 3600)
        return hours >= 48 ? "\(hours / 24) d" : "\(hours) h"
    }
}
