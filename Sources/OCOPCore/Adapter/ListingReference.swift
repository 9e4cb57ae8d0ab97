/// What an adapter extracted from a listing URL: the ids it needs to plan a request.
public struct ListingReference: Sendable, Hashable {
    /// The listing URL as the catalog has it.
    public var url: String
    public var marketplace: MarketplaceID
    /// The marketplace's item id (Tiki product id, Shopee item id, TikTok product id …).
    public var itemID: String
    /// Further ids some marketplaces need (`shop_id`, `sku_id`, `spid`, `slug`).
    public var extra: [String: String]

    public init(url: String, marketplace: MarketplaceID, itemID: String, extra: [String: String] = [:]) {
        self.url = url
        self.marketplace = marketplace
        self.itemID = itemID
        self.extra = extra
    }

    /// The offer or variant the link selects within its item (Tiki's seller offer `spid`,
    /// Lazada's sku), when it selects one: two links of one item with different variants are
    /// different listings, and what a source says about one says nothing about the other.
    public var variantID: String? { extra["spid"] ?? extra["sku_id"] }
}
