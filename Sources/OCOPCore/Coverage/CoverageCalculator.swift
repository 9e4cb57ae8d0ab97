public import Foundation

/// Computes coverage as a pure function of the catalog, the evidence per listing and the rules.
///
/// It has no clock and no I/O: `now` is an argument, so the same inputs always give the same
/// figure, and tests need neither a database nor a network.
public struct CoverageCalculator: Sendable {
    public var rules: CoverageRules

    public init(rules: CoverageRules = CoverageRules()) {
        self.rules = rules
    }

    public func report(
        producers: [Producer],
        products: [Product],
        evidence: [ListingEvidence],
        now: Date
    ) -> CoverageReport {
        let byProduct = Dictionary(grouping: evidence, by: { $0.listing.productID })
        let counted = products.filter { rules.certificateStatuses.contains($0.status) && $0.ecommerceRequired }
        let coverage = counted.map { product in
            evaluate(product, evidence: byProduct[product.id] ?? [], now: now)
        }
        let producersByID = Dictionary(producers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        var breakdowns: [CoverageDimension: [CoverageBreakdownRow]] = [:]
        for dimension in CoverageDimension.allCases {
            breakdowns[dimension] = breakdown(
                dimension,
                coverage: coverage,
                evidence: byProduct,
                producers: producersByID,
                now: now
            )
        }
        return CoverageReport(
            generatedAt: now,
            rules: rules,
            products: tally(coverage.map(\.state), target: rules.productTarget),
            producers: producerTally(coverage),
            productCoverage: coverage,
            breakdowns: breakdowns
        )
    }

    /// One product's verdict from the evidence of its listings.
    public func evaluate(_ product: Product, evidence: [ListingEvidence], now: Date) -> ProductCoverage {
        var reasons: [String] = []
        var online: [ListingKey] = []
        var unknown = 0
        var considered = 0
        // The store hands evidence over in key order already; checking is cheaper than sorting.
        let ordered = Self.isInKeyOrder(evidence) ? evidence : evidence.sorted(by: { $0.listing.key < $1.listing.key })
        for item in ordered {
            let listing = item.listing
            if let relations = rules.sellerRelations, !relations.contains(listing.sellerRelation) {
                reasons.append("\(listing.url): seller '\(listing.sellerRelation.rawValue)' not counted")
                continue
            }
            guard rules.channelOpen(listing.marketplace, at: now) else {
                reasons.append("\(listing.url): \(listing.marketplace) not an online channel now")
                continue
            }
            considered += 1
            guard let conclusive = item.latestConclusive else {
                unknown += 1
                let last = item.latest.map { "last check \($0.status.rawValue)" } ?? "never checked"
                reasons.append("\(listing.url): no conclusive verdict (\(last))")
                continue
            }
            let age = now.timeIntervalSince(conclusive.checkedAt)
            if age > rules.staleAfter {
                unknown += 1
                reasons.append(
                    "\(listing.url): \(conclusive.status.rawValue) is stale (\(Self.describe(age)) old)"
                )
                continue
            }
            if rules.onlineStatuses.contains(conclusive.status) {
                online.append(listing.key)
                reasons.append("\(listing.url): \(conclusive.status.rawValue) (online)")
            } else {
                reasons.append("\(listing.url): \(conclusive.status.rawValue) (offline)")
            }
        }
        let state: CoverageState
        let summary: String
        if !online.isEmpty {
            state = .covered
            summary = "covered: \(online.count) of \(considered) listing(s) online by a fresh check"
        } else if unknown > 0 {
            state = .unverified
            summary = "unverified: \(unknown) of \(considered) listing(s) have no fresh conclusive check"
        } else {
            state = .uncovered
            summary =
                considered == 0
                ? "uncovered: no listing in scope"
                : "uncovered: all \(considered) listing(s) freshly known to be offline"
        }
        return ProductCoverage(product: product, state: state, reasons: [summary] + reasons, onlineListings: online)
    }

    private func tally(_ states: [CoverageState], target: Double) -> CoverageTally {
        var tally = CoverageTally(target: target)
        for state in states { tally.add(state) }
        return tally
    }

    /// A producer is covered when any counted product is; uncovered when all are; else unverified.
    private func producerTally(_ coverage: [ProductCoverage]) -> CoverageTally {
        tally(Self.producerStates(coverage).map(\.value), target: rules.producerTarget)
    }

    static func producerStates(_ coverage: [ProductCoverage]) -> [String: CoverageState] {
        var states: [String: CoverageState] = [:]
        for index in coverage.indices {
            merge(coverage[index].state, into: &states[coverage[index].product.producerID])
        }
        return states
    }

    /// Covered wins over unverified, which wins over uncovered: the order of merging does not matter.
    private static func merge(_ state: CoverageState, into producer: inout CoverageState?) {
        switch (producer, state) {
        case (.covered, _), (_, .covered): producer = .covered
        case (.unverified, _), (_, .unverified): producer = .unverified
        default: producer = .uncovered
        }
    }

    /// Whether `evidence` is already sorted by listing key (then sorting it would change nothing).
    private static func isInKeyOrder(_ evidence: [ListingEvidence]) -> Bool {
        guard evidence.count > 1 else { return true }
        for index in 1..<evidence.count where evidence[index].listing.key < evidence[index - 1].listing.key {
            return false
        }
        return true
    }

    /// One breakdown row while it is being counted: the label of its first product, and tallies
    /// kept as products arrive rather than lists of products.
    private struct Group {
        var label: String
        var products: CoverageTally
        var producers: [String: CoverageState] = [:]

        mutating func add(_ state: CoverageState, producer: String) {
            products.add(state)
            CoverageCalculator.merge(state, into: &producers[producer])
        }
    }

    private func breakdown(
        _ dimension: CoverageDimension,
        coverage: [ProductCoverage],
        evidence: [String: [ListingEvidence]],
        producers: [String: Producer],
        now: Date
    ) -> [CoverageBreakdownRow] {
        var groups: [String: Group] = [:]
        func add(_ key: String, _ label: String, _ state: CoverageState, producer: String) {
            groups[key, default: Group(label: label, products: CoverageTally(target: rules.productTarget))]
                .add(state, producer: producer)
        }
        for index in coverage.indices {
            let product = coverage[index].product
            let state = coverage[index].state
            let producer = product.producerID
            switch dimension {
            case .region:
                add(product.region.districtCode ?? product.region.districtLabel, product.region.districtLabel, state, producer: producer)
            case .commune:
                let (key, label) = Self.commune(of: product.region)
                add(key, label, state, producer: producer)
            case .stars:
                add("\(product.stars)", "\(product.stars)★", state, producer: producer)
            case .group:
                add(product.group, product.group, state, producer: producer)
            case .industry:
                add(product.keyIndustry ?? "other", product.keyIndustry ?? "other", state, producer: producer)
            case .producer:
                add(producer, producers[producer]?.name ?? producer, state, producer: producer)
            case .marketplace:
                // Per marketplace: the products listed there, judged on that marketplace's listings alone.
                let listed = Dictionary(grouping: evidence[product.id] ?? [], by: { $0.listing.marketplace })
                for (marketplace, items) in listed {
                    // A closed or out-of-scope channel still shows its listings, labelled as not counted.
                    let label =
                        rules.channelOpen(marketplace, at: now)
                        ? marketplace.rawValue : "\(marketplace.rawValue) (không tính / not counted)"
                    add(marketplace.rawValue, label, evaluate(product, evidence: items, now: now).state, producer: producer)
                }
            }
        }
        return groups.map { key, group in
            CoverageBreakdownRow(
                key: key,
                label: group.label,
                products: group.products,
                producers: tally(Array(group.producers.values), target: rules.producerTarget)
            )
        }
        .sorted { StandardOrder.precedes($0.key, $1.key) }
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
