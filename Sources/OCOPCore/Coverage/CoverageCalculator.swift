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
        var counter = CoverageCounter(rules: rules, products: products, now: now, counting: listings)
        return counter.report(producers: producers)
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

    /// The rules prepared for judging many listings at one moment: whether each marketplace is a
    /// channel is decided once per marketplace, not once per listing.
    struct Judge: Sendable {
        let calculator: CoverageCalculator
        let now: Date
        /// The channels seen so far and whether each is open at `now`: a handful of marketplaces.
        private var channels: [(marketplace: MarketplaceID, isOpen: Bool)] = []

        init(rules: CoverageRules, now: Date) {
            calculator = CoverageCalculator(rules: rules)
            self.now = now
            for marketplace in MarketplaceID.marketplaces + [.website, .feed] {
                channels.append((marketplace, rules.channelOpen(marketplace, at: now)))
            }
        }

        /// A marketplace's row label: a closed or out-of-scope channel still shows its listings,
        /// labelled as not counted.
        func label(of marketplace: MarketplaceID) -> String {
            calculator.rules.channelOpen(marketplace, at: now)
                ? marketplace.rawValue : "\(marketplace.rawValue) (không tính / not counted)"
        }

        func standing(of listing: ListingFacts) -> Standing {
            let isOpen = channels.first { $0.marketplace == listing.marketplace }?.isOpen
            return calculator.standing(of: listing.marketplace, listing.sellerRelation, listing.conclusive, now: now, channelOpen: isOpen)
        }
    }

    /// How one listing counts at `now`: the single place where the rules judge a listing.
    ///
    /// - Parameter channelOpen: Whether the marketplace is a channel at `now`, when the caller knows.
    private func standing(
        of marketplace: MarketplaceID,
        _ sellerRelation: SellerRelation,
        _ conclusive: ListingFacts.Check?,
        now: Date,
        channelOpen: Bool? = nil
    ) -> Standing {
        if let relations = rules.sellerRelations, !relations.contains(sellerRelation) { return .sellerNotCounted }
        guard channelOpen ?? rules.channelOpen(marketplace, at: now) else { return .channelClosed }
        guard let conclusive else { return .noConclusiveVerdict }
        let age = now.timeIntervalSince(conclusive.checkedAt)
        if age > rules.staleAfter { return .stale(conclusive.status, age: age) }
        return rules.onlineStatuses.contains(conclusive.status) ? .online(conclusive.status) : .offline(conclusive.status)
    }

    enum Standing: Sendable {
        case sellerNotCounted
        case channelClosed
        case noConclusiveVerdict
        case stale(ListingStatus, age: TimeInterval)
        case online(ListingStatus)
        case offline(ListingStatus)
    }

    /// A product's listings as the rules counted them: its state and summary line follow.
    struct Count: Hashable, Sendable {
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
    struct Tallies: Sendable {
        /// The number of each counted product's producer, in the order of the coverage.
        private(set) var producerOfProduct: [Int] = []
        private(set) var producerCount = 0
        private var numbers: [String: Int] = [:]

        init(capacity: Int) {
            producerOfProduct.reserveCapacity(capacity)
        }

        /// The number of the producer of `product`, the next counted product, in order of first
        /// appearance.
        mutating func number(producerOf product: Product) -> Int {
            let id = product.producerID
            if let number = numbers[id] {
                producerOfProduct.append(number)
                return number
            }
            numbers[id] = producerCount
            producerOfProduct.append(producerCount)
            producerCount += 1
            return producerCount - 1
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
    /// product tallies kept as products arrive, and each row's producers merged by row and
    /// producer number, tallied when the rows are finished.
    ///
    /// The rows are the finished rows from the start and are ordered in place: a producer
    /// breakdown has a row per producer, and building a second array of them, then sorting it
    /// (which copies half of it aside), held 4.8 MB at once at the peak of publishing 100,000
    /// listings (docs/0012).
    struct Groups: Sendable {
        private(set) var rows: [CoverageBreakdownRow] = []
        private var numbers: [String: Int] = [:]
        private var producers: [Int: CoverageState] = [:]
        private let productTarget: Double
        private let producerTarget: Double
        private let producerCount: Int

        /// The row of the previous call: neighbouring products often share a district or a group.
        private var last: (key: String, row: Int)?

        /// - Parameters:
        ///   - producerCount: More than any producer number added: rows and producers are merged
        ///     under `row * producerCount + producer`.
        ///   - rows: How many rows are expected, when known: a table grown by doubling holds
        ///     the old and the new storage at once.
        init(productTarget: Double, producerTarget: Double, producerCount: Int, rows: Int = 0) {
            self.productTarget = productTarget
            self.producerTarget = producerTarget
            self.producerCount = max(producerCount, 1)
            self.rows.reserveCapacity(rows)
            producers.reserveCapacity(rows)
        }

        mutating func add(_ key: String, _ label: @autoclosure () -> String, _ state: CoverageState, producer: Int) {
            let row: Int
            if let last, last.key == key {
                row = last.row
            } else if let number = numbers[key] {
                row = number
            } else {
                row = rows.count
                numbers[key] = row
                appendRow(key, label())
            }
            last = (key, row)
            add(row: row, state, producer: producer)
        }

        /// Adds to a row known by number; rows are numbered in order of first appearance.
        mutating func add(row: Int, _ state: CoverageState, producer: Int, newRow: (key: String, label: String)? = nil) {
            if let newRow { appendRow(newRow.key, newRow.label) }
            rows[row].products.add(state)
            CoverageCalculator.merge(state, into: &producers[row * producerCount + producer])
        }

        private mutating func appendRow(_ key: String, _ label: String) {
            rows.append(
                CoverageBreakdownRow(
                    key: key,
                    label: label,
                    products: CoverageTally(target: productTarget),
                    producers: CoverageTally(target: producerTarget)
                )
            )
        }

        /// The rows with their producers tallied, in ``StandardOrder`` of their keys (rows whose
        /// keys it finds equal keep the order they were added in). Leaves the groups empty.
        mutating func finished() -> [CoverageBreakdownRow] {
            for (slot, state) in producers { rows[slot / producerCount].producers.add(state) }
            var finished: [CoverageBreakdownRow] = []
            swap(&finished, &rows)
            self = Groups(productTarget: productTarget, producerTarget: producerTarget, producerCount: producerCount)
            let order = finished.indices.sorted { StandardOrder.precedes(finished[$0].key, finished[$1].key) }
            Self.reorder(&finished, by: order)
            return finished
        }

        /// Rearranges `rows` so that row `index` is the one that was at `order[index]`, moving
        /// them cycle by cycle instead of into a second array.
        static func reorder<Row>(_ rows: inout [Row], by order: [Int]) {
            var order = order
            for start in order.indices where order[start] != start {
                let first = rows[start]
                var current = start
                while order[current] != start {
                    let next = order[current]
                    rows[current] = rows[next]
                    order[current] = current
                    current = next
                }
                rows[current] = first
                order[current] = current
            }
        }
    }

    /// The breakdowns by an attribute of the product (all but the marketplace). Fields are read
    /// in place: copying each product would retain every one of its strings, once per dimension.
    ///
    /// One dimension after another, each in a pass over the verdicts: every dimension merges its
    /// producers per row in a table of its own, and the six tables at once were 3.3 MB at the
    /// peak of publishing 100,000 listings (docs/0012).
    func attributeBreakdowns(
        coverage: [ProductCoverage],
        tallies: Tallies,
        producerNames: ProducerNames
    ) -> [CoverageDimension: [CoverageBreakdownRow]] {
        var breakdowns: [CoverageDimension: [CoverageBreakdownRow]] = [:]
        func count(
            _ dimension: CoverageDimension,
            rows: Int = 0,
            _ add: (inout Groups, _ product: Product, _ state: CoverageState, _ producer: Int) -> Void
        ) {
            var groups = Groups(
                productTarget: rules.productTarget, producerTarget: rules.producerTarget, producerCount: tallies.producerCount,
                rows: rows)
            for index in coverage.indices {
                add(&groups, coverage[index].product, coverage[index].state, tallies.producerOfProduct[index])
            }
            breakdowns[dimension] = groups.finished()
        }
        count(.region) { groups, product, state, producer in
            let region = product.region
            groups.add(region.districtKey, region.districtLabel, state, producer: producer)
        }
        count(.commune) { groups, product, state, producer in
            let region = product.region
            groups.add(Self.communeKey(of: region), Self.communeLabel(of: region), state, producer: producer)
        }
        count(.stars) { groups, product, state, producer in
            let rating = product.stars
            groups.add(String(rating), "\(rating)★", state, producer: producer)
        }
        count(.group) { groups, product, state, producer in
            groups.add(product.group, product.group, state, producer: producer)
        }
        count(.industry) { groups, product, state, producer in
            let key = product.keyIndustry ?? "other"
            groups.add(key, key, state, producer: producer)
        }
        // One row per producer, numbered as the producers are: no key to look up.
        count(.producer, rows: tallies.producerCount) { groups, product, state, producer in
            let newRow = producer == groups.rows.count
            let id = newRow ? product.producerID : ""
            groups.add(row: producer, state, producer: producer, newRow: newRow ? (id, producerNames.name(of: id) ?? id) : nil)
        }
        return breakdowns
    }

    /// Each producer's name by id, for the producer breakdown's labels: found by binary search
    /// in producers sorted by id (as a store gives them), else through a table, which at 16,667
    /// producers was 1 MB at the peak of publishing (docs/0012).
    struct ProducerNames {
        private let producers: [Producer]
        private let table: [String: String]?

        init(_ producers: [Producer]) {
            self.producers = producers
            table = producers.isAscending(by: \.id) ? nil : Dictionary(producers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        }

        func name(of id: String) -> String? {
            if let table { return table[id] }
            var low = 0
            var high = producers.count
            while low < high {
                let middle = (low + high) / 2
                if producers[middle].id < id { low = middle + 1 } else { high = middle }
            }
            return low < producers.count && producers[low].id == id ? producers[low].name : nil
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

    /// The commune row a product falls in: the current (post-2025) commune when the catalog
    /// carries it, else the commune as certified, by code when known, else by name within its
    /// district (commune names repeat across districts: every town has a "Phường 1").
    static func communeKey(of region: Region) -> String {
        if let current = region.currentCommuneCode { return current }
        if let code = region.communeCode { return code }
        return "\(region.districtKey)/\(region.communeName ?? Self.unknownCommune)"
    }

    /// The label of the row ``communeKey(of:)`` names. A current commune has no name in the
    /// catalog, and may merge several certified ones, so its label says what its code is
    /// rather than repeat it bare.
    static func communeLabel(of region: Region) -> String {
        if let current = region.currentCommuneCode { return "xã mới \(current) / 2025 commune \(current)" }
        return "\(region.communeName ?? Self.unknownCommune), \(region.districtLabel)"
    }

    private static let unknownCommune = "(không rõ)"

    /// An age as a reader takes it in: minutes under an hour (a short `stale_after` makes such
    /// ages stale), hours under two days, days after.
    static func describe(_ interval: TimeInterval) -> String {
        let minutes = Int(interval / 60)
        if minutes < 60 { return "\(minutes) min" }
        let hours = minutes / 60
        return hours >= 48 ? "\(hours / 24) d" : "\(hours) h"
    }
}
