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

    public init(name: String? = nil, sku: String? = nil, offers: [Offer] = []) {
        self.name = name
        self.sku = sku
        self.offers = offers
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

    /// Every `Product` in JSON-LD blocks: top-level objects, arrays, `@graph` members and a
    /// page's `mainEntity`. A `ProductGroup` without offers of its own takes its variants' offers.
    /// The first product of a page's JSON-LD (as ``products(inLinkedData:)`` would list it first),
    /// reading blocks only until one describes a product.
    public static func firstProduct(inLinkedDataOf scanner: ByteScanner) -> SchemaOrgProduct? {
        EmbeddedJSON.firstLinkedData(in: scanner) { block in products(inLinkedData: [block]).first }
    }

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
        var offers = object["offers"].map(offers(from:)) ?? []
        if offers.isEmpty, let variants = object["hasVariant"]?.array {
            offers = variants.flatMap { variant in variant["offers"].map(Self.offers(from:)) ?? [] }
        }
        return SchemaOrgProduct(
            name: object["name"]?.string.map { HTMLText.collapsingWhitespace(HTMLText.decodingEntities($0)) },
            sku: object["sku"]?.text ?? object["productID"]?.text,
            offers: offers)
    }

    private static func offers(from value: JSONValue) -> [Offer] {
        if let elements = value.array { return elements.flatMap(offers(from:)) }
        guard let object = value.object else { return [] }
        var offer = Offer(
            price: VNDPrice.amount(object["price"]) ?? VNDPrice.amount(object["lowPrice"]),
            currency: object["priceCurrency"]?.string,
            availability: object["availability"]?.string.flatMap(SchemaOrgAvailability.init(text:)),
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
        let inner = offers(from: nested)
        return offer.price == nil && offer.availability == nil ? inner : [offer] + inner
    }
}
