import OCOPCore

/// Sendo's historical product API, `GET /full/{slug}` → `{"data":{…}}`, and what sendo.vn serves
/// since the marketplace closed: a `301` to `/`, the "Sendo Farm" grocery home page.
///
/// | state | answer |
/// | --- | --- |
/// | active | 200, `stock_status: 1`, `quantity` = stock |
/// | out_of_stock | 200, `stock_status: 0`, `quantity: 0` |
/// | delisted, region_unavailable | 200 `{"data":null}` |
/// | not_found | 404 `{"data":null}` |
/// | blocked | 403 `{"data":null,"message":"Forbidden"}` (no anti-bot page was ever reported for Sendo) |
public struct SendoResponseBuilder: Sendable {
    public init() {}

    /// - Parameters:
    ///   - item: The item to render.
    ///   - slug: The slug from the path, echoed as `url_key`.
    public func response(for item: MockItemFacts, slug: String) -> MockResponse {
        switch item.state {
        case .notFound:
            return MockResponse(status: 404, json: ["data": nil])
        case .delisted, .regionUnavailable:
            return MockResponse(status: 200, json: ["data": nil])
        case .blocked:
            return MockResponse(status: 403, json: ["data": nil, "message": "Forbidden"])
        case .active, .outOfStock:
            return MockResponse(status: 200, json: ["data": product(item, slug: slug)])
        }
    }

    /// What every Sendo API URL answers once the marketplace has closed.
    public func closedRedirect() -> MockResponse {
        MockResponse(
            status: 301,
            headers: [.init("Location", "/"), .init("Content-Type", "text/html; charset=utf-8")],
            body: [.bytes(Array(Self.movedPage.utf8))]
        )
    }

    private static let movedPage = FaultResponses.page(title: "Moved Permanently", body: FaultResponses.link(to: "/"))

    /// The small "Sendo Farm" home page served at `/`.
    public func homePage() -> MockResponse {
        MockResponse(
            status: 200,
            html: [
                .bytes(
                    Array(
                        """
                        <!DOCTYPE html>
                        <html lang="vi">
                        <head>
                        <meta charset="utf-8">
                        <title>Sendo Farm - Đi chợ online, rau củ quả tươi giao tận nhà</title>
                        <meta property="og:site_name" content="Sendo Farm">
                        </head>
                        <body>
                        <div id="root"><h1>Sendo Farm</h1><p>Thực phẩm tươi sạch mỗi ngày.</p></div>
                        </body>
                        </html>

                        """.utf8
                    )
                )
            ]
        )
    }

    private func product(_ item: MockItemFacts, slug: String) -> JSONValue {
        let inStock = item.state == .active
        let image = "https://media3.scdn.vn/img4/2024/01_01/\(item.hexName(20, salt: "image")).jpg"
        return [
            "id": .int(item.numericID),
            "name": .string(item.title),
            "url_key": .string(slug),
            "sku_user": .string("SKU-\(item.hexName(6, salt: "sku").uppercased())"),
            "image": .string(image),
            "price": .int(item.originalPriceVND),
            "final_price": .int(item.priceVND),
            "promotion_percent": .int(item.discountPercent),
            "quantity": .int(item.stock),
            "stock_status": inStock ? 1 : 0,
            "order_count": .int(item.sold),
            "category_id": 2561,
            "brand_info": ["name": .string(item.seller)],
            "rating_info": ["percent_star": 4.8, "total_rated": .int(item.sold / 5)],
            "media": [["type": "image", "image": .string(image)]],
            "variants": [["stock": .int(item.stock)]],
            "short_description": .string(item.title),
            "description_info": ["description": .string("<p>\(HTMLText.escape(item.title)), sản phẩm OCOP.</p>")],
            "shop_info": [
                "shop_id": .int(item.derivedID(digits: 6, salt: "shop")),
                "shop_name": .string(item.seller),
                "shop_url": .string("https://www.sendo.vn/shop/\(Slug.make(from: item.seller))"),
                "rating_avg": 4.9,
                "rating_count": .int(item.sold / 3),
                "good_review_percent": 97,
                "warehourse_region_name": "Đồng Tháp",
                "product_total": 18,
                "response_time": "Trong vài giờ",
            ],
        ]
    }
}
