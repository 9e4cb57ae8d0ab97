import OCOPCore

/// Shopee's web API: `GET /api/v4/pdp/get_pc?item_id=&shop_id=` and `GET /api/v4/item/get?itemid=&shopid=`.
///
/// Prices are ×100000 as on the wire. `get_pc` nests the item under `data.item` (with
/// `product_price`, `product_review` and `shop_detailed` beside it); `item/get` puts the item's
/// fields straight under `data`, as the captures show.
///
/// | state | answer |
/// | --- | --- |
/// | active | 200, `item_status: "normal"`, `status: 1`, stock = stock |
/// | out_of_stock | 200, `item_status: "normal"`, `stock: 0`, every `models[].stock: 0` |
/// | delisted, region_unavailable | 200, `item_status: "banned"`, `status: 0` |
/// | not_found | 200 `{"error":4,"error_msg":"item not found","data":null}` |
/// | blocked | the 90309999 anti-bot envelope, alternately as HTTP 200 (named keys) and 403 (obfuscated keys) |
public struct ShopeeResponseBuilder: Sendable {
    /// Which of the two item endpoints was called.
    public enum Endpoint: String, Sendable, Hashable {
        case pdpGetPC = "get_pc"
        case itemGet = "item_get"
    }

    /// Shopee prices are integers in units of 1/100000 VND.
    public static let priceScale = 100_000

    public init() {}

    /// - Parameters:
    ///   - item: The item to render.
    ///   - endpoint: The endpoint called.
    ///   - shopID: The shop id from the query, echoed back; `nil` uses one derived from the item.
    ///   - attempt: How many requests for this item came before; picks the anti-bot variant.
    public func response(for item: MockItemFacts, endpoint: Endpoint, shopID: String?, attempt: Int) -> MockResponse {
        switch item.state {
        case .notFound:
            return MockResponse(status: 200, json: ["error": 4, "error_msg": "item not found", "data": nil])
        case .blocked:
            return Self.antiBot(attempt: attempt, item: item)
        case .active, .outOfStock, .delisted, .regionUnavailable:
            let shop = shopID.flatMap(Int.init) ?? item.derivedID(digits: 10, salt: "shop")
            switch endpoint {
            case .pdpGetPC:
                return MockResponse(status: 200, json: pdpGetPC(item, shopID: shop))
            case .itemGet:
                return MockResponse(status: 200, json: itemGet(item, shopID: shop))
            }
        }
    }

    private struct Listing {
        var itemStatus: String
        var status: Int
        var stock: Int
        var price: Int
        var priceBeforeDiscount: Int
    }

    private func listing(_ item: MockItemFacts) -> Listing {
        let gone = item.state == .delisted || item.state == .regionUnavailable
        return Listing(
            itemStatus: gone ? "banned" : "normal",
            status: gone ? 0 : 1,
            stock: item.stock,
            price: item.priceVND * Self.priceScale,
            priceBeforeDiscount: item.originalPriceVND * Self.priceScale
        )
    }

    private func pdpGetPC(_ item: MockItemFacts, shopID: Int) -> JSONValue {
        let listing = listing(item)
        let itemID = item.numericID
        let modelName = "Mặc định"
        return [
            "error": nil,
            "error_msg": nil,
            "data": [
                "item": [
                    "item_id": .int(itemID),
                    "shop_id": .int(shopID),
                    "itemid": .int(itemID),
                    "shopid": .int(shopID),
                    "title": .string(item.title),
                    "currency": "VND",
                    "image": .string("vn-11134207-7r98o-\(item.hexName(16, salt: "image"))"),
                    "item_status": .string(listing.itemStatus),
                    "status": .int(listing.status),
                    "price": .int(listing.price),
                    "price_min": .int(listing.price),
                    "price_max": .int(listing.price),
                    "price_before_discount": .int(listing.priceBeforeDiscount),
                    "stock": .int(listing.stock),
                    "normal_stock": .int(listing.stock),
                    "models": [
                        [
                            "model_id": .int(item.derivedID(digits: 12, salt: "model")),
                            "name": .string(modelName),
                            "normal_stock": .int(listing.stock),
                            "price": .int(listing.price),
                            "price_before_discount": .int(listing.priceBeforeDiscount),
                            "status": .int(listing.status),
                            "stock": .int(listing.stock),
                            "extinfo": ["tier_index": [0]],
                        ]
                    ],
                    "tier_variations": [["name": "Quy cách", "options": [.string(modelName)]]],
                ],
                "product_price": [
                    "discount": .int(item.discountPercent),
                    "price": ["single_value": .int(listing.price), "range_min": -1, "range_max": -1, "price_mask": nil],
                    "price_before_discount": [
                        "single_value": .int(listing.priceBeforeDiscount), "range_min": -1, "range_max": -1,
                        "price_mask": nil,
                    ],
                    "hide_price": false,
                ],
                "product_review": [
                    "total_rating_count": .int(item.sold / 12),
                    "cmt_count": .int(item.sold / 20),
                    "sold_count_display": .string(Self.soldDisplay(item.sold)),
                    "historical_sold_display": .string(Self.soldDisplay(item.sold)),
                    "global_sold_display": .string(Self.soldDisplay(item.sold)),
                ],
                "shop_detailed": ["shopid": .int(shopID), "name": .string(item.seller), "shop_location": "Việt Nam"],
            ],
        ]
    }

