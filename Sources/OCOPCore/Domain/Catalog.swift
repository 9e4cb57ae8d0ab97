/// The province's catalog as imported: the whole truth about what should be online.
public struct Catalog: Sendable, Hashable, Codable {
    public var producers: [Producer]
    public var products: [Product]
    public var listings: [Listing]

    public init(producers: [Producer] = [], products: [Product] = [], listings: [Listing] = []) {
        self.producers = producers
        self.products = products
        self.listings = listings
    }
}
