import AdapterTestSupport
import Foundation
import OCOPCore
import Testing
import TikiAdapter

/// One row of the fixtures README table: a saved answer and the verdict it must produce.
struct TikiCase: Sendable, CustomTestStringConvertible, ExpectedVerdict {
    var file: String
    var status = 200
    var listingURL: String
    var finalURL: String?
    var verdict: ListingStatus
    var reason: String?
    var title: String?
    var price: Int?
    var originalPrice: Int?
    var seller: String?
    var stock: Int?
    var sold: Int?
    var itemID: String

    var testDescription: String { "\(file) (HTTP \(status))" }
}

@Suite("Tiki fixtures")
struct TikiFixtureTests {
    static let available =
        "https://tiki.vn/tra-sen-thap-muoi-tui-loc-hop-25-goi-san-pham-ocop-4-sao-p274850011.html?spid=274850013"

    static let researchCases: [TikiCase] = [
        TikiCase(
            file: "api_v2_product_available.json", listingURL: available, verdict: .active,
            title: "Trà sen Tháp Mười túi lọc hộp 25 gói - Sản phẩm OCOP 4 sao", price: 95000, originalPrice: 120000,
            seller: "HTX Sen Tháp Mười", stock: 86, sold: 412, itemID: "274850011"),
        TikiCase(
            file: "api_v2_product_out_of_stock.json",
            listingURL: "https://tiki.vn/hat-sen-say-gion-dong-thap-hu-200g-ocop-3-sao-p271200456.html?spid=271200458",
            verdict: .outOfStock, title: "Hạt sen sấy giòn Đồng Tháp hũ 200g - OCOP 3 sao", price: 79000,
            originalPrice: 89000, seller: "Đặc Sản Sen Đồng Tháp", stock: 0, sold: 157, itemID: "271200456"),
        TikiCase(
            file: "api_v2_product_discontinued.json", listingURL: "https://tiki.vn/product-p268004321.html?spid=268004323",
            verdict: .delisted, reason: "discontinued", title: "Bánh phồng tôm Sa Giang loại đặc biệt gói 200g",
            price: 42000, originalPrice: 42000, seller: "Sa Giang Official Store", stock: 0, sold: 1893,
            itemID: "268004321"),
        TikiCase(
            file: "api_v2_product_not_found.json", status: 404,
            listingURL: "https://tiki.vn/banh-phong-tom-sa-giang-p199999999.html", verdict: .delisted,
            reason: "not_found", itemID: "199999999"),
        TikiCase(
            file: "api_v2_rate_limited.json", status: 429, listingURL: available, verdict: .blocked,
            reason: "rate_limited", itemID: "274850011"),
    ]

    static let ownCases: [TikiCase] = [
        // The body's error envelope decides even when a proxy rewrote the status to 200.
        TikiCase(
            file: "api_v2_product_not_found.json", listingURL: "https://tiki.vn/banh-phong-tom-sa-giang-p199999999.html",
            verdict: .delisted, reason: "not_found", itemID: "199999999"),
        TikiCase(
            file: "api_v2_rate_limited.json", listingURL: available, verdict: .blocked, reason: "rate_limited",
            itemID: "274850011"),
        TikiCase(
            file: "api_v2_service_unavailable.html", status: 503, listingURL: available, verdict: .unreachable,
            reason: "http_5xx", itemID: "274850011"),
        TikiCase(
            file: "api_v2_forbidden.html", status: 403, listingURL: available, verdict: .blocked, reason: "forbidden",
            itemID: "274850011"),
        TikiCase(
            file: "api_v2_product_not_found.json", status: 410, listingURL: available, verdict: .delisted,
            reason: "not_found", itemID: "274850011"),
        TikiCase(
            file: "api_v2_captcha_200.html", listingURL: available, verdict: .blocked, reason: "captcha",
            itemID: "274850011"),
        // A challenge in place of the API's JSON is a block, not a removal, whatever the status.
        TikiCase(
            file: "api_v2_captcha_200.html", status: 404, listingURL: available, verdict: .blocked, reason: "captcha",
            itemID: "274850011"),
        TikiCase(
            file: "api_v2_captcha_200.html", status: 503, listingURL: available, verdict: .blocked, reason: "captcha",
            itemID: "274850011"),
        TikiCase(
            file: "api_v2_truncated.json", listingURL: available, verdict: .unparseable, reason: "not_json",
            itemID: "274850011"),
        TikiCase(
            file: "home_page.html", listingURL: available, finalURL: "https://tiki.vn/", verdict: .delisted,
            reason: "redirect_home", itemID: "274850011"),
        TikiCase(
            file: "home_page.html", listingURL: available, finalURL: "https://tiki.vn/search?q=tra+sen",
            verdict: .delisted, reason: "redirect_search", itemID: "274850011"),
        TikiCase(
            file: "api_v2_product_unknown_status.json", listingURL: "https://tiki.vn/tra-mang-cau-p274850030.html",
            verdict: .unparseable, reason: "unknown_inventory_status", title: "Trà mãng cầu Tháp Mười hộp 10 gói",
            price: 65000, seller: "Nông Sản Tháp Mười", itemID: "274850030"),
        // The spid selects the 1 l variant, which is sold out although the product is available;
        // the parent's count of 12 is the current child's (274850021), not this one's.
        TikiCase(
            file: "api_v2_product_variant_out_of_stock.json",
            listingURL: "https://tiki.vn/mat-ong-hoa-nhan-p274850020.html?spid=274850022", verdict: .outOfStock,
            title: "Mật ong hoa nhãn Hưng Yên - OCOP 4 sao (nhiều dung tích)", price: 280000, originalPrice: 320000,
            seller: "Mật Ong Hưng Yên Official", stock: nil, sold: 64, itemID: "274850020"),
        TikiCase(
            file: "api_v2_product_variant_out_of_stock.json",
            listingURL: "https://tiki.vn/mat-ong-hoa-nhan-p274850020.html?spid=274850021", verdict: .active,
            title: "Mật ong hoa nhãn Hưng Yên - OCOP 4 sao (nhiều dung tích)", price: 150000, originalPrice: 180000,
            seller: "Mật Ong Hưng Yên Official", stock: 12, sold: 64, itemID: "274850020"),
    ]