    private func itemGet(_ item: MockItemFacts, shopID: Int) -> JSONValue {
        let listing = listing(item)
        let itemID = item.numericID
        return [
            "error": nil,
            "error_msg": nil,
            "data": [
                "itemid": .int(itemID),
                "shopid": .int(shopID),
                "userid": .int(item.derivedID(digits: 10, salt: "user")),
                "name": .string(item.title),
                "currency": "VND",
                "price": .int(listing.price),
                "price_min": .int(listing.price),
                "price_max": .int(listing.price),
                "price_before_discount": .int(listing.priceBeforeDiscount),
                "price_min_before_discount": .int(listing.priceBeforeDiscount),
                "price_max_before_discount": .int(listing.priceBeforeDiscount),
                "discount": .string("\(item.discountPercent)%"),
                "stock": .int(listing.stock),
                "normal_stock": .int(listing.stock),
                "sold": .int(item.sold / 10),
                "historical_sold": .int(item.sold),
                "item_status": .string(listing.itemStatus),
                "status": .int(listing.status),
                "item_rating": [
                    "rating_star": 4.86, "rating_count": [.int(item.sold / 12), 0, 0, 0, 0, .int(item.sold / 12)],
                ],
                "shop_location": "Việt Nam",
                "is_official_shop": false,
                "models": [
                    [
                        "itemid": .int(itemID),
                        "modelid": .int(item.derivedID(digits: 12, salt: "model")),
                        "name": "Mặc định",
                        "price": .int(listing.price),
                        "price_before_discount": .int(listing.priceBeforeDiscount),
                        "stock": .int(listing.stock),
                        "normal_stock": .int(listing.stock),
                        "status": .int(listing.status),
                    ]
                ],
            ],
            "is_indexable": true,
        ]
    }

    /// Shopee's "1,2k" style count.
    static func soldDisplay(_ sold: Int) -> String {
        guard sold >= 1_000 else { return String(sold) }
        let tenths = sold / 100
        return tenths % 10 == 0 ? "\(tenths / 10)k" : "\(tenths / 10),\(tenths % 10)k"
    }

    /// The anti-bot envelope: even attempts get HTTP 200 with named keys, odd ones HTTP 403 with
    /// the obfuscated-key variant, because real clients see both for the same item.
    static func antiBot(attempt: Int, item: MockItemFacts) -> MockResponse {
        let tracking = [item.hexName(11, salt: "t\(attempt)"), item.hexName(4), "4a8b", "9c0d", item.hexName(12)]
            .joined(separator: "-")
        if attempt.isMultiple(of: 2) {
            return MockResponse(
                status: 200,
                json: [
                    "is_customized": false, "is_login": false, "action_type": 2, "error": 90_309_999,
                    "tracking_id": .string(tracking),
                ]
            )
        }
        return MockResponse(
            status: 403,
            json: [
                "5": false, "2": false, "4": 2, "0": 3, "3": 90_309_999, "error": 90_309_999, "1": .string(tracking),
                "9": true,
            ]
        )
    }
}
