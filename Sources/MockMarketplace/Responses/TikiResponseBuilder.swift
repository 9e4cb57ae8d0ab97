import Foundation
import OCOPCore

/// Tiki's product API, `GET /api/v2/products/{id}`: the JSON body of a captured response, ~7 KB.
///
/// | state | answer |
/// | --- | --- |
/// | active | 200, `inventory_status: "available"`, `stock_item.qty` = stock |
/// | out_of_stock | 200, `inventory_status: "out_of_stock"`, qty 0 |
/// | delisted, region_unavailable | 200, `inventory_status: "discontinued"`, qty 0 |
/// | not_found | 404 `{"error":{"code":404,…}}` |
/// | blocked | 429 with `Retry-After: 1` |
public struct TikiResponseBuilder: Sendable {
    /// The approximate size successful bodies are padded to (through a longer `description`).
    public var targetBodyBytes: Int

    public init(targetBodyBytes: Int = MockPageSizes.realistic.tikiBody) {
        self.targetBodyBytes = targetBodyBytes
    }

    public func response(for item: MockItemFacts) -> MockResponse {
        switch item.state {
        case .notFound:
            return MockResponse(status: 404, json: ["error": ["code": 404, "message": "Not Found"]])
        case .blocked:
            return MockResponse(
                status: 429,
                json: ["error": ["code": 429, "message": "Too Many Requests"]],
                headers: [.init("Retry-After", "1")]
            )
        case .active, .outOfStock, .delisted, .regionUnavailable:
            let unpadded = product(item, filler: "").bytes()
            let filler = Self.filler(bytes: targetBodyBytes - unpadded.count)
            return MockResponse(status: 200, json: product(item, filler: filler))
        }
    }

