import AdapterTestSupport
import Foundation
import OCOPCore
import ShopeeAdapter
import Testing

/// One row of the fixtures README table: a saved answer and the verdict it must produce.
struct ShopeeCase: Sendable, CustomTestStringConvertible, ExpectedVerdict {
    var file: String
    var status = 200
    var listingURL = ShopeeFixtureTests.active
    var finalURL: String?
    var verdict: ListingStatus
    var reason: String?
    var title: String?
    var price: Int?
    var originalPrice: Int?
    var seller: String?
    var stock: Int?
    var sold: Int?
    var itemID = "23456789012"

    var testDescription: String { "\(file) (HTTP \(status))" }
}

@Suite("Shopee fixtures")
struct ShopeeFixtureTests {
    static let active = "https://shopee.vn/Banh-phong-tom-Sa-Giang-200g-i.1122334455.23456789012"

    static let researchCases: [ShopeeCase] = [
        ShopeeCase(
            file: "pdp_get_pc_active.json", verdict: .active,
            title: "Bánh phồng tôm Sa Giang loại đặc biệt 200g - Đặc sản Đồng Tháp OCOP", price: 85000,
            originalPrice: 100000, seller: "Sa Giang Official Store", stock: 152),
        ShopeeCase(
            file: "pdp_get_pc_stock_redacted.json", listingURL: "https://shopee.vn/product/2233445566/24681357900",
            verdict: .active, title: "Nem Lai Vung Đồng Tháp chính gốc hộp 10 chiếc - OCOP 4 sao", price: 65000,
            originalPrice: 78000, itemID: "24681357900"),
        ShopeeCase(
            file: "item_get_v4_out_of_stock.json",
            listingURL: "https://shopee.vn/Xoai-cat-Hoa-Loc-say-deo-500g-i.3344556677.22334455667", verdict: .outOfStock,
            title: "Xoài cát Hòa Lộc sấy dẻo túi 500g - Đặc sản Tiền Giang OCOP", price: 145000, originalPrice: 169000,
            stock: 0, sold: 2301, itemID: "22334455667"),
        ShopeeCase(
            file: "item_not_found_envelope.json", listingURL: "https://shopee.vn/Hat-sen-say-gion-i.4455667788.29999999999",
            verdict: .delisted, reason: "not_found", itemID: "29999999999"),
        ShopeeCase(
            file: "item_not_found_envelope.json", status: 404,
            listingURL: "https://shopee.vn/Hat-sen-say-gion-i.4455667788.29999999999", verdict: .delisted,
            reason: "not_found", itemID: "29999999999"),
        ShopeeCase(file: "antibot_90309999.json", verdict: .blocked, reason: "antibot"),
        ShopeeCase(file: "antibot_obfuscated_keys.json", status: 403, verdict: .blocked, reason: "antibot"),
    ]

