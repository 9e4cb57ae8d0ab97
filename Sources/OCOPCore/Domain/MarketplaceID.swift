/// A marketplace (or a non-marketplace source such as a producer's website or a feed),
/// named the way the catalog and the config name it.
///
/// It is an open string rather than a closed enum because provinces list platforms we have no
/// adapter for (Postmart, Voso): those listings must still be stored and reported.
public struct MarketplaceID: RawRepresentable, Hashable, Comparable, Codable, Sendable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let tiki: Self = "tiki"
    public static let lazada: Self = "lazada"
    public static let shopee: Self = "shopee"
    public static let sendo: Self = "sendo"
    public static let tiktokShop: Self = "tiktok_shop"
    public static let website: Self = "website"
    public static let feed: Self = "feed"

    /// The five marketplaces the programme target is about.
    public static let marketplaces: [Self] = [.tiki, .lazada, .shopee, .sendo, .tiktokShop]

    /// Every platform a catalog listing may name (`catalog-schema.md` §3.5): the marketplaces,
    /// producers' websites, and channels read by no adapter but still reported.
    public static let platforms: [Self] = marketplaces + [.website, "postmart", "voso", "other"]

    /// The platform `text` names, however a producer cased or spaced it (`Shopee`, ` TIKI `), or
    /// `nil` when it names none of ``platforms``: a feed's `shopee.vn` must not pass for an id
    /// that matches nothing, or its items would be silently dropped.
    public init?(naming text: String) {
        let id = Self(text.trimmingASCIIWhitespace().lowercased())
        guard Self.platforms.contains(id) else { return nil }
        self = id
    }
}