    @Test(arguments: researchCases + ownCases)
    func verdict(_ row: TikiCase) throws {
        let adapter = TikiAdapter()
        let reference = try #require(adapter.reference(for: row.listingURL))
        let plan = adapter.plan(reference)
        let response = try fixtures.response(row.file, status: row.status, finalURL: row.finalURL ?? plan.url)
        let verdict = adapter.interpret(response, for: reference)
        row.expectMatches(verdict)
    }

    /// The current child sold out, the listing's child on sale: the parent's count of 0 is the
    /// current child's, and must not make the listing's child out of stock.
    @Test(arguments: [true, false])
    func anotherChildsCountIsNotTheListingsStock(namesTheCurrentChild: Bool) throws {
        let adapter = TikiAdapter()
        let reference = try #require(
            adapter.reference(for: "https://tiki.vn/mat-ong-hoa-nhan-p274850020.html?spid=274850022"))
        var body = String(decoding: try fixtures.bytes("api_v2_product_variant_out_of_stock.json"), as: UTF8.self)
        var edits = [
            (#""qty": 12"#, #""qty": 0"#),
            (
                #""id": 274850022, "child_id": 274850022, "inventory_status": "out_of_stock""#,
                #""id": 274850022, "child_id": 274850022, "inventory_status": "available""#
            ),
        ]
        // Without `current_seller.product_id` the parent's count may be any child's.
        if !namesTheCurrentChild { edits.append((#""product_id": "274850021""#, #""sku": "x""#)) }
        for (old, new) in edits {
            #expect(body.contains(old))
            body = body.replacingOccurrences(of: old, with: new)
        }
        let verdict = adapter.interpret(
            HTTPResponseSnapshot(status: 200, finalURL: adapter.plan(reference).url, body: Array(body.utf8)),
            for: reference)
        #expect(verdict.status == .active, "\(verdict.evidence)")
        #expect(verdict.stock == nil)
    }

    @Test func evidenceNamesWhatWasMatched() throws {
        let adapter = TikiAdapter()
        let reference = try #require(adapter.reference(for: Self.available))
        let verdict = adapter.interpret(
            try fixtures.response("api_v2_product_available.json", finalURL: adapter.plan(reference).url), for: reference)
        #expect(verdict.evidence.contains("inventory_status=available"))
        #expect(verdict.evidence.contains("stock_item.qty=86"))
    }
}

@Suite("Tiki URLs and requests")
struct TikiRequestTests {
    @Test func referenceReadsProductIDAndSellerOffer() throws {
        let reference = try #require(TikiAdapter().reference(for: TikiFixtureTests.available))
        #expect(reference.marketplace == .tiki)
        #expect(reference.itemID == "274850011")
        #expect(reference.extra["spid"] == "274850013")
        #expect(reference.extra["slug"] == "tra-sen-thap-muoi-tui-loc-hop-25-goi-san-pham-ocop-4-sao")
    }

    @Test func shortFormAndMissingSPID() throws {
        let short = try #require(TikiAdapter().reference(for: "https://tiki.vn/product-p268004321.html"))
        #expect(short.itemID == "268004321")
        #expect(short.extra["spid"] == nil)
        let bare = try #require(TikiAdapter().reference(for: "https://www.tiki.vn/p42.html"))
        #expect(bare.itemID == "42")
        #expect(bare.extra["slug"] == nil)
        let slashed = try #require(TikiAdapter().reference(for: "https://tiki.vn/nested/tra-sen-p7.html/"))
        #expect(slashed.itemID == "7" && slashed.extra["slug"] == "tra-sen")
    }

    @Test(arguments: [
        "https://tiki.vn/cua-hang/htx-sen-thap-muoi",
        "https://tiki.vn/tra-sen-p274850011",
        "https://tiki.vn/tra-sen-px274850011.html",
        "https://tiki.vn/tra-senp274850011.html",
        "https://shopee.vn/tra-sen-p274850011.html",
        "ftp://tiki.vn/tra-sen-p274850011.html",
        "not a url",
    ])
    func rejectsOtherURLs(_ url: String) {
        #expect(TikiAdapter().reference(for: url) == nil)
    }

    @Test func planTargetsTheProductAPI() throws {
        let adapter = TikiAdapter()
        let reference = try #require(adapter.reference(for: TikiFixtureTests.available))
        #expect(
            adapter.plan(reference).url
                == "https://tiki.vn/api/v2/products/274850011?platform=web&spid=274850013&version=3")
        let noSPID = try #require(adapter.reference(for: "https://tiki.vn/product-p268004321.html"))
        #expect(adapter.plan(noSPID).url == "https://tiki.vn/api/v2/products/268004321?platform=web&version=3")
    }

    @Test func baseURLOverrideIsAllowedToo() throws {
        let adapter = TikiAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931/"))
        let reference = try #require(adapter.reference(for: TikiFixtureTests.available))
        #expect(adapter.plan(reference).url.hasPrefix("http://127.0.0.1:8931/api/v2/products/274850011?"))
        #expect(adapter.allowedHosts == ["tiki.vn", "www.tiki.vn", "127.0.0.1"])
        #expect(TikiAdapter().allowedHosts == ["tiki.vn", "www.tiki.vn"])
    }
}