    static let ownCases: [ShopeeCase] = [
        // The block envelope decides whatever the status says.
        ShopeeCase(file: "antibot_90309999.json", status: 403, verdict: .blocked, reason: "antibot"),
        ShopeeCase(file: "antibot_obfuscated_keys.json", verdict: .blocked, reason: "antibot"),
        ShopeeCase(file: "antibot_redirect_to_error_page.json", verdict: .blocked, reason: "antibot"),
        ShopeeCase(file: "antibot_90309999.json", status: 404, verdict: .blocked, reason: "antibot"),
        // So does a login wall: it says nothing about the item, whatever the status.
        ShopeeCase(file: "login_required.html", status: 403, verdict: .blocked, reason: "login_required"),
        ShopeeCase(file: "login_required.html", status: 404, verdict: .blocked, reason: "login_required"),
        ShopeeCase(file: "login_required.html", verdict: .blocked, reason: "login_required"),
        // A bare error code, without the not-found answer's `error_msg` and `data`, is a block body.
        ShopeeCase(file: "error_without_message.json", verdict: .blocked, reason: "antibot"),
        ShopeeCase(
            file: "login_required.html", finalURL: "https://shopee.vn/verify/traffic/error", verdict: .blocked,
            reason: "captcha"),
        ShopeeCase(
            file: "login_required.html", finalURL: "https://shopee.vn/buyer/login?next=%2F", verdict: .blocked,
            reason: "login_required"),
        ShopeeCase(file: "rate_limited_envelope.json", verdict: .blocked, reason: "rate_limited"),
        ShopeeCase(file: "rate_limited_envelope.json", status: 429, verdict: .blocked, reason: "rate_limited"),
        ShopeeCase(file: "gateway_timeout.html", status: 504, verdict: .unreachable, reason: "http_5xx"),
        ShopeeCase(file: "gateway_timeout.html", status: 404, verdict: .delisted, reason: "not_found"),
        ShopeeCase(file: "gateway_timeout.html", status: 410, verdict: .delisted, reason: "not_found"),
        ShopeeCase(file: "gateway_timeout.html", verdict: .unparseable, reason: "not_json"),
        ShopeeCase(file: "api_deprecated.json", verdict: .unparseable, reason: "api_error"),
        ShopeeCase(file: "home_page.html", finalURL: "https://shopee.vn/", verdict: .delisted, reason: "redirect_home"),
        ShopeeCase(file: "login_required.html", finalURL: "https://shopee.vn/", verdict: .blocked, reason: "login_required"),
        ShopeeCase(
            file: "pdp_get_pc_banned.json", listingURL: "https://shopee.vn/Mat-ong-U-Minh-i.1122334455.25555555555",
            verdict: .delisted, reason: "banned", title: "Mật ong rừng U Minh chai 500ml - OCOP 3 sao", price: 180000,
            seller: "Mật Ong U Minh Hạ", stock: 40, itemID: "25555555555"),
        ShopeeCase(
            file: "pdp_get_pc_models_sold_out.json", listingURL: "https://shopee.vn/product/2233445566/26666666666",
            verdict: .outOfStock, title: "Bánh tráng phơi sương Trảng Bàng gói 500g", price: 45000,
            originalPrice: 55000, stock: 0, itemID: "26666666666"),
    ]

    @Test(arguments: researchCases + ownCases)
    func verdict(_ row: ShopeeCase) throws {
        let adapter = ShopeeAdapter()
        let reference = try #require(adapter.reference(for: row.listingURL))
        let response = try fixtures.response(
            row.file, status: row.status, finalURL: row.finalURL ?? adapter.plan(reference).url)
        let verdict = adapter.interpret(response, for: reference)
        row.expectMatches(verdict)
    }

    @Test func soldCountShownOnlyAsTextStaysInEvidence() throws {
        let adapter = ShopeeAdapter()
        let reference = try #require(adapter.reference(for: Self.active))
        let verdict = adapter.interpret(
            try fixtures.response("pdp_get_pc_active.json", finalURL: adapter.plan(reference).url), for: reference)
        #expect(verdict.sold == nil)
        #expect(verdict.evidence.contains("sold_display=1,2k"))
        #expect(verdict.evidence.contains("item_status=normal"))
        #expect(verdict.evidence.contains("stock=152"))
    }

