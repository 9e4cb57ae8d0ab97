import AdapterTestSupport
import Foundation
import OCOPCore
import Testing
import TikTokShopAdapter

/// One row of the fixtures README table: a saved page and the verdict it must produce.
struct TikTokCase: Sendable, CustomTestStringConvertible, ExpectedVerdict {
    var file: String
    var status = 200
    var listingURL = TikTokFixtureTests.active
    var finalURL: String?
    var verdict: ListingStatus
    var reason: String?
    var title: String?
    var price: Int?
    var originalPrice: Int?
    var seller: String?
    var stock: Int?
    var sold: Int?
    var itemID = "1731234567890123456"

    var testDescription: String { "\(file) (HTTP \(status))" }
}

@Suite("TikTok Shop fixtures")
struct TikTokFixtureTests {
    static let active = "https://shop.tiktok.com/vn/pdp/xoai-cat-hoa-loc-say-deo-tui-250g/1731234567890123456"

    static let researchCases: [TikTokCase] = [
        TikTokCase(
            file: "pdp_active.html", verdict: .active, title: "Xoài cát Hòa Lộc sấy dẻo túi 250g", price: 89000,
            originalPrice: 110000, seller: "Nông Sản Tiền Giang Official", sold: 1250),
        TikTokCase(
            file: "pdp_captcha.html", listingURL: "https://www.tiktok.com/view/product/1731234567890123456",
            verdict: .blocked, reason: "captcha"),
        TikTokCase(
            file: "pdp_region_unavailable.html", listingURL: "https://www.tiktok.com/shop/vn/pdp/1731234567890654321",
            verdict: .delisted, reason: "region_unavailable", itemID: "1731234567890654321"),
        TikTokCase(
            file: "pdp_not_found.html", listingURL: "https://shop.tiktok.com/vn/pdp/nem-lai-vung/1731234567890777777",
            verdict: .delisted, reason: "not_found", itemID: "1731234567890777777"),
        TikTokCase(
            file: "pdp_not_found.html", status: 404,
            listingURL: "https://shop.tiktok.com/vn/pdp/nem-lai-vung/1731234567890777777", verdict: .delisted,
            reason: "not_found", itemID: "1731234567890777777"),
    ]

    static let ownCases: [TikTokCase] = [
        TikTokCase(file: "pdp_captcha.html", status: 403, verdict: .blocked, reason: "captcha"),
        TikTokCase(file: "home_page.html", finalURL: "https://www.tiktok.com/", verdict: .delisted, reason: "redirect_home"),
        TikTokCase(
            file: "home_page.html", finalURL: "https://shop.tiktok.com/vn", verdict: .delisted, reason: "redirect_home"),
        TikTokCase(
            file: "home_page.html", finalURL: "https://www.tiktok.com/shop/vn/", verdict: .delisted,
            reason: "redirect_home"),
        TikTokCase(
            file: "home_page.html", finalURL: "https://www.tiktok.com/login?redirect_url=%2Fshop", verdict: .blocked,
            reason: "login_required"),
        TikTokCase(file: "home_page.html", status: 502, verdict: .unreachable, reason: "http_5xx"),
        TikTokCase(file: "home_page.html", status: 429, verdict: .blocked, reason: "rate_limited"),
        TikTokCase(file: "home_page.html", verdict: .unparseable, reason: "no_product_data"),
        TikTokCase(file: "shell_generic_title.html", verdict: .blocked, reason: "antibot"),
        TikTokCase(
            file: "pdp_other_error_code.html", listingURL: "https://www.tiktok.com/view/product/1731234567890333444",
            verdict: .unparseable, reason: "unknown_error_code", itemID: "1731234567890333444"),
        TikTokCase(file: "pdp_router_without_product.html", verdict: .unparseable, reason: "missing_product_info"),
        // Defensive: if the model ever states sku stock and every sku is at zero, that is out of stock.
        TikTokCase(
            file: "pdp_skus_sold_out.html",
            listingURL: "https://www.tiktok.com/shop/vn/pdp/mat-ong-hoa-ca-phe/1731234567890111222",
            verdict: .outOfStock, title: "Mật ong hoa cà phê Đắk Lắk 500ml", price: 159000, originalPrice: 189000,
            seller: "Mật Ong Buôn Ma Thuột", stock: 0, sold: 4100, itemID: "1731234567890111222"),
        // The generic title without router data is a block, even when the page's dictionary holds
        // "Page not found"; router data of an unknown shape is unparseable, whatever its strings.
        TikTokCase(file: "shell_generic_title_with_dictionary.html", verdict: .blocked, reason: "antibot"),
        TikTokCase(file: "pdp_router_unknown_shape.html", verdict: .unparseable, reason: "missing_product_info"),
        // The loading shell is the captcha's page, under any status.
        TikTokCase(file: "loading_shell.html", verdict: .blocked, reason: "captcha"),
        TikTokCase(file: "loading_shell.html", status: 404, verdict: .blocked, reason: "captcha"),
    ]

