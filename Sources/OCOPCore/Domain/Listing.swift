/// A known marketplace listing of a product, as the catalog gives it.
public struct Listing: Sendable, Hashable, Codable {
    public var productID: String
    public var marketplace: MarketplaceID
    public var url: String
    public var sellerRelation: SellerRelation

    public init(productID: String, marketplace: MarketplaceID, url: String, sellerRelation: SellerRelation = .unknown) {
        self.productID = productID
        self.marketplace = marketplace
        self.url = url
        self.sellerRelation = sellerRelation
    }

    public var key: ListingKey { ListingKey(productID: productID, url: url) }
}

/// Identity of a listing: the same URL may be listed under two certificates of a product.
public struct ListingKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var productID: String
    public var url: String

    public init(productID: String, url: String) {
        self.productID = productID
        self.url = url
    }

    public var description: String { "\(productID) \(url)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.productID, lhs.url) < (rhs.productID, rhs.url)
    }
}
