import OCOPCore

/// Lazada's product page, `GET /products/{slug}-i{item}[-s{sku}].html`: server-rendered HTML with
/// `var __moduleData__ = {…};` and a schema.org Product JSON-LD block, padded to ~130 KB.
///
/// | state | answer |
/// | --- | --- |
/// | active | 200, sku `quantity.type: "default"`, JSON-LD `InStock` |
/// | out_of_stock | 200, sku `quantity {type: "warning", text: "Hết hàng", limit.max: 0}`, JSON-LD `OutOfStock` |
/// | delisted, region_unavailable | 200, the not-found page (a soft 404, as Lazada serves it) |
/// | not_found | 404, the not-found page (`lazada-ic-404`, `item not found`, `wh_errCode=404`) |
/// | blocked | 200, the Baxia punish page (`Captcha Interception`, `punish-page`, `_____tmd_____`) |
public struct LazadaResponseBuilder: Sendable {
    /// The approximate size product pages are padded to.
    public var targetPageBytes: Int

    public init(targetPageBytes: Int = MockPageSizes.realistic.lazadaPage) {
        self.targetPageBytes = targetPageBytes
    }

    /// - Parameters:
    ///   - item: The item to render.
    ///   - skuID: The sku from the URL (`-s{sku}`); `nil` renders the item's default sku.
    public func response(for item: MockItemFacts, skuID: String?) -> MockResponse {
        switch item.state {
        case .active, .outOfStock:
            return productPage(item, skuID: skuID ?? String(item.derivedID(digits: 11, salt: "sku")))
        case .delisted, .regionUnavailable:
            return MockResponse(status: 200, html: [.bytes(Self.notFoundPage)])
        case .notFound:
            return MockResponse(status: 404, html: [.bytes(Self.notFoundPage)])
        case .blocked:
            let path = "/products/\(item.slug)-i\(item.itemID).html"
            return MockResponse(status: 200, html: [.bytes(Self.punishPage(path: path))])
        }
    }

