public import Foundation
public import OCOPCore

/// A seller or affiliate export as the feed adapter reads it, `GET /feeds/{marketplace}.json`:
/// `{"format":"ocop-watch-feed/1", …, "items":[…]}` built from the scenario's items of that marketplace.
///
/// Feed statuses are what the seller's own export would say: `active`, `out_of_stock`, or
/// `delisted` (for delisted, not_found and region_unavailable items). A `blocked` item is listed as
/// `active`: blocking concerns our view of the page, not the listing, and feeds exist to get around it.
public struct FeedResponseBuilder: Sendable {
    public static let format = "ocop-watch-feed/1"

    public init() {}

    /// - Parameters:
    ///   - marketplace: The marketplace the feed describes.
    ///   - items: The scenario's items of that marketplace, in scenario order.
    ///   - generatedAt: The feed's `generated_at` (the server uses the time the scenario was loaded).
    public func response(marketplace: MarketplaceID, items: [MockItem], generatedAt: Date) -> MockResponse {
        let entries: [JSONValue] = items.map { item in
            var listed = item
            if listed.state == .blocked { listed.state = .active }
            let facts = MockItemFacts(listed)
            return [
                "url": JSONValue(facts.url),
                "item_id": .string(facts.itemID),
                "status": .string(Self.status(of: facts.state)),
                "title": .string(facts.title),
                "price_vnd": .int(facts.priceVND),
                "original_price_vnd": .int(facts.originalPriceVND),
                "seller": .string(facts.seller),
                "stock": .int(facts.stock),
                "sold": .int(facts.sold),
            ]
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let feed: JSONValue = [
            "format": .string(Self.format),
            "generated_at": .string(formatter.string(from: generatedAt)),
            "marketplace": .string(marketplace.rawValue),
            "complete": true,
            "items": .array(entries),
        ]
        return MockResponse(status: 200, json: feed)
    }

    /// The feed status for an item state.
    public static func status(of state: MockItemState) -> String {
        switch state {
        case .active, .blocked: "active"
        case .outOfStock: "out_of_stock"
        case .delisted, .notFound, .regionUnavailable: "delisted"
        }
    }
}
