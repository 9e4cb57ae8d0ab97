import Foundation

/// A schema.org `Product` as a page describes it in JSON-LD or microdata, reduced to what a
/// listing check needs.
public struct SchemaOrgProduct: Sendable, Hashable {
    /// One `Offer` (an `AggregateOffer` contributes its `lowPrice` and its nested offers).
    public struct Offer: Sendable, Hashable {
        public var price: Int?
        public var originalPrice: Int?
        /// The ISO 4217 code as written (`VND`), when the offer names one.
        public var currency: String?
        public var availability: SchemaOrgAvailability?
        public var seller: String?
        public var inventory: Int?

        public init(
            price: Int? = nil,
            originalPrice: Int? = nil,
            currency: String? = nil,
            availability: SchemaOrgAvailability? = nil,
            seller: String? = nil,
            inventory: Int? = nil
        ) {
            self.price = price
            self.originalPrice = originalPrice
            self.currency = currency
            self.availability = availability
            self.seller = seller
            self.inventory = inventory
        }

        /// Whether the amounts are đồng: the currency is `VND` or not stated.
        public var isVND: Bool {
            guard let currency else { return true }
            return currency.uppercased() == "VND"
        }
    }

    public var name: String?
    public var sku: String?
    public var offers: [Offer]
    /// The page the product says it is (`url`), when it says.
    public var url: String?
    /// Whether the product or one of its offers was written so that reading it stopped early (a
    /// `/* comment */` inside JSON-LD): what it seems to lack may be in the unread part, so it
    /// cannot decide a verdict alone.
    public var isTruncated: Bool

    public init(
        name: String? = nil, sku: String? = nil, offers: [Offer] = [], url: String? = nil, isTruncated: Bool = false
    ) {
        self.name = name
        self.sku = sku
        self.offers = offers
        self.url = url
        self.isTruncated = isTruncated
    }

    /// The availability that decides the listing: any purchasable offer makes it active; else
    /// any out-of-stock offer makes it out of stock; else a discontinued one delists it.
    public var availability: SchemaOrgAvailability? {
        let stated = offers.compactMap(\.availability)
        return stated.first { $0.listingStatus == .active } ?? stated.first { $0.listingStatus == .outOfStock }
            ?? stated.first
    }

    /// The lowest đồng price among the purchasable offers (among all offers when none is);
    /// offers in another currency are left out.
    public var price: Int? {
        cheapestOffer?.price
    }

    /// The list price of the offer ``price`` comes from, when the page states one.
    public var originalPrice: Int? {
        cheapestOffer?.originalPrice
    }

    public var seller: String? { offers.lazy.compactMap(\.seller).first }

    /// The summed `inventoryLevel` of the offers that state one.
    public var inventory: Int? {
        let levels = offers.compactMap(\.inventory)
        return levels.isEmpty ? nil : levels.reduce(0, +)
    }

    /// The first of the cheapest offers in dong that can be bought now, else of those in dong.
    /// One walk without intermediate arrays: it runs for every product page a pass reads.
    private var cheapestOffer: Offer? {
        var cheapest: (offer: Offer, price: Int)?
        var cheapestPurchasable: (offer: Offer, price: Int)?
        for offer in offers where offer.isVND {
            guard let price = offer.price else { continue }
            if cheapest.map({ price < $0.price }) ?? true { cheapest = (offer, price) }
            if offer.availability?.listingStatus == .active, cheapestPurchasable.map({ price < $0.price }) ?? true {
                cheapestPurchasable = (offer, price)
            }
        }
        return (cheapestPurchasable ?? cheapest)?.offer
    }

    /// The first product of a page's JSON-LD (as ``products(inLinkedData:)`` would list it first),
    /// reading blocks only until one describes a product.
    public static func firstProduct(inLinkedDataOf scanner: ByteScanner) -> SchemaOrgProduct? {
        EmbeddedJSON.firstLinkedData(in: scanner) { block in products(inLinkedData: [block]).first }
    }

