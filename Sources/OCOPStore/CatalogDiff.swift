import OCOPCore

/// What importing a catalog changes, computed from the stored rows and the incoming catalog.
///
/// Both stores apply the same diff, so they agree on every count in the ``ImportSummary`` and on
/// which records are removed; the diff is a pure value, tested without a database.
struct CatalogDiff {
    /// A record as stored: its fields and whether it is flagged as removed.
    struct Stored<Value> {
        var value: Value
        var isRemoved: Bool
    }

    /// Records to insert, update or bring back, in catalog order.
    var producers: [Producer] = []
    var products: [Product] = []
    var listings: [Listing] = []
    /// Records to flag as removed.
    var removedProducers: [String] = []
    var removedProducts: [String] = []
    var removedListings: [ListingKey] = []
    var summary = ImportSummary()

    /// Whether applying the diff changes a row: the summary's changes, or listings flagged
    /// removed that were no longer checked (their product had left), which it does not count.
    var writesRows: Bool { summary.hasChanges || !removedListings.isEmpty }

    /// - Throws: ``StoreError/Code/invalidCatalog`` for duplicate ids, or a product or listing
    ///   whose producer or product is not in the catalog.
    init(
        storedProducers: [String: Stored<Producer>],
        storedProducts: [String: Stored<Product>],
        storedListings: [ListingKey: Stored<Listing>],
        incoming catalog: Catalog,
        path: String?
    ) throws(StoreError) {
        try Self.validate(catalog, path: path)
        (producers, removedProducers, summary.producers) = Self.compare(
            storedProducers,
            catalog.producers.map { ($0.id, $0) }
        )
        (products, removedProducts, summary.products) = Self.compare(
            storedProducts,
            catalog.products.map { ($0.id, $0) }
        )
        // A listing is checked while it and its product are current (the store's
        // `currentListing`): one whose product left is counted as gone already.
        let before = Set(storedProducts.filter { !$0.value.isRemoved }.keys)
        if catalog.includesListings {
            let incoming = Self.keepingStoredSpellings(of: catalog.listings, stored: storedListings)
            let checked = Dictionary(
                uniqueKeysWithValues: storedListings.map { key, stored in
                    (key, Stored(value: stored.value, isRemoved: stored.isRemoved || !before.contains(key.productID)))
                })
            (listings, removedListings, summary.listings) = Self.compare(checked, incoming.map { ($0.key, $0) })
            // Not checked since their product left, and now out of the listings file too: flagged
            // removed, so that they stay out when the product returns, but not counted again.
            let incomingKeys = Set(incoming.map(\.key))
            removedListings += storedListings.filter { key, stored in
                !stored.isRemoved && !before.contains(key.productID) && !incomingKeys.contains(key)
            }.map(\.key)
        } else {
            // The stored listings stay; those of a product that leaves are not checked any more,
            // and those of one that returns are again.
            let after = Set(catalog.products.map(\.id))
            for (key, listing) in storedListings where !listing.isRemoved {
                switch (before.contains(key.productID), after.contains(key.productID)) {
                case (true, true): summary.listings.unchanged += 1
                case (true, false): summary.listings.removed += 1
                case (false, true): summary.listings.added += 1
                case (false, false): break
                }
            }
        }
    }

    /// `incoming`, where a marketplace link names the same page as a current stored listing of
    /// its product but is spelt otherwise (`http` for `https`, `www.`, a tracking parameter, a
    /// trailing slash: ``Listing/comparableURL(_:)``), with the stored spelling. The listing is
    /// identified by its link, so a respelling would otherwise remove it and add a new one without
    /// its history: its product turned unverified until the next check.
    ///
    /// Not for a producer's website, whose link is the address fetched: there `https` for `http`
    /// or a host without `www.` is how an officer corrects a link that does not answer. Nor for a
    /// removed listing, which a corrected link must not bring back under its old spelling.
    static func keepingStoredSpellings(of incoming: [Listing], stored: [ListingKey: Stored<Listing>]) -> [Listing] {
        // Only the products with a link the store does not hold as spelt: a re-import of an
        // unchanged catalog (every import of `sync --once`) compares no links.
        let products = Set(incoming.lazy.filter { stored[$0.key] == nil && $0.marketplace != .website }.map(\.productID))
        guard !products.isEmpty else { return incoming }
        let incomingKeys = Set(incoming.map(\.key))
        var storedByPage: [ListingKey: String] = [:]
        for (key, listing) in stored
        where !listing.isRemoved && listing.value.marketplace != .website && products.contains(key.productID)
            && !incomingKeys.contains(key)
        {
            let page = ListingKey(productID: key.productID, url: Listing.comparableURL(key.url))
            // The first by spelling: the same answer on every import.
            if let other = storedByPage[page], other <= key.url { continue }
            storedByPage[page] = key.url
        }
        guard !storedByPage.isEmpty else { return incoming }
        return incoming.map { listing in
            guard stored[listing.key] == nil, listing.marketplace != .website,
                let spelling = storedByPage[ListingKey(productID: listing.productID, url: Listing.comparableURL(listing.url))]
            else { return listing }
            var kept = listing
            kept.url = spelling
            return kept
        }
    }

    private static func compare<Key: Hashable, Value: Equatable>(
        _ stored: [Key: Stored<Value>],
        _ incoming: [(Key, Value)]
    ) -> (upserts: [Value], removals: [Key], changes: ImportSummary.Changes) {
        var changes = ImportSummary.Changes()
        var upserts: [Value] = []
        for (key, value) in incoming {
            switch stored[key] {
            case nil:
                changes.added += 1
                upserts.append(value)
            case let current? where current.isRemoved:
                changes.added += 1
                upserts.append(value)
            case let current? where current.value != value:
                changes.updated += 1
                upserts.append(value)
            case _?:
                changes.unchanged += 1
            }
        }
        let incomingKeys = Set(incoming.map(\.0))
        let removals = stored.filter { !$0.value.isRemoved && !incomingKeys.contains($0.key) }.map(\.key)
        changes.removed = removals.count
        return (upserts, removals, changes)
    }

    private static func validate(_ catalog: Catalog, path: String?) throws(StoreError) {
        var producerIDs = Set<String>()
        for producer in catalog.producers where !producerIDs.insert(producer.id).inserted {
            throw .invalidCatalog("producer id \(producer.id) appears twice", path: path)
        }
        var productIDs = Set<String>()
        for product in catalog.products {
            guard productIDs.insert(product.id).inserted else {
                throw .invalidCatalog("product id \(product.id) appears twice", path: path)
            }
            guard producerIDs.contains(product.producerID) else {
                throw .invalidCatalog(
                    "product \(product.id) names producer \(product.producerID), which is not in the catalog",
                    path: path
                )
            }
        }
        var listingKeys = Set<ListingKey>()
        for listing in catalog.listings {
            guard listingKeys.insert(listing.key).inserted else {
                throw .invalidCatalog("listing \(listing.key) appears twice", path: path)
            }
            guard productIDs.contains(listing.productID) else {
                throw .invalidCatalog(
                    "listing \(listing.url) names product \(listing.productID), which is not in the catalog",
                    path: path
                )
            }
        }
    }
}
