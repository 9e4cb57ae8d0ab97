public import OCOPCore

/// Everything a builder shows for one item: the scenario's facts with every gap filled.
///
/// Gaps are filled from a stable hash of marketplace and id (never `Hasher`, which is seeded per
/// process), so the same item has the same title, price and seller in every run and in every
/// marketplace shape that shows it.
public struct MockItemFacts: Sendable, Hashable {
    public var marketplace: MarketplaceID
    public var itemID: String
    public var state: MockItemState
    public var title: String
    public var priceVND: Int
    public var originalPriceVND: Int
    public var seller: String
    /// Zero unless the state is `active`.
    public var stock: Int
    public var sold: Int
    public var url: String?

    /// Resolves a scenario item.
    public init(_ item: MockItem) {
        let synthetic = SyntheticValues(marketplace: item.marketplace, itemID: item.itemID)
        self.marketplace = item.marketplace
        self.itemID = item.itemID
        self.state = item.state
        self.title = item.title ?? synthetic.title
        self.priceVND = item.priceVND ?? synthetic.priceVND
        self.originalPriceVND = item.originalPriceVND ?? Swift.max(self.priceVND, synthetic.originalPriceVND)
        self.seller = item.seller ?? synthetic.seller
        self.stock = item.state == .active ? (item.stock ?? synthetic.stock) : 0
        self.sold = item.sold ?? synthetic.sold
        self.url = item.url
    }

    /// Facts for an item the scenario does not list.
    public init(marketplace: MarketplaceID, itemID: String, state: MockItemState = .notFound) {
        self.init(MockItem(marketplace: marketplace, itemID: itemID, state: state))
    }

    /// The same facts in another state (a `captcha` fault renders the item as `blocked`).
    public func with(state: MockItemState) -> Self {
        var copy = self
        copy.state = state
        if state != .active { copy.stock = 0 }
        return copy
    }

    /// A stable number derived from the item, for ids the scenario does not give (Lazada sku, Shopee shop).
    public var derivedNumber: UInt64 { SyntheticValues.hash("\(marketplace.rawValue)/\(itemID)") }

    /// The numeric item id, or a derived one when the id is not a number.
    var numericID: Int { Int(itemID) ?? Int(derivedNumber % 900_000_000) + 100_000_000 }

    /// The URL slug of the title (`tra-sen-thap-muoi-…`).
    var slug: String { Slug.make(from: title) }

    /// Discount as a whole percentage of the original price.
    var discountPercent: Int {
        guard originalPriceVND > 0, originalPriceVND > priceVND else { return 0 }
        return (originalPriceVND - priceVND) * 100 / originalPriceVND
    }
}
