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
        for item in evidence.sorted(by: { $0.listing.key < $1.listing.key }) {
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
        for item in coverage {
            let id = item.product.producerID
            switch (states[id], item.state) {
            case (.covered, _), (_, .covered): states[id] = .covered
            case (.unverified, _), (_, .unverified): states[id] = .unverified
            default: states[id] = .uncovered
            }
        }
        return states
    }

    private func breakdown(
        _ dimension: CoverageDimension,
        coverage: [ProductCoverage],
        evidence: [String: [ListingEvidence]],
        producers: [String: Producer],
        now: Date
    ) -> [CoverageBreakdownRow] {
        var groups: [String: (label: String, items: [ProductCoverage])] = [:]
        func add(_ key: String, _ label: String, _ item: ProductCoverage) {
            groups[key, default: (label, [])].items.append(item)
        }
        for item in coverage {
            let product = item.product
            switch dimension {
            case .region:
                add(product.region.districtCode ?? product.region.districtLabel, product.region.districtLabel, item)
            case .commune:
                let (key, label) = Self.commune(of: product.region)
                add(key, label, item)
            case .stars:
                add("\(product.stars)", "\(product.stars)★", item)
            case .group:
                add(product.group, product.group, item)
            case .industry:
                add(product.keyIndustry ?? "other", product.keyIndustry ?? "other", item)
            case .producer:
                add(product.producerID, producers[product.producerID]?.name ?? product.producerID, item)
            case .marketplace:
                // Per marketplace: the products listed there, judged on that marketplace's listings alone.
                let listed = Dictionary(grouping: evidence[product.id] ?? [], by: { $0.listing.marketplace })
                for (marketplace, items) in listed {
                    // A closed or out-of-scope channel still shows its listings, labelled as not counted.
                    let label =
                        rules.channelOpen(marketplace, at: now)
                        ? marketplace.rawValue : "\(marketplace.rawValue) (không tính / not counted)"
                    add(marketplace.rawValue, label, evaluate(product, evidence: items, now: now))
                }
            }
        }
        return groups.map { key, value in
            CoverageBreakdownRow(
                key: key,
                label: value.label,
                products: tally(value.items.map(\.state), target: rules.productTarget),
                producers: tally(Self.producerStates(value.items).map(\.value), target: rules.producerTarget)
            )
        }
        .sorted { $0.key.localizedStandardCompare($1.key) == .orderedAscending }
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
