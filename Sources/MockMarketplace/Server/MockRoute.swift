public import OCOPCore

/// A request the mock serves, recognised from its path and query.
///
/// Each case is one marketplace endpoint at its real path, so an adapter pointed at the mock's
/// base URL sends exactly what it would send to the marketplace.
public enum MockRoute: Sendable, Hashable {
    /// `GET /api/v2/products/{id}`
    case tikiProduct(productID: String)
    /// `GET /products/{slug}-i{item}[-s{sku}].html`
    case lazadaProduct(itemID: String, skuID: String?)
    /// `GET /api/v4/pdp/get_pc?item_id=&shop_id=` and `GET /api/v4/item/get?itemid=&shopid=`
    case shopeeItem(endpoint: ShopeeResponseBuilder.Endpoint, itemID: String, shopID: String?)
    /// `GET /full/{slug}`; the item is the slug's trailing `-{digits}` or, failing that, the whole slug.
    case sendoProduct(slug: String)
    /// `GET /vn/pdp/{slug}/{id}`, `/shop/vn/pdp/[{slug}/]{id}`, `/view/product/{id}`
    case tiktokShopProduct(productID: String)
    /// `GET /site/{host}/{path…}` for the listing URL `https://{host}/{path…}[?query]`
    case websitePage(url: String)
    /// `GET /feeds/{marketplace}.json`
    case feed(marketplace: MarketplaceID)
    /// `GET /`, the Sendo Farm home page closed Sendo URLs redirect to
    case home

    /// The marketplace the route belongs to: feeds count as `feed`, the home page as `sendo`.
    public var marketplace: MarketplaceID {
        switch self {
        case .tikiProduct: .tiki
        case .lazadaProduct: .lazada
        case .shopeeItem: .shopee
        case .sendoProduct, .home: .sendo
        case .tiktokShopProduct: .tiktokShop
        case .websitePage: .website
        case .feed: .feed
        }
    }

    /// The scenario ids that may describe the route's item, best first; empty for feeds and the home page.
    public var candidateItemIDs: [String] {
        switch self {
        case .tikiProduct(let id), .lazadaProduct(let id, _), .shopeeItem(_, let id, _), .tiktokShopProduct(let id):
            return [id]
        case .sendoProduct(let slug):
            let digits = slug.reversed().prefix { $0.isASCII && $0.isNumber }
            let id = String(digits.reversed())
            let hasID = !id.isEmpty && slug.dropLast(id.count).hasSuffix("-")
            return hasID ? [id, slug] : [slug]
        case .websitePage(let url):
            guard let query = url.firstIndex(of: "?") else { return [url] }
            return [url, String(url[..<query])]
        case .feed, .home:
            return []
        }
    }

    /// The route's name in statistics, e.g. `tiki.product`, `feed.shopee`.
    public var name: String {
        switch self {
        case .tikiProduct: "tiki.product"
        case .lazadaProduct: "lazada.product"
        case .shopeeItem(let endpoint, _, _): "shopee.\(endpoint.rawValue)"
        case .sendoProduct: "sendo.full"
        case .tiktokShopProduct: "tiktok_shop.product"
        case .websitePage: "website.page"
        case .feed(let marketplace): "feed.\(marketplace.rawValue)"
        case .home: "sendo.home"
        }
    }

    /// Whether error bodies on this route are JSON (APIs, feeds) or HTML (pages).
    var bodyStyle: FaultResponses.BodyStyle {
        switch self {
        case .tikiProduct, .shopeeItem, .sendoProduct, .feed: .json
        case .lazadaProduct, .tiktokShopProduct, .websitePage, .home: .html
        }
    }

    /// Parses the last path component of a Lazada product URL without `.html`
    /// (`nem-lai-vung-i2345678901-s11223344556`); `nil` when it carries no `-i{digits}`.
    public static func lazadaProduct(page: String) -> MockRoute? {
        var rest = Substring(page)
        var skuID: String?
        if let sku = trailingNumber(of: rest, marker: "-s") {
            skuID = String(sku)
            rest = rest.dropLast(sku.count + 2)
        }
        let marker = rest.hasPrefix("i") && rest.dropFirst().allSatisfy(\.isASCIIDigit) ? "i" : "-i"
        guard let item = trailingNumber(of: rest, marker: marker) else { return nil }
        return .lazadaProduct(itemID: String(item), skuID: skuID)
    }

    /// The digits after the last `marker` when they run to the end of `text`.
    private static func trailingNumber(of text: Substring, marker: String) -> Substring? {
        let digits = text.reversed().prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty else { return nil }
        let number = text.suffix(digits.count)
        return text.dropLast(digits.count).hasSuffix(marker) ? number : nil
    }

    /// The website route for a request path below `/site/` (`postmart.vn/san-pham/123`) and its query.
    public static func websitePage(pathAfterSite path: Substring, query: String?) -> MockRoute? {
        let host = path.prefix { $0 != "/" }
        guard !host.isEmpty else { return nil }
        let rest = path.dropFirst(host.count)
        var url = "https://\(host)\(rest.isEmpty ? "/" : rest)"
        if let query, !query.isEmpty { url += "?\(query)" }
        return .websitePage(url: url)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