    @Test(arguments: researchCases + ownCases)
    func verdict(_ row: TikTokCase) throws {
        let adapter = TikTokShopAdapter()
        let reference = try #require(adapter.reference(for: row.listingURL))
        let response = try fixtures.response(
            row.file, status: row.status, finalURL: row.finalURL ?? adapter.plan(reference).url)
        let verdict = adapter.interpret(response, for: reference)
        row.expectMatches(verdict)
    }

    /// One sku at zero, one whose stock is not shown: that one may be for sale.
    @Test func aSkuWithoutAStockCountKeepsTheListingActive() throws {
        let adapter = TikTokShopAdapter()
        let reference = try #require(adapter.reference(for: Self.active))
        let page = String(decoding: try fixtures.bytes("pdp_active.html"), as: UTF8.self)
        let skus = #""skus":[{"sku_id":"1729900000000000001"}]"#
        #expect(page.contains(skus))
        let mixed = page.replacingOccurrences(
            of: skus, with: #""skus":[{"sku_id":"1729900000000000001","stock":0},{"sku_id":"1729900000000000002"}]"#)
        let verdict = adapter.interpret(
            HTTPResponseSnapshot(status: 200, finalURL: adapter.plan(reference).url, body: Array(mixed.utf8)),
            for: reference)
        #expect(verdict.status == .active)
        #expect(verdict.evidence.contains("stock_unknown"))
    }

    /// Router data under another script id is a shape this adapter does not know: the removal
    /// strings of the site's dictionary script, or of a page that calls itself a product, are
    /// not this listing's removal.
    @Test(arguments: [
        (
            "",
            #"<script>window.__I18N__={"pdp.sku.unavailable":"Product not available in this variant","pdp.empty":"Sản phẩm không tồn tại"};</script>"#
        ),
        (#"<meta property="og:type" content="product">"#, "<div hidden>Sản phẩm không tồn tại</div>"),
    ])
    func routerDataUnderAnotherNameIsUnparseableWhateverTheDictionarySays(head: String, dictionary: String) throws {
        let adapter = TikTokShopAdapter()
        let reference = try #require(adapter.reference(for: Self.active))
        var page = String(decoding: try fixtures.bytes("pdp_active.html"), as: UTF8.self)
        #expect(page.contains("__MODERN_ROUTER_DATA__"))
        page = page.replacingOccurrences(of: "__MODERN_ROUTER_DATA__", with: "__UNIVERSAL_DATA_FOR_REHYDRATION__")
        let padding = "<script>/*" + String(repeating: "x", count: 32_000) + "*/</script>"
        page = page.replacingOccurrences(of: "</head>", with: head + "</head>")
        page = page.replacingOccurrences(of: "</body>", with: dictionary + padding + "</body>")
        let verdict = adapter.interpret(
            HTTPResponseSnapshot(status: 200, finalURL: adapter.plan(reference).url, body: Array(page.utf8)),
            for: reference)
        #expect(verdict.status == .unparseable, "\(verdict.evidence)")
        #expect(verdict.reason == "no_product_data")
    }

    @Test func evidenceNamesRouteAndCode() throws {
        let adapter = TikTokShopAdapter()
        let reference = try #require(adapter.reference(for: "https://www.tiktok.com/shop/vn/pdp/1731234567890654321"))
        let verdict = adapter.interpret(
            try fixtures.response("pdp_region_unavailable.html", finalURL: adapter.plan(reference).url), for: reference)
        #expect(verdict.evidence == ["route=view/product/(product_id)/page", "error_code=23002102"])
    }

    /// The affiliate feed's `detail_link` is a listing URL this adapter recognises, with the same id.
    @Test func affiliateFeedLinksAreListings() throws {
        let feed = try JSONSerialization.jsonObject(with: Data(try fixtures.bytes("accesstrade_feed_out_of_stock.json")))
        let products = try #require(((feed as? [String: Any])?["data"] as? [String: Any])?["products"] as? [[String: Any]])
        let product = try #require(products.first)
        let link = try #require(product["detail_link"] as? String)
        let reference = try #require(TikTokShopAdapter().reference(for: link))
        #expect(reference.itemID == product["id"] as? String)
        #expect(TikTokShopAdapter().plan(reference).url == link)
    }
}

@Suite("TikTok Shop URLs and requests")
struct TikTokRequestTests {
    @Test(arguments: [
        ("https://shop.tiktok.com/vn/pdp/xoai-cat-hoa-loc/1731234567890123456", "1731234567890123456"),
        ("https://shop.tiktok.com/vn/pdp/1731234567890123456", "1731234567890123456"),
        ("https://www.tiktok.com/shop/vn/pdp/xoai-cat/1731234567890123456?source=ecommerce", "1731234567890123456"),
        ("https://www.tiktok.com/shop/vn/pdp/173123456789012", "173123456789012"),
        ("https://www.tiktok.com/view/product/17312345678901234567", "17312345678901234567"),
        ("https://shop.tiktok.com/view/product/1731234567890999888?region=VN&locale=vi-VN", "1731234567890999888"),
    ])
    func referenceReadsProductID(_ url: String, _ id: String) throws {
        let reference = try #require(TikTokShopAdapter().reference(for: url))
        #expect(reference.itemID == id)
        #expect(reference.marketplace == .tiktokShop)
    }

    @Test(arguments: [
        "https://www.tiktok.com/@nongsantiengiang/video/7301234567890123456",
        "https://www.tiktok.com/shop/vn/pdp/xoai-cat/17312345678901",
        "https://www.tiktok.com/shop/vn/pdp/xoai-cat/173123456789012345678",
        "https://shop.tiktok.com/us/pdp/xoai-cat/1731234567890123456",
        "https://vt.tiktok.com/ZSabc123/",
        "https://www.tiktok.com/shop/store/nong-san/7494000000000000001",
    ])
    func rejectsOtherURLs(_ url: String) {
        #expect(TikTokShopAdapter().reference(for: url) == nil)
    }

    @Test func planKeepsPathAndQueryOnTheConfiguredOrigin() throws {
        let url = "https://www.tiktok.com/shop/vn/pdp/xoai-cat/1731234567890123456?source=ecommerce"
        let reference = try #require(TikTokShopAdapter().reference(for: url))
        #expect(TikTokShopAdapter().plan(reference).url == url)
        let mock = TikTokShopAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931"))
        #expect(
            mock.plan(reference).url == "http://127.0.0.1:8931/shop/vn/pdp/xoai-cat/1731234567890123456?source=ecommerce")
        #expect(mock.allowedHosts.contains("127.0.0.1"))
        #expect(!TikTokShopAdapter().allowedHosts.contains("127.0.0.1"))
    }
}
