import OCOPCore

/// Reads a schema.org `Product` written as HTML microdata (`itemscope itemtype itemprop`).
///
/// Without a DOM the element nesting is not known, so scopes are approximated: after an element
/// that opens a nested scope (`itemprop="seller" itemscope`), `name` belongs to that scope until
/// another nested scope opens. The product's own `name` is the first one outside a seller, brand,
/// review or rating scope. This fits how shop templates write microdata: the product's name
/// first, then its offers.
enum Microdata {
    static func product(in scanner: ByteScanner) -> SchemaOrgProduct? {
        var scopeStart: Int?
        for match in scanner.ranges(of: "itemtype") {
            guard let tagStart = scanner.lastIndex(of: UInt8(ascii: "<"), before: match.lowerBound),
                let tag = HTMLTag(in: scanner, at: tagStart),
                let type = tag["itemtype"], SchemaOrgProduct.isProductType(type)
            else { continue }
            scopeStart = tag.range.upperBound
            break
        }
        guard let scopeStart else { return nil }

        var product = SchemaOrgProduct()
        var offer = SchemaOrgProduct.Offer()
        var nestedScope: String?
        for match in scanner.ranges(of: "itemprop", in: scopeStart..<scanner.count) {
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
                case "price", "lowprice": offer.price = offer.price ?? VNDPrice.parse(value)
                case "pricecurrency": offer.currency = offer.currency ?? value
                case "availability": offer.availability = offer.availability ?? SchemaOrgAvailability(text: value)
                default: break
                }
            }
        }
        if offer != SchemaOrgProduct.Offer() { product.offers = [offer] }
        return product
    }
}
