/// A schema.org `ItemAvailability` value, as JSON-LD, microdata and OpenGraph
/// (`product:availability`) write it.
public enum SchemaOrgAvailability: String, Sendable, Hashable, CaseIterable {
    case inStock = "InStock"
    case limitedAvailability = "LimitedAvailability"
    case onlineOnly = "OnlineOnly"
    case preOrder = "PreOrder"
    case preSale = "PreSale"
    case backOrder = "BackOrder"
    case madeToOrder = "MadeToOrder"
    case outOfStock = "OutOfStock"
    case soldOut = "SoldOut"
    case inStoreOnly = "InStoreOnly"
    case reserved = "Reserved"
    case discontinued = "Discontinued"

    /// Reads `https://schema.org/InStock` (with or without a trailing `/`, query or fragment),
    /// `http://schema.org/OutOfStock`, `schema:SoldOut`,
    /// `InStock`, and the OpenGraph spellings `in stock`, `instock`, `out of stock`, `oos`,
    /// `preorder`, `available for order`, `pending`, `discontinued`.
    public init?(text: String) {
        var value = Substring(text.trimmingASCIIWhitespace())
        // A URL's query, fragment and trailing slash are not part of the term.
        if let end = value.firstIndex(where: { $0 == "?" || $0 == "#" }) { value = value[..<end] }
        while value.last == "/" { value = value.dropLast() }
        if let slash = value.lastIndex(of: "/") { value = value[value.index(after: slash)...] }
        if let colon = value.lastIndex(of: ":") { value = value[value.index(after: colon)...] }
        let key = value.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" }
        if let known = Self.allCases.first(where: { $0.rawValue.lowercased() == key }) {
            self = known
            return
        }
        switch key {
        case "oos": self = .outOfStock
        case "availablefororder", "available": self = .inStock
        case "pending": self = .preOrder
        default: return nil
        }
    }

    /// What the availability says about a listing: purchasable now, listed but not purchasable,
    /// or gone. `InStoreOnly` counts as out of stock, since the listing cannot be bought online.
    public var listingStatus: ListingStatus {
        switch self {
        case .inStock, .limitedAvailability, .onlineOnly, .preOrder, .preSale, .backOrder, .madeToOrder: .active
        case .outOfStock, .soldOut, .inStoreOnly, .reserved: .outOfStock
        case .discontinued: .delisted
        }
    }
}
