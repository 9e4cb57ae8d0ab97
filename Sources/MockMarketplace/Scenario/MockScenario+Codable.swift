import Foundation
import OCOPCore

extension MockScenario: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case format
        case sendoClosed = "sendo_closed"
        case seed
        case items
        case faults
        case robotsTxt = "robots_txt"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decode(String.self, forKey: .format)
        guard format == Self.format else {
            throw DecodingError.dataCorruptedError(
                forKey: .format,
                in: container,
                debugDescription: "unsupported format '\(format)'; this version reads '\(Self.format)'"
            )
        }
        self.sendoClosed = try container.decodeIfPresent(Bool.self, forKey: .sendoClosed) ?? false
        self.seed = try container.decodeNonNegativeIfPresent(forKey: .seed) ?? 0
        self.items = try container.decodeIfPresent([MockItem].self, forKey: .items) ?? []
        self.faults = try container.decodeIfPresent([MockFault].self, forKey: .faults) ?? []
        self.robotsTxt = try container.decodeIfPresent(String.self, forKey: .robotsTxt)

        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let key = "\(item.marketplace.rawValue)/\(item.itemID)"
            if let first = seen[key] {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: [CodingKeys.items, AnyCodingKey(index: index)],
                        debugDescription:
                            "duplicate item \(key) (also items[\(first)]); list each marketplace item once"
                    )
                )
            }
            seen[key] = index
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.format, forKey: .format)
        try container.encode(sendoClosed, forKey: .sendoClosed)
        try container.encode(seed, forKey: .seed)
        try container.encode(items, forKey: .items)
        try container.encode(faults, forKey: .faults)
        try container.encodeIfPresent(robotsTxt, forKey: .robotsTxt)
    }
}

extension MockItem: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case marketplace
        case itemID = "item_id"
        case state
        case title
        case priceVND = "price_vnd"
        case originalPriceVND = "original_price_vnd"
        case seller
        case stock
        case sold
        case url
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.marketplace = try container.decodeMarketplace(forKey: .marketplace, allowed: Self.marketplaces)
        self.itemID = try container.decodeIdentifier(forKey: .itemID)
        self.state = try container.decodeIfPresent(MockItemState.self, forKey: .state) ?? .active
        self.title = try container.decodeIfPresent(String.self, forKey: .title)
        self.priceVND = try container.decodeNonNegativeIfPresent(forKey: .priceVND)
        self.originalPriceVND = try container.decodeNonNegativeIfPresent(forKey: .originalPriceVND)
        self.seller = try container.decodeIfPresent(String.self, forKey: .seller)
        self.stock = try container.decodeNonNegativeIfPresent(forKey: .stock)
        self.sold = try container.decodeNonNegativeIfPresent(forKey: .sold)
        self.url = try container.decodeIfPresent(String.self, forKey: .url)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(marketplace.rawValue, forKey: .marketplace)
        try container.encode(itemID, forKey: .itemID)
        try container.encode(state, forKey: .state)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(priceVND, forKey: .priceVND)
        try container.encodeIfPresent(originalPriceVND, forKey: .originalPriceVND)
        try container.encodeIfPresent(seller, forKey: .seller)
        try container.encodeIfPresent(stock, forKey: .stock)
        try container.encodeIfPresent(sold, forKey: .sold)
        try container.encodeIfPresent(url, forKey: .url)
    }
}

extension MockItemState {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let state = Self(rawValue: raw) else {
            let known = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "unknown state '\(raw)'; expected one of \(known)"
            )
        }
        self = state
    }
}

extension KeyedDecodingContainer {
    /// Decodes a marketplace id and checks it against the ones the mock serves.
    func decodeMarketplace(forKey key: Key, allowed: [MarketplaceID]) throws -> MarketplaceID {
        let raw = try decode(String.self, forKey: key)
        let marketplace = MarketplaceID(raw)
        guard allowed.contains(marketplace) else {
            let known = allowed.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: self,
                debugDescription: "unknown marketplace '\(raw)'; expected one of \(known)"
            )
        }
        return marketplace
    }

    /// Decodes an id written either as a string or, for convenience, as an integer.
    func decodeIdentifier(forKey key: Key) throws -> String {
        let value: String
        if let number = try? decode(Int.self, forKey: key) {
            value = String(number)
        } else {
            value = try decode(String.self, forKey: key)
        }
        guard !value.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "must not be empty")
        }
        return value
    }

    func decodeIdentifierIfPresent(forKey key: Key) throws -> String? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeIdentifier(forKey: key)
    }

    func decodeNonNegativeIfPresent(forKey key: Key) throws -> Int? {
        guard let value = try decodeIfPresent(Int.self, forKey: key) else { return nil }
        guard value >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: key,
                in: self,
                debugDescription: "must be zero or more, got \(value)"
            )
        }
        return value
    }
}
