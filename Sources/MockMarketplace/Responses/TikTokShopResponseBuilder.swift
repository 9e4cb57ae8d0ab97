import OCOPCore

/// TikTok Shop's product page (`/vn/pdp/{slug}/{id}`, `/shop/vn/pdp/[{slug}/]{id}`, `/view/product/{id}`):
/// HTML whose `<script id="__MODERN_ROUTER_DATA__">` holds the Modern.js loader data, padded to ~300 KB.
///
/// | state | answer |
/// | --- | --- |
/// | active | 200, `components_map[]` with a `product_info` component (product, seller, promotion models) |
/// | out_of_stock | the same with every `skus[].stock` 0 (assumed: no capture shows how a PDP marks sold-out) |
/// | delisted | 200, the "Không tìm thấy trang" page (a soft 404) |
/// | region_unavailable | 200, router data with `global_data.product_info.error_code` 23002102 |
/// | not_found | 404, the "Không tìm thấy trang" page |
/// | blocked | 200, the "Security Check" page (`captcha/index.js`, `oec-ttweb-captcha`, `middle_page_loading`) |
public struct TikTokShopResponseBuilder: Sendable {
    /// The error code TikTok Shop puts in `global_data.product_info` for "not available in this region".
    public static let regionUnavailableCode = 23_002_102

    /// The approximate size product pages are padded to.
    public var targetPageBytes: Int

    public init(targetPageBytes: Int = MockPageSizes.realistic.tiktokShopPage) {
        self.targetPageBytes = targetPageBytes
    }

    public func response(for item: MockItemFacts) -> MockResponse {
        switch item.state {
        case .active, .outOfStock:
            return page(title: "\(item.title) - TikTok Shop", item: item, routerData: productRouterData(item))
        case .regionUnavailable:
            let routerData: JSONValue = [
                "loaderData": [
                    "layout": nil,
                    Self.routeKey: [
                        "page_config": [
                            "global_data": [
                                "product_info": [
                                    "product_id": .string(item.itemID), "error_code": .int(Self.regionUnavailableCode),
                                ]
                            ],
                            "components_map": [],
                        ]
                    ],
                ]
            ]
            return page(title: "TikTok Shop", item: nil, routerData: routerData)
        case .delisted:
            return MockResponse(status: 200, html: [.bytes(Self.notFoundPage)])
        case .notFound:
            return MockResponse(status: 404, html: [.bytes(Self.notFoundPage)])
        case .blocked:
            return MockResponse(status: 200, html: [.bytes(Self.captchaPage)])
        }
    }

    /// The loader-data key one public scraper reported; others match any key containing `pdp`.
    static let routeKey = "view/product/(product_id)/page"

