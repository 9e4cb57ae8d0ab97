public import OCOPCore

/// One listing in a scenario: which marketplace, which id, what state, and optionally the facts to show.
///
/// Facts left `nil` get deterministic synthetic values (the same id always gets the same title and
/// price), so a scenario can list thousands of items by id alone.
public struct MockItem: Sendable, Hashable {
    public var marketplace: MarketplaceID
    /// The id the marketplace's route carries: Tiki product id, Lazada item id, Shopee item id,
    /// Sendo product id (or the whole slug), TikTok product id, or for `website` the listing URL.
    public var itemID: String
    public var state: MockItemState
    public var title: String?
    public var priceVND: Int?
    public var originalPriceVND: Int?
    public var seller: String?
    public var stock: Int?
    public var sold: Int?
    /// The listing URL, reported in feeds (`url` is `null` there when absent).
    public var url: String?

    public init(
        marketplace: MarketplaceID,
        itemID: String,
        state: MockItemState = .active,
        title: String? = nil,
        priceVND: Int? = nil,
        originalPriceVND: Int? = nil,
        seller: String? = nil,
        stock: Int? = nil,
        sold: Int? = nil,
        url: String? = nil
    ) {
        self.marketplace = marketplace
        self.itemID = itemID
        self.state = state
        self.title = title
        self.priceVND = priceVND
        self.originalPriceVND = originalPriceVND
        self.seller = seller
        self.stock = stock
        self.sold = sold
        self.url = url
    }

    /// The marketplaces a scenario item may name.
    public static let marketplaces: [MarketplaceID] = [.tiki, .lazada, .shopee, .sendo, .tiktokShop, .website]
}