    private func productPage(_ item: MockItemFacts, skuID: String) -> MockResponse {
        let inStock = item.state == .active
        let canonical = "https://www.lazada.vn/products/\(item.slug)-i\(item.itemID).html"
        let image = "https://vn-live-01.slatic.net/p/\(item.hexName(32, salt: "image")).jpg"
        let sellerID = String(item.derivedID(digits: 12, salt: "seller"))
        let sellerURL = "//www.lazada.vn/shop/\(Slug.make(from: item.seller))/?itemId=\(item.itemID)"
        let productURL = "https://www.lazada.vn/products/\(item.slug)-i\(item.itemID)-s\(skuID).html"
        let title = HTMLText.escape(item.title)
        let jsonLD: JSONValue = [
            "@context": "https://schema.org",
            "@type": "Product",
            "name": .string(item.title),
            "image": [.string(image)],
            "sku": .string(item.itemID),
            "brand": ["@type": "Brand", "name": "No Brand"],
            "offers": [
                "@type": "Offer",
                "priceCurrency": "VND",
                "price": .string(String(item.priceVND)),
                "availability": .string(inStock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock"),
                "url": .string(canonical),
            ],
        ]
        let quantity: JSONValue =
            inStock
            ? ["limit": ["max": 5, "min": 1], "text": "", "type": "default"]
            : ["limit": ["max": 0, "min": 0], "text": "Hết hàng", "type": "warning"]
        let price: JSONValue = [
            "discount": .string(item.discountPercent > 0 ? "-\(item.discountPercent)%" : ""),
            "originalPrice": ["text": .string(item.originalPriceVND.vndText), "value": .int(item.originalPriceVND)],
            "salePrice": ["text": .string(item.priceVND.vndText), "value": .int(item.priceVND)],
        ]
        func skuInfo(withDataLayer: Bool) -> JSONValue {
            var members: [JSONValue.Member] = [
                .init(key: "itemId", value: .string(item.itemID)),
                .init(key: "skuId", value: .string(skuID)),
                .init(key: "sellerId", value: .string(sellerID)),
                .init(key: "price", value: price),
                .init(key: "quantity", value: quantity),
                .init(key: "stock", value: 0),
                .init(key: "stockList", value: [["stoock": 0, "type": inStock ? "default" : "warning"]]),
            ]
            if withDataLayer {
                members.append(
                    .init(
                        key: "dataLayer",
                        value: [
                            "pdt_name": .string(item.title),
                            "pdt_price": .string(item.priceVND.vndText),
                            "pdt_sku": .string(item.itemID),
                            "pdt_simplesku": .string(skuID),
                            "seller_name": .string(item.seller),
                            "core": ["country": "VN", "language": "vi", "currencyCode": "VND"],
                        ]
                    )
                )
            }
            return .object(members)
        }
        let moduleData: JSONValue = [
            "data": [
                "root": [
                    "fields": [
                        "seller": [
                            "name": .string(item.seller),
                            "sellerId": .string(sellerID),
                            "shopId": .int(item.derivedID(digits: 7, salt: "shop")),
                            "url": .string(sellerURL),
                            "rate": 0.97,
                            "percentRate": "97%",
                            "newSeller": false,
                        ],
                        "product": [
                            "title": .string(item.title),
                            "brandName": "No Brand",
                            "brand": ["name": "No Brand"],
                            "rating": ["score": 4.8, "total": .int(item.sold / 9)],
                            "highlights": .string("<ul><li>\(title)</li><li>Sản phẩm OCOP</li></ul>"),
                        ],
                        "primaryKey": [
                            "itemId": .string(item.itemID),
                            "skuId": .string(skuID),
                            "defaultSkuId": .string(skuID),
                            "sellerId": .string(sellerID),
                            "loadedSkuIds": [.string(skuID)],
                        ],
                        "pc_reviews_v3": [
                            "allReviewsCount": .int(item.sold / 9),
                            "rating": 4.8,
                            "smallRating": [
                                "soldCount": .int(item.sold), "soldCountText": .string("\(item.sold) Đã bán"),
                            ],
                        ],
                        "skuInfos": .object([
                            .init(key: "0", value: skuInfo(withDataLayer: true)),
                            .init(key: skuID, value: skuInfo(withDataLayer: false)),
                        ]),
                        "productOption": [
                            "skuBase": ["properties": [], "skus": [["skuId": .string(skuID), "propPath": ""]]]
                        ],
                    ]
                ]
            ]
        ]

        var head: [MockResponse.Part] = []
        head.append(
            """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>\(title) | Lazada.vn</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta property="og:title" content="\(title)">
            <meta property="og:type" content="product">
            <meta property="og:url" content="\(productURL)">
            <meta property="og:image" content="\(image)">
            <link rel="canonical" href="\(canonical)">
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
            <div id="root" class="pdp-block"><!-- client-rendered product detail page --></div>
            <script>
            """
        )
        tail.append("\nvar __moduleData__ = ")
        tail.append(.bytes(moduleData.bytes(escaping: .htmlScript)))
        tail.append(";\n</script>\n</body>\n</html>\n")
        let unpadded = (head + tail).reduce(0) { $0 + $1.count }
        let padding = Swift.max(0, targetPageBytes - unpadded)
        return MockResponse(status: 200, html: head + [.padding(padding)] + tail)
    }

    static let notFoundPage = Array(
        """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <title>Lazada.vn</title>
        </head>
        <body>
        <div class="error-page-container">
          <i class="lazada-icon lazada-ic-404"></i>
          <p class="error-desc">Rất tiếc, không tìm thấy sản phẩm bạn yêu cầu (item not found).</p>
          <a href="https://www.lazada.vn/?wh_errCode=404">Về trang chủ</a>
        </div>
        </body>
        </html>

        """.utf8
    )

    static func punishPage(path: String) -> [UInt8] {
        Array(
            """
            <!DOCTYPE html>
            <html>
            <head>
            <meta charset="utf-8">
            <title>Captcha Interception</title>
            </head>
            <body>
            <div class="punish-page">
              <div>Sorry, we have detected unusual traffic from your network.</div>
              <div id="nocaptcha"><div id="nc_1_wrapper">
                <span class="nc-lang-cnt">Please slide to verify</span>
              </div></div>
            </div>
            <punish-component />
            <script>
            window._config_ = {
              "renderTo": "#nocaptcha",
              "NCTOKENSTR": "0123456789abcdef0123456789abcdef",
              "action": "captcha",
              "HOST": "www.lazada.vn:443",
              "PATH": \(JSONValue.string(path).text(escaping: .htmlScript)),
              "FORMACTIOIN": "/_____tmd_____/verify/",
              "BXSTEP": "100",
              "SECDATA": "00aa11bb22cc33dd44ee55ff66aa77bb88cc99dd"
            };
            </script>
            <script src="//retcode.alicdn.com/retcode/bl.js"></script>
            </body>
            </html>

            """.utf8
        )
    }
}