    /// The product of a page's JSON-LD that speaks for the listing at one of `pageURLs` (the
    /// listing, where it landed).
    ///
    /// 1. A product whose `url` is that page decides.
    /// 2. Else the products that name no page and state an availability decide together: the
    ///    first, when they all agree (the main product and a sidebar's that disagree decide
    ///    nothing, and the page's other evidence does). A product stating none (a review app's
    ///    block: a name and a rating) takes no part.
    /// 3. A product whose `url` names another page never says the listing is gone or out of
    ///    stock (DESIGN: what is not about it cannot uncover it), and one of them on sale (the
    ///    main product under a spelling of its address not recognised) vetoes such a verdict
    ///    from the others. Alone, it may only say the listing is on sale.
    ///
    /// Blocks are read until a product names the page, or a product on sale naming no page
    /// comes before any other that states an availability (the usual page, read no further: a
    /// later product naming the page is missed, which at worst reads an out-of-stock listing as
    /// on sale, both counted online); else to the page's end.
    public static func reading(inLinkedDataOf scanner: ByteScanner, describing pageURLs: [String]) -> LinkedDataReading {
        // Parsed only when a product states a `url`: most pages' products do not.
        var parsedPages: [PageAddress]?
        func pages() -> [PageAddress] {
            if let parsedPages { return parsedPages }
            let pages = pageURLs.compactMap(PageAddress.init)
            parsedPages = pages
            return pages
        }
        var unnamed: [SchemaOrgProduct] = []
        var elsewhere: [SchemaOrgProduct] = []
        let named = EmbeddedJSON.firstLinkedData(in: scanner) { block -> SchemaOrgProduct? in
            for product in products(inLinkedData: [block]) {
                if let url = product.url {
                    if pages().contains(where: { $0.isSamePage(as: url) }) { return product }
                    elsewhere.append(product)
                } else {
                    let onSale = product.availability?.listingStatus == .active
                    if onSale, !unnamed.contains(where: { $0.availability != nil }) { return product }
                    unnamed.append(product)
                }
            }
            return nil
        }
        if let named { return .product(named) }
        let elsewhereOnSale = elsewhere.first { $0.availability?.listingStatus == .active }
        let stating = unnamed.filter { $0.availability != nil }
        if let first = stating.first {
            let status = first.availability?.listingStatus
            guard stating.allSatisfy({ $0.availability?.listingStatus == status }) else { return .undecided }
            return status == .active || elsewhereOnSale == nil ? .product(first) : .undecided
        }
        if let product = unnamed.first ?? elsewhereOnSale { return .product(product) }
        return elsewhere.isEmpty ? .none : .undecided
    }

    /// What a page's JSON-LD says about the listing it was fetched for.
    public enum LinkedDataReading: Sendable, Hashable {
        /// No product in it.
        case none
        /// The product that speaks for the listing.
        case product(SchemaOrgProduct)
        /// Products that do not settle it (they disagree, or name other pages only): the page is
        /// a product page all the same, so a text such as "Không tìm thấy sản phẩm" in its
        /// footer or search box is not the listing's removal.
        case undecided

        public var product: SchemaOrgProduct? {
            if case .product(let product) = self { product } else { nil }
        }
    }

    /// Whether `url` (as a product states it, possibly relative) names another page than every
    /// one of `pageURLs`: such a product is about that page, not the listing.
    public static func names(anotherPage url: String, than pageURLs: [String]) -> Bool {
        !pageURLs.compactMap(PageAddress.init).contains { $0.isSamePage(as: url) }
    }

    /// A page address as two links to one page compare: same site (`www.` or not), same path
    /// once percent-escapes are decoded and case and a trailing slash are ignored (Shopify's
    /// `/collections/tra/products/x` is `/products/x`). A query only one side writes (a
    /// `?variant=`, a tracking tail), or parameters one side adds to the other's (OpenCart's
    /// `&path=20`), do not tell them apart; a parameter they both give differently
    /// (`product_id=42` and `=43`) does.
    private struct PageAddress {
        var site: Substring
        var path: String
        var query: String?
        var base: URLParts

        init?(_ url: String) {
            guard let parts = URLParts(url) else { return nil }
            base = parts
            site = Self.site(parts.host)
            path = Self.normalised(parts.path)
            query = parts.query.flatMap { $0.isEmpty ? nil : Self.normalised($0) }
        }

        func isSamePage(as url: String) -> Bool {
            guard let other = resolved(url) else { return false }
            guard Self.site(other.host) == site else { return false }
            guard Self.normalised(other.path) == path else { return false }
            guard let query, let otherQuery = other.query.flatMap({ $0.isEmpty ? nil : Self.normalised($0) })
            else { return true }
            // OpenCart adds `&path=20` while a visitor browses a category: parameters one side
            // adds to the other's still name its page; `product_id=42` and `=43` do not.
            let (mine, theirs) = (Set(query.split(separator: "&")), Set(otherQuery.split(separator: "&")))
            return mine.isSubset(of: theirs) || theirs.isSubset(of: mine)
        }

        /// `url` as an absolute address: a site-relative (`/san-pham/tra`) or page-relative
        /// (`tra`) one is taken on this page's site.
        private func resolved(_ url: String) -> URLParts? {
            if let absolute = URLParts(url) { return absolute }
            if url.hasPrefix("//") { return URLParts(base.scheme + ":" + url) }
            let path = url.hasPrefix("/") ? url : String(base.path[...(base.path.lastIndex(of: "/") ?? base.path.startIndex)]) + url
            return URLParts(base.scheme + "://" + base.host + path)
        }

        private static func site(_ host: String) -> Substring { host.hasPrefix("www.") ? host.dropFirst(4) : host[...] }

