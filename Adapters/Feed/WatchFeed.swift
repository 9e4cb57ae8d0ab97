/// The `ocop-watch-feed/1` document as written on disk (docs/0004-feed-format.md).
struct WatchFeed: Decodable {
    struct Item: Decodable {
        var url: String?
        var itemID: String?
        var marketplace: String?
        var status: String
        var reason: String?
        var title: String?
        var priceVND: LenientInteger?
        var originalPriceVND: LenientInteger?
        var seller: String?
        var stock: LenientInteger?
        var sold: LenientInteger?
        var evidence: [String]?

        enum CodingKeys: String, CodingKey {
            case url
            case itemID = "item_id"
            case marketplace, status, reason, title
            case priceVND = "price_vnd"
            case originalPriceVND = "original_price_vnd"
            case seller, stock, sold, evidence
        }
    }

    var format: String
    var generatedAt: String?
    var marketplace: String?
    var complete: Bool?
    var items: [Item]

    enum CodingKeys: String, CodingKey {
        case format
        case generatedAt = "generated_at"
        case marketplace, complete, items
    }
}

/// The Accesstrade publisher API's TikTok Shop product list (marketplaces.md §5.2).
struct AccesstradeFeed: Decodable {
    struct Product: Decodable {
        struct Money: Decodable {
            var minimumAmount: LenientInteger?

            enum CodingKeys: String, CodingKey {
                case minimumAmount = "minimum_amount"
            }
        }

        struct Shop: Decodable {
            var name: String?
        }

        var id: LenientString
        var detailLink: String?
        var title: String?
        var hasInventory: Bool?
        var salesPrice: Money?
        var originalPrice: Money?
        var shop: Shop?
        var unitsSold: LenientInteger?

        enum CodingKeys: String, CodingKey {
            case id
            case detailLink = "detail_link"
            case title
            case hasInventory = "has_inventory"
            case salesPrice = "sales_price"
            case originalPrice = "original_price"
            case shop
            case unitsSold = "units_sold"
        }
    }

    struct Payload: Decodable {
        var products: [Product]
        var nextPageToken: String?

        enum CodingKeys: String, CodingKey {
            case products
            case nextPageToken = "next_page_token"
        }
    }

    var status: Bool?
    var data: Payload
}

/// An integer a producer may write as `95000`, `95000.0` or `"95000"`.
struct LenientInteger: Decodable {
    var value: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int.self) {
            value = integer
        } else if let double = try? container.decode(Double.self), double.isFinite, double.rounded() == double,
            abs(double) < 9.0e18
        {
            value = Int(double)
        } else if let text = try? container.decode(String.self), let integer = Int(text.filter { $0 != " " }) {
            value = integer
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a whole number")
        }
    }
}

/// An id a producer may write as a string or as a number.
struct LenientString: Decodable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let integer = try? container.decode(Int.self) {
            value = String(integer)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a string or a number")
        }
    }
}