    private func productRouterData(_ item: MockItemFacts) -> JSONValue {
        let skuID = item.derivedDigits(19, salt: "sku")
        let image = "https://p16-oec-va.ibyteimg.com/tos-maliva-i-o3syd03w52-us/\(item.hexName(32, salt: "image"))"
        let sellerID = item.derivedDigits(19, salt: "seller")
        let description: JSONValue = [["type": "text", "text": .string("\(item.title). Sản phẩm OCOP.")]]
        let productInfo: JSONValue = [
            "product_model": [
                "product_id": .string(item.itemID),
                "name": .string(item.title),
                "sold_count": .int(item.sold),
                "description": .string(description.text()),
                "images": [
                    [
                        "uri": .string("tos-maliva-i-o3syd03w52-us/\(item.hexName(32, salt: "image"))"),
                        "url_list": [.string("\(image)~tplv-o3syd03w52-resize-jpeg:800:800.jpeg")],
                    ]
                ],
                "skus": [["sku_id": .string(skuID), "stock": .int(item.stock)]],
                "sale_properties": [],
            ],
            "seller_model": [
                "shop_name": .string(item.seller),
                "shop_logo": ["url_list": [.string("\(image)logo~tplv-o3syd03w52-resize-jpeg:100:100.jpeg")]],
            ],
            "shop_info": [
                "seller_id": .string(sellerID),
                "shop_link": .string("https://www.tiktok.com/shop/store/\(Slug.make(from: item.seller))/\(sellerID)"),
                "on_sell_product_count": "36",
                "review_count": .string(String(item.sold / 4)),
                "sold_count": .string(String(item.sold * 12)),
            ],
            "review_model": ["product_overall_score": 4.9, "product_review_count": .string(String(item.sold / 4))],
            "promotion_model": [
                "promotion_product_price": [
                    "min_price": [
                        "sale_price_decimal": .string(String(item.priceVND)),
                        "origin_price_decimal": .string(String(item.originalPriceVND)),
                        "currency_name": "VND",
                        "sku_id": .string(skuID),
                        "discount_format": .string(item.discountPercent > 0 ? "-\(item.discountPercent)%" : ""),
                        "discount_decimal": .string(String(item.discountPercent)),
                    ]
                ]
            ],
        ]
        return [
            "loaderData": [
                "layout": nil,
                Self.routeKey: [
                    "page_config": [
                        "global_data": [
                            "product_info": [
                                "product_id": .string(item.itemID),
                                "title": .string(item.title),
                                "categories": [
                                    [
                                        "category_id": "600001", "category_name": "Thực phẩm & Đồ uống", "level": 1,
                                        "parent_id": "0",
                                    ]
                                ],
                            ]
                        ],
                        "components_map": [
                            ["component_type": "product_info", "component_data": ["product_info": productInfo]],
                            ["component_type": "shop_info", "component_data": ["shop_name": .string(item.seller)]],
                        ],
                    ]
                ],
            ]
        ]
    }

    private func page(title: String, item: MockItemFacts?, routerData: JSONValue) -> MockResponse {
        var head: [MockResponse.Part] = []
        var meta = ""
        if let item {
            let escaped = HTMLText.escape(item.title)
            meta = """
                <meta property="og:title" content="\(escaped)">
                <meta property="og:description" content="\(escaped) - sản phẩm OCOP trên TikTok Shop.">

                """
        }
        head.append(
            """
            <!DOCTYPE html>
            <html lang="vi-VN">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLText.escape(title))</title>
            \(meta)<style>

            """
        )
        var tail: [MockResponse.Part] = []
        tail.append(
            """
            </style>
            </head>
            <body>
            <div id="root"></div>
            <script id="__MODERN_ROUTER_DATA__" type="application/json">
            """
        )
        tail.append(.bytes(routerData.bytes(escaping: .htmlScript)))
        tail.append("</script>\n</body>\n</html>\n")
        let unpadded = (head + tail).reduce(0) { $0 + $1.count }
        return MockResponse(status: 200, html: head + [.padding(Swift.max(0, targetPageBytes - unpadded))] + tail)
    }

    static let notFoundPage = Array(
        """
        <!DOCTYPE html>
        <html lang="vi-VN">
        <head>
        <meta charset="utf-8">
        <title>Không tìm thấy trang</title>
        <meta property="og:title" content="TikTok Shop">
        </head>
        <body>
        <div id="root"><p>Không tìm thấy trang. Sản phẩm có thể đã bị xóa hoặc không còn được bán.</p></div>
        </body>
        </html>

        """.utf8
    )

    static let captchaPage = Array(
        """
        <!DOCTYPE html>
        <html lang="vi-VN">
        <head>
        <meta charset="utf-8">
        <title>Security Check</title>
        </head>
        <body>
        <div id="middle_page_loading"></div>
        <div>
          <div id="oec-ttweb-captcha"></div>
          <p>Kéo thanh trượt để hoàn thành câu đố / Drag the slider to fit the puzzle</p>
        </div>
        <script src="/static/captcha/index.js"></script>
        </body>
        </html>

        """.utf8
    )
}