    private func product(_ item: MockItemFacts, filler: String) -> JSONValue {
        let inventoryStatus: String
        switch item.state {
        case .active: inventoryStatus = "available"
        case .outOfStock: inventoryStatus = "out_of_stock"
        default: inventoryStatus = "discontinued"
        }
        let id = item.numericID
        let spid = id + 2
        let slug = "\(item.slug)-p\(id)"
        let sellerSlug = Slug.make(from: item.seller)
        let image = "https://salt.tikicdn.com/ts/product/\(item.hexName(2, salt: "a"))/\(item.hexName(2, salt: "b"))/"
        let images: [JSONValue] = (0..<4).map { index in
            let name = "\(image)\(item.hexName(32, salt: "image\(index)")).jpg"
            return [
                "base_url": .string(name),
                "is_gallery": true,
                "label": nil,
                "large_url": .string(name.replacingOccurrences(of: "/ts/", with: "/cache/w1200/ts/")),
                "medium_url": .string(name.replacingOccurrences(of: "/ts/", with: "/cache/w300/ts/")),
                "position": nil,
                "small_url": .string(name.replacingOccurrences(of: "/ts/", with: "/cache/200x280/ts/")),
                "thumbnail_url": .string(name.replacingOccurrences(of: "/ts/", with: "/cache/200x280/ts/")),
            ]
        }
        let purchasable = item.state == .active
        return [
            "id": .int(id),
            "master_id": .int(id),
            "sku": .string(String(item.derivedID(digits: 13, salt: "sku"))),
            "name": .string(item.title),
            "url_key": .string(slug),
            "url_path": .string("\(slug).html?spid=\(spid)"),
            "short_url": .string("https://tiki.vn/product-p\(id).html?spid=\(spid)"),
            "type": "simple",
            "book_cover": nil,
            "short_description": .string("\(item.title). Sản phẩm đạt chuẩn OCOP, giao hàng toàn quốc..."),
            "price": .int(item.priceVND),
            "list_price": .int(item.originalPriceVND),
            "original_price": .int(item.originalPriceVND),
            "badges_new": [],
            "discount": .int(item.originalPriceVND - item.priceVND),
            "discount_rate": .int(item.discountPercent),
            "rating_average": 4.7,
            "review_count": .int(item.sold / 11),
            "review_text": .string("(\(item.sold / 11))"),
            "favourite_count": 0,
            "thumbnail_url": .string("\(image)\(item.hexName(32, salt: "image0")).jpg"),
            "has_ebook": false,
            "inventory_status": .string(inventoryStatus),
            "inventory_type": "backorder",
            "productset_group_name": "Bách Hóa Online/Đặc sản vùng miền",
            "is_fresh": false,
            "seller": nil,
            "is_flower": false,
            "has_buynow": .bool(purchasable),
            "is_gift_card": false,
            "salable_type": "supplier",
            "data_version": 412,
            "day_ago_created": 212,
            "all_time_quantity_sold": .int(item.sold),
            "meta_title": .string("\(item.title) | Tiki"),
            "meta_description": .string("Mua \(item.title) giá tốt. Hàng chính hãng, giao nhanh."),
            "meta_keywords": "",
            "is_baby_milk": false,
            "is_acoholic_drink": false,
            "description": .string(Self.description(for: item) + filler),
            "images": .array(images),
            "author": nil,
            "brand": ["id": .int(item.derivedID(digits: 6, salt: "brand")), "name": "OEM", "slug": "oem"],
            "current_seller": [
                "id": .int(item.derivedID(digits: 6, salt: "seller")),
                "sku": .string(String(item.derivedID(digits: 13, salt: "seller-sku"))),
                "name": .string(item.seller),
                "link": .string("https://tiki.vn/cua-hang/\(sellerSlug)"),
                "logo": .string("https://vcdn.tikicdn.com/ts/seller/\(item.hexName(32, salt: "logo")).jpg"),
                "price": .int(item.priceVND),
                "product_id": .string(String(spid)),
                "store_id": .int(item.derivedID(digits: 6, salt: "store")),
                "is_best_store": false,
                "is_offline_installment_supported": nil,
            ],
            "other_sellers": [],
            "specifications": [
                [
                    "name": "Content",
                    "attributes": [
                        ["code": "brand", "name": "Thương hiệu", "value": "OEM"],
                        ["code": "origin", "name": "Xuất xứ", "value": "Việt Nam"],
                        ["code": "ocop", "name": "Chứng nhận", "value": "OCOP"],
                    ],
                ]
            ],
            "product_links": [],
            "gift_item_title": "",
            "stock_item": [
                "max_sale_qty": .int(purchasable ? Swift.min(item.stock, 50) : 0),
                "min_sale_qty": 1,
                "preorder_date": nil,
                "qty": .int(item.stock),
            ],
            "quantity_sold": ["text": .string("Đã bán \(item.sold)"), "value": .int(item.sold)],
            "categories": ["id": 4423, "name": "Đặc sản vùng miền", "is_leaf": true],
            "breadcrumbs": [
                ["url": "/bach-hoa-online/c4384", "name": "Bách Hóa Online", "category_id": 4384],
                ["url": "/dac-san-vung-mien/c4423", "name": "Đặc sản vùng miền", "category_id": 4423],
                ["url": .string("https://tiki.vn/\(slug).html"), "name": .string(item.title), "category_id": 0],
            ],
            "installment_info_v2": [],
            "is_seller_in_chat_whitelist": true,
            "inventory": ["product_virtual_type": nil, "fulfillment_type": "dropship"],
            "warranty_info": [],
            "return_and_exchange_policy": "Đổi trả trong 7 ngày nếu sản phẩm lỗi",
            "is_tier_pricing_available": false,
            "is_tier_pricing_eligible": false,
            "benefits": [
                [
                    "icon": "https://salt.tikicdn.com/ts/upload/c5/37/ee/76c708d43e377343e82baee8a0340297.png",
                    "text": "Được đồng kiểm khi nhận hàng",
                ],
                [
                    "icon": "https://salt.tikicdn.com/ts/upload/ea/02/b4/b024e431ec433e6c85d4734aaf35bd65.png",
                    "text": "Được hoàn tiền 200% nếu là hàng giả.",
                ],
            ],
        ]
    }

    private static func description(for item: MockItemFacts) -> String {
        "<p><strong>\(HTMLText.escape(item.title))</strong></p>"
            + "<p>Sản phẩm được chứng nhận OCOP, sản xuất tại địa phương theo quy trình truyền thống.</p>"
            + "<p>Nhà cung cấp: \(HTMLText.escape(item.seller)).</p>"
    }

    private static let fillerParagraph =
        "<p>Hướng dẫn bảo quản: để nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp. Đóng kín bao bì sau khi sử dụng."
        + " Giá sản phẩm trên Tiki đã bao gồm thuế theo luật hiện hành.</p>"

    /// Whole paragraphs adding up to at least `bytes`.
    private static func filler(bytes: Int) -> String {
        guard bytes > 0 else { return "" }
        let count = (bytes + fillerParagraph.utf8.count - 1) / fillerParagraph.utf8.count
        return String(repeating: fillerParagraph, count: count)
    }
}
