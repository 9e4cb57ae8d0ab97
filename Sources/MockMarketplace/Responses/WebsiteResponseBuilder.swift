import OCOPCore

/// A producer's own shop or a platform such as Postmart, `GET /site/{host}/{path…}`: an HTML page
/// with a schema.org Product JSON-LD block, for items whose id is the listing URL `https://{host}/{path}`.
///
/// | state | answer |
/// | --- | --- |
/// | active | 200, `offers.availability` `https://schema.org/InStock` |
/// | out_of_stock | 200, `offers.availability` `https://schema.org/OutOfStock` |
/// | delisted, region_unavailable | 410 Gone page |
/// | not_found | 404 page |
/// | blocked | 403 "Access denied" page |
public struct WebsiteResponseBuilder: Sendable {
    /// The approximate size product pages are padded to.
    public var targetPageBytes: Int

    public init(targetPageBytes: Int = MockPageSizes.realistic.websitePage) {
        self.targetPageBytes = targetPageBytes
    }

    public func response(for item: MockItemFacts) -> MockResponse {
        switch item.state {
        case .active, .outOfStock:
            return productPage(item)
        case .delisted, .regionUnavailable:
            return Self.errorPage(status: 410, title: "Sản phẩm ngừng kinh doanh", text: "Sản phẩm này đã ngừng bán.")
        case .notFound:
            return Self.errorPage(status: 404, title: "404 - Không tìm thấy trang", text: "Trang không tồn tại.")
        case .blocked:
            return Self.errorPage(status: 403, title: "Access denied", text: "Access denied: your request was blocked.")
        }
    }

    private func productPage(_ item: MockItemFacts) -> MockResponse {
        let title = HTMLText.escape(item.title)
        let jsonLD: JSONValue = [
            "@context": "https://schema.org",
            "@type": "Product",
            "name": .string(item.title),
            "sku": .string(item.hexName(8, salt: "sku").uppercased()),
            "image": .string("\(item.itemID.hasSuffix("/") ? item.itemID : item.itemID + "/")image.jpg"),
            "brand": ["@type": "Brand", "name": .string(item.seller)],
            "offers": [
                "@type": "Offer",
                "url": .string(item.itemID),
                "price": .string(String(item.priceVND)),
                "priceCurrency": "VND",
                "availability": .string(
                    item.state == .active ? "https://schema.org/InStock" : "https://schema.org/OutOfStock"
                ),
                "inventoryLevel": ["@type": "QuantitativeValue", "value": .int(item.stock)],
                "seller": ["@type": "Organization", "name": .string(item.seller)],
            ],
        ]
        var head: [MockResponse.Part] = []
        head.append(
            """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>\(title) – \(HTMLText.escape(item.seller))</title>
            <meta property="og:type" content="product">
            <meta property="og:title" content="\(title)">
            <link rel="canonical" href="\(HTMLText.escape(item.itemID))">
            <script type="application/ld+json">
            """
        )
        head.append(.bytes(jsonLD.bytes(escaping: .htmlScript)))
        head.append("</script>\n<style>\n")
        var tail: [MockResponse.Part] = []
        tail.append(
            """
            </style>
            </head>
            <body>
            <main class="product"><h1>\(title)</h1><p class="price">\(item.priceVND.vndText)</p></main>
            </body>
            </html>

            """
        )
        let unpadded = (head + tail).reduce(0) { $0 + $1.count }
        return MockResponse(status: 200, html: head + [.padding(Swift.max(0, targetPageBytes - unpadded))] + tail)
    }

    static func errorPage(status: Int, title: String, text: String) -> MockResponse {
        MockResponse(
            status: status,
            html: [
                .bytes(
                    Array(
                        """
                        <!DOCTYPE html>
                        <html lang="vi">
                        <head><meta charset="utf-8"><title>\(title)</title></head>
                        <body><h1>\(title)</h1><p>\(text)</p></body>
                        </html>

                        """.utf8
                    )
                )
            ]
        )
    }
}