        /// Percent-escapes decoded, lower-cased, without a trailing slash; Shopify's
        /// `/collections/<c>/products/<x>` as the `/products/<x>` it is.
        private static func normalised(_ text: String) -> String {
            var decoded = (text.removingPercentEncoding ?? text).lowercased()
            while decoded.count > 1, decoded.hasSuffix("/") { decoded.removeLast() }
            let parts = decoded.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 5, parts[0].isEmpty, parts[1] == "collections", parts[3] == "products" {
                return "/products/" + parts[4]
            }
            return decoded
        }
    }

    /// Every `Product` in JSON-LD blocks: top-level objects, arrays, `@graph` members and a
    /// page's `mainEntity`. A `ProductGroup` without offers of its own takes its variants' offers.
    public static func products(inLinkedData blocks: [JSONValue]) -> [SchemaOrgProduct] {
        var products: [SchemaOrgProduct] = []
        var pending = Array(blocks.reversed())
        var visited = 0
        while let node = pending.popLast(), visited < 256 {
            visited += 1
            if let elements = node.array {
                pending.append(contentsOf: elements.reversed())
                continue
            }
            guard let object = node.object else { continue }
            if let graph = object["@graph"] { pending.append(graph) }
            if let main = object["mainEntity"] { pending.append(main) }
            if isProduct(object["@type"]) { products.append(product(from: object)) }
        }
        return products
    }

    /// Whether a `@type`/`itemtype` names a product: `Product`, `schema:Product`,
    /// `https://schema.org/IndividualProduct`, `ProductGroup` …
    public static func isProductType(_ name: some StringProtocol) -> Bool {
        let text = String(name)
        let start = text.lastIndex { $0 == "/" || $0 == ":" || $0 == "#" }.map(text.index(after:)) ?? text.startIndex
        return productTypes.contains(text[start...].lowercased())
    }

    private static let productTypes: Set<String> = [
        "product", "individualproduct", "productmodel", "productgroup", "someproducts",
    ]

    private static func isProduct(_ type: JSONValue?) -> Bool {
        guard let type else { return false }
        let names = type.array?.compactMap(\.string) ?? [type.string].compactMap { $0 }
        return names.contains { isProductType($0) }
    }

    private static func product(from object: JSONObject) -> SchemaOrgProduct {
        var truncated = object.isTruncated
        var offers = object["offers"].map { Self.offers(from: $0, truncated: &truncated) } ?? []
        if offers.isEmpty, let variants = object["hasVariant"]?.array {
            offers = variants.flatMap { variant in
                variant["offers"].map { Self.offers(from: $0, truncated: &truncated) } ?? []
            }
        }
        return SchemaOrgProduct(
            name: object["name"]?.string.map { HTMLText.collapsingWhitespace(HTMLText.decodingEntities($0)) },
            sku: object["sku"]?.text ?? object["productID"]?.text,
            offers: offers,
            url: object["url"]?.string,
            isTruncated: truncated)
    }

    /// An `availability` as JSON-LD may write it: a term (`"https://schema.org/InStock"`), a node
    /// reference (`{"@id": "https://schema.org/InStock"}`), or a list of either (the first known).
    private static func availability(_ value: JSONValue) -> SchemaOrgAvailability? {
        if let elements = value.array { return elements.lazy.compactMap(availability).first }
        let text = value.string ?? value["@id"]?.string
        return text.flatMap(SchemaOrgAvailability.init(text:))
    }

    private static func offers(from value: JSONValue, truncated: inout Bool) -> [Offer] {
        if let elements = value.array { return elements.flatMap { offers(from: $0, truncated: &truncated) } }
        guard let object = value.object else { return [] }
        if object.isTruncated { truncated = true }
        var offer = Offer(
            price: VNDPrice.amount(object["price"]) ?? VNDPrice.amount(object["lowPrice"]),
            currency: object["priceCurrency"]?.string,
            availability: object["availability"].flatMap(availability),
            seller: object["seller"].flatMap { $0.string ?? $0["name"]?.string },
            inventory: object["inventoryLevel"].flatMap { $0.numericInt ?? $0["value"]?.numericInt })
        let specifications = object["priceSpecification"].map { $0.array ?? [$0] } ?? []
        for specification in specifications {
            let amount = VNDPrice.amount(specification["price"])
            let type = specification["priceType"]?.string?.lowercased() ?? ""
            if type.hasSuffix("listprice") || type.hasSuffix("strikethroughprice") || type.hasSuffix("msrp") {
                offer.originalPrice = offer.originalPrice ?? amount
            } else {
                offer.price = offer.price ?? amount
            }
            offer.currency = offer.currency ?? specification["priceCurrency"]?.string
        }
        guard let nested = object["offers"] else { return [offer] }
        let inner = offers(from: nested, truncated: &truncated)
        return offer.price == nil && offer.availability == nil ? inner : [offer] + inner
    }
}