    /// Only `normal` is confirmed on the web; a value nobody has seen must not uncover a product,
    /// and an empty one is no value at all.
    @Test(
        arguments: [
            ("reviewing", ListingStatus.unparseable, "unknown_item_status"), ("", .active, nil),
            ("UNLIST", .delisted, "unlisted"), ("seller_delete", .delisted, "deleted"),
        ] as [(String, ListingStatus, String?)])
    func itemStatusValues(value: String, status: ListingStatus, reason: String?) throws {
        let adapter = ShopeeAdapter()
        let reference = try #require(adapter.reference(for: Self.active))
        let page = String(decoding: try fixtures.bytes("pdp_get_pc_active.json"), as: UTF8.self)
        #expect(page.contains(#""item_status": "normal""#))
        let body = page.replacingOccurrences(of: #""item_status": "normal""#, with: #""item_status": "\#(value)""#)
        let verdict = adapter.interpret(
            HTTPResponseSnapshot(status: 200, finalURL: adapter.plan(reference).url, body: Array(body.utf8)),
            for: reference)
        #expect(verdict.status == status, "\(verdict.evidence)")
        #expect(verdict.reason == reason)
    }

    /// A "not found" that names something other than the item is Shopee's side failing.
    @Test(
        arguments: [
            (#"{"error":19,"error_msg":"token not found","data":null}"#, ListingStatus.unparseable, "api_error"),
            (#"{"error":10002,"error_msg":"api not found","data":null}"#, .unparseable, "api_error"),
            (#"{"error":90000001,"error_msg":"itemid param not found","data":null}"#, .unparseable, "api_error"),
            (#"{"error":10002,"error_msg":"handler for item/get not found","data":null}"#, .unparseable, "api_error"),
            (#"{"error":10003,"error_msg":"item not found","data":null}"#, .delisted, "not_found"),
            (#"{"error":7,"error_msg":"Sản phẩm không tồn tại","data":null}"#, .delisted, "not_found"),
        ] as [(String, ListingStatus, String)])
    func aNotFoundMessageIsARemovalOnlyWhenItNamesTheItem(body: String, status: ListingStatus, reason: String) throws {
        let adapter = ShopeeAdapter()
        let reference = try #require(adapter.reference(for: Self.active))
        let verdict = adapter.interpret(
            HTTPResponseSnapshot(status: 200, finalURL: adapter.plan(reference).url, body: Array(body.utf8)),
            for: reference)
        #expect(verdict.status == status, "\(verdict.evidence)")
        #expect(verdict.reason == reason)
    }

    @Test func withheldStockIsRecordedAsUnknown() throws {
        let adapter = ShopeeAdapter()
        let reference = try #require(adapter.reference(for: "https://shopee.vn/product/2233445566/24681357900"))
        let verdict = adapter.interpret(
            try fixtures.response("pdp_get_pc_stock_redacted.json", finalURL: adapter.plan(reference).url),
            for: reference)
        #expect(verdict.evidence.contains("stock=null"))
    }
}

@Suite("Shopee URLs and requests")
struct ShopeeRequestTests {
    @Test func referenceReadsShopAndItem() throws {
        let slug = try #require(ShopeeAdapter().reference(for: ShopeeFixtureTests.active + "?sp_atk=abc&xptdk=def"))
        #expect(slug.itemID == "23456789012")
        #expect(slug.extra["shop_id"] == "1122334455")
        let product = try #require(ShopeeAdapter().reference(for: "https://shopee.vn/product/2233445566/24681357900/"))
        #expect(product.itemID == "24681357900")
        #expect(product.extra["shop_id"] == "2233445566")
        // A slug may hold an "i." of its own before the ids.
        let dotted = try #require(ShopeeAdapter().reference(for: "https://shopee.vn/Nuoc-mam-Hoi.An-i.1122334455.23456789012"))
        #expect(dotted.itemID == "23456789012")
        #expect(dotted.extra["shop_id"] == "1122334455")
    }

    @Test(arguments: [
        "https://shopee.vn/",
        "https://shopee.vn/sa_giang_official",
        "https://shopee.vn/Banh-phong-tom-i.1122334455",
        "https://shopee.vn/Banh-phong-tomi.1122334455.23456789012",
        "https://shopee.vn/Banh-i.abc.23456789012",
        "https://shopee.co.th/Banh-i.1122334455.23456789012",
        "https://shope.ee/AbCdEf",
    ])
    func rejectsOtherURLs(_ url: String) {
        #expect(ShopeeAdapter().reference(for: url) == nil)
    }

    @Test func planCallsGetPCWithRefererAndAPISource() throws {
        let adapter = ShopeeAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931"))
        let reference = try #require(adapter.reference(for: ShopeeFixtureTests.active))
        let plan = adapter.plan(reference)
        #expect(
            plan.url
                == "http://127.0.0.1:8931/api/v4/pdp/get_pc?item_id=23456789012&shop_id=1122334455&tz_offset_minutes=420&detail_level=0"
        )
        #expect(plan.headers.contains(HTTPHeaderField("x-api-source", "pc")))
        #expect(plan.headers.contains(HTTPHeaderField("referer", ShopeeFixtureTests.active)))
        #expect(adapter.allowedHosts == ["shopee.vn", "www.shopee.vn", "127.0.0.1"])
    }
}
