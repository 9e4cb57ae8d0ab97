import OCOPCore

/// Reads a schema.org `Product` written as HTML microdata (`itemscope itemtype itemprop`).
///
/// Without a DOM the element nesting is not known, so scopes are approximated: after an element
/// that opens a nested scope (`itemprop="seller" itemscope`), `name` belongs to that scope until
/// another nested scope opens. The product's own `name` is the first one outside a seller, brand,
/// review or rating scope. This fits how shop templates write microdata: the product's name
/// first, then its offers. The first product's properties end where the next product scope
/// begins (a variant's, `itemprop="hasVariant"`, is the product's own), so a related product's
/// availability is never read as the listing's. Of several variants' availabilities, any on
/// sale makes the product so.
enum Microdata {
    /// The first product scope that does not name another page than `pageURLs` by its `url`
    /// property (a sidebar's card, a category page's grid): such a scope is about that page.
    /// `namesPage` says whether it names one of `pageURLs`, rather than none.
    static func product(in scanner: ByteScanner, describing pageURLs: [String]) -> (
        product: SchemaOrgProduct, namesPage: Bool
    )? {
        var searchFrom = 0
        // A category page holds dozens of cards: a bounded number are looked at.
        for _ in 0..<32 {
            guard let scope = productScopeStart(in: scanner, from: searchFrom) else { return nil }
            // The next product's scope (a related product, a sidebar) begins where this one's
            // properties must end: its availability is not this listing's.
            let next = productScopeStart(in: scanner, from: scope.upperBound)
            let (product, url) = read(scanner, in: scope.upperBound..<(next?.lowerBound ?? scanner.count))
            guard let url else { return (product, false) }
            guard SchemaOrgProduct.names(anotherPage: url, than: pageURLs) else { return (product, true) }
            guard let next else { return nil }
            searchFrom = next.lowerBound
        }
        return nil
    }

    /// The product whose properties lie in `range`, and the `url` it states.
    private static func read(_ scanner: ByteScanner, in range: Range<Int>) -> (SchemaOrgProduct, url: String?) {
        let (scopeStart, scopeEnd) = (range.lowerBound, range.upperBound)
        var url: String?
        var product = SchemaOrgProduct()
        var offer = SchemaOrgProduct.Offer()
        var availabilities: [SchemaOrgAvailability] = []
        var nestedScope: String?
        for match in scanner.ranges(of: "itemprop", in: scopeStart..<scopeEnd) {
            guard let tagStart = scanner.lastIndex(of: UInt8(ascii: "<"), before: match.lowerBound),
                let tag = HTMLTag(in: scanner, at: tagStart), let names = tag["itemprop"]
            else { continue }
            for name in names.split(separator: " ").map({ $0.lowercased() }) {
                if tag["itemscope"] != nil {
                    nestedScope = name
                    continue
                }
                let value =
                    tag["content"] ?? tag["href"] ?? tag["value"]
                    ?? HTMLText.text(in: scanner, from: tag.range.upperBound)
                guard let value, !value.isEmpty else { continue }
                switch name {
                case "name":
                    if nestedScope == "seller" {
                        offer.seller = offer.seller ?? value
                    } else if nestedScope == nil || nestedScope == "offers" {
                        product.name = product.name ?? value
                    }
                case "sku", "productid": product.sku = product.sku ?? value
                case "url" where nestedScope == nil: url = url ?? value
                case "price", "lowprice": offer.price = offer.price ?? VNDPrice.parse(value)
                case "pricecurrency": offer.currency = offer.currency ?? value
                case "availability":
                    // Each variant's offer states its own: any on sale makes the product so, as
                    // in JSON-LD (`SchemaOrgProduct.availability`).
                    if let stated = SchemaOrgAvailability(text: value) { availabilities.append(stated) }
                default: break
                }
            }
        }
        offer.availability = availabilities.first
        if offer != SchemaOrgProduct.Offer() { product.offers = [offer] }
        // The other variants' availabilities, as offers of their own.
        product.offers += availabilities.dropFirst().map { SchemaOrgProduct.Offer(availability: $0) }
        return (product, url)
    }

    /// The start tag of the first element at or after `start` whose `itemtype` is a product,
    /// other than a variant or model of the product around it (`itemprop="hasVariant"`), whose
    /// offers are that product's own.
    private static func productScopeStart(in scanner: ByteScanner, from start: Int) -> Range<Int>? {
        var searchFrom = start
        while let match = scanner.firstRange(of: "itemtype", in: searchFrom..<scanner.count) {
            searchFrom = match.upperBound
            // A tag that began before `start` (the scope's own, a malformed one) is not the next.
            guard let tagStart = scanner.lastIndex(of: UInt8(ascii: "<"), before: match.lowerBound), tagStart >= start,
                let tag = HTMLTag(in: scanner, at: tagStart),
                let type = tag["itemtype"], SchemaOrgProduct.isProductType(type)
            else { continue }
            let roles = tag["itemprop"]?.lowercased().split(separator: " ") ?? []
            if roles.contains("hasvariant") || roles.contains("model") { continue }
            return tag.range
        }
        return nil
    }
}
