/// The province's catalog as imported: the whole truth about what should be online.
public struct Catalog: Sendable, Hashable, Codable {
    public var producers: [Producer]
    public var products: [Product]
    public var listings: [Listing]
    /// Whether the catalog came with its listings. An officer who exports only the products and
    /// producers sheets (listings are optional) has said nothing about the listings, so an import
    /// without them keeps the stored ones instead of marking every one as removed.
    public var includesListings: Bool

    public init(
        producers: [Producer] = [],
        products: [Product] = [],
        listings: [Listing] = [],
        includesListings: Bool = true
    ) {
        self.producers = producers
        self.products = products
        self.listings = listings
        self.includesListings = includesListings
    }
}
