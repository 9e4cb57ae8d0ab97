public import Foundation

/// Coverage counted as the listings' facts arrive, one product's listings after another, so that
/// a store can count while it reads them instead of handing over every listing first.
///
/// It gives the report ``CoverageCalculator/report(producers:products:listings:now:)`` gives (that
/// function counts with it). What it holds grows with the products, not the listings: at 100,000
/// listings the facts read whole were 5.6 MB at the peak of publishing (docs/0012).
///
/// Listings must arrive grouped by product, in ascending product id (`String`'s order), as a
/// store reading them `ORDER BY product_id` gives them. ``add(_:)`` refuses a listing that breaks
/// that order rather than miscount it: SQLite orders ids by their bytes, Swift by their canonical
/// form, and the two differ for ids that are not in Unicode's composed form (NFC). A caller then
/// counts again from every listing's facts, which ``init(rules:products:now:counting:)`` sorts.
public struct CoverageCounter: Sendable {
    /// A listing arrived after listings of a product with a greater id.
    public struct OrderError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The product of the listing refused.
        public var productID: String
        /// The product of the listing before it.
        public var previousProductID: String

        public var description: String {
            "a listing of product \(productID) came after one of product \(previousProductID): listings must be in product id order"
        }
    }

    private let judge: CoverageCalculator.Judge
    private let products: [Product]
    /// The first product not finished yet; the listings counted are its own when its id is
    /// that of the last listing.
    private var next = 0
    private var previousProductID: String?
    /// The listings of `products[next]` counted so far, overall and per marketplace.
    private var count = CoverageCalculator.Count()
    private var marketplaces: [(MarketplaceID, CoverageCalculator.Count)] = []
    /// The oldest conclusive check still fresh at `now`: the first to go stale.
    private var oldestFreshCheck: Date?

    private var coverage: [ProductCoverage] = []
    private var tallies: CoverageCalculator.Tallies
    /// Per marketplace: the products listed there, each judged on that marketplace's listings
    /// alone. Counted as products are, producers numbered up to one per product.
    private var byMarketplace: CoverageCalculator.Groups
    /// Products with the same counts share one summary (and one array holding it).
    private var summaries: [CoverageCalculator.Count: [String]] = [:]

    /// - Parameter products: The catalog's products; sorted by id here unless they already are
    ///   (as a store gives them).
    public init(rules: CoverageRules, products: [Product], now: Date) {
        judge = CoverageCalculator.Judge(rules: rules, now: now)
        self.products = products.isAscending(by: \.id) ? products : products.sorted { $0.id < $1.id }
        coverage.reserveCapacity(products.count)
        tallies = CoverageCalculator.Tallies(capacity: products.count)
        byMarketplace = CoverageCalculator.Groups(
            productTarget: rules.productTarget, producerTarget: rules.producerTarget, producerCount: products.count)
    }

    /// A counter over listings in any order: sorted by product here, and counted.
    public init(rules: CoverageRules, products: [Product], now: Date, counting listings: [ListingFacts]) {
        self.init(rules: rules, products: products, now: now)
        for listing in listings.isAscending(strictly: false, by: \.productID) ? listings : listings.sorted(by: { $0.productID < $1.productID }) {
            count(listing)
        }
    }

    /// Counts one listing.
    ///
    /// - Throws: ``OrderError`` when a listing of a product with a greater id came before it;
    ///   nothing is counted then, and the counter should be dropped.
    public mutating func add(_ listing: ListingFacts) throws(OrderError) {
        if let previousProductID, listing.productID != previousProductID {
            guard previousProductID < listing.productID else {
                throw OrderError(productID: listing.productID, previousProductID: previousProductID)
            }
        }
        count(listing)
    }

    /// Counts one listing known to come in order.
    private mutating func count(_ listing: ListingFacts) {
        if listing.productID != previousProductID {
            while next < products.count, products[next].id < listing.productID { finishProduct() }
            previousProductID = listing.productID
        }
        if let checkedAt = listing.conclusive?.checkedAt, judge.now.timeIntervalSince(checkedAt) <= judge.calculator.rules.staleAfter,
            oldestFreshCheck.map({ checkedAt < $0 }) ?? true
        {
            oldestFreshCheck = checkedAt
        }
        // A listing of a product not in the catalog counts for nothing.
        guard next < products.count, products[next].id == listing.productID else { return }
        let standing = judge.standing(of: listing)
        count.add(standing)
        if let slot = marketplaces.firstIndex(where: { $0.0 == listing.marketplace }) {
            marketplaces[slot].1.add(standing)
        } else {
            var first = CoverageCalculator.Count()
            first.add(standing)
            marketplaces.append((listing.marketplace, first))
        }
    }

    /// The earliest moment after `now` at which the listings added so far could give another
    /// report only because time passed (``CoverageCalculator/validUntil(listings:from:)``).
    public var validUntil: Date? {
        judge.calculator.validUntil(oldestFreshCheck: oldestFreshCheck, from: judge.now)
    }

    /// The report over every product and the listings added: a product none of whose listings
    /// came has none.
    ///
    /// Mutating rather than consuming: a consumed counter may be a copy, whose verdicts the last
    /// products would then be appended to in a second array of every product's verdict.
    ///
    /// - Parameter producers: The catalog's producers, for the names of the producer breakdown.
    public mutating func report(producers: [Producer]) -> CoverageReport {
        while next < products.count { finishProduct() }
        let rules = judge.calculator.rules
        let names = CoverageCalculator.ProducerNames(producers)
        var breakdowns = judge.calculator.attributeBreakdowns(coverage: coverage, tallies: tallies, producerNames: names)
        breakdowns[.marketplace] = byMarketplace.finished()
        var productTally = CoverageTally(target: rules.productTarget)
        for index in coverage.indices { productTally.add(coverage[index].state) }
        var producerTally = CoverageTally(target: rules.producerTarget)
        for state in tallies.producerStates(coverage) { producerTally.add(state) }
        return CoverageReport(
            generatedAt: judge.now,
            rules: rules,
            products: productTally,
            producers: producerTally,
            productCoverage: coverage,
            breakdowns: breakdowns
        )
    }

    /// Judges `products[next]` on the listings counted for it and moves to the next product.
    private mutating func finishProduct() {
        let product = products[next]
        next += 1
        defer {
            count = CoverageCalculator.Count()
            marketplaces.removeAll(keepingCapacity: true)
        }
        guard judge.calculator.rules.certificateStatuses.contains(product.status), product.ecommerceRequired else { return }
        let producer = tallies.number(producerOf: product)
        for (marketplace, count) in marketplaces {
            byMarketplace.add(marketplace.rawValue, judge.label(of: marketplace), count.state, producer: producer)
        }
        let reasons: [String]
        if let shared = summaries[count] {
            reasons = shared
        } else {
            reasons = [count.summary]
            summaries[count] = reasons
        }
        coverage.append(ProductCoverage(product: product, state: count.state, reasons: reasons, onlineListings: []))
    }
}
