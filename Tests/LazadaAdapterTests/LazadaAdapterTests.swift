import AdapterTestSupport
import LazadaAdapter
import OCOPCore
import Testing

/// One row of the fixtures README table: a saved page and the verdict it must produce.
struct LazadaCase: Sendable, CustomTestStringConvertible, ExpectedVerdict {
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

    var testDescription: String { "\(file) (HTTP \(status)) \(listingURL.suffix(30))" }
}

@Suite("Lazada fixtures")
struct LazadaFixtureTests {
    static let nem =
        "https://www.lazada.vn/products/nem-lai-vung-dong-thap-chinh-goc-hop-10-chiec-ocop-i2345678901-s11223344556.html"
    static let hatSen = "https://www.lazada.vn/products/hat-sen-say-gion-dong-thap-hu-200g-i3456789012.html"
    static let missing = "https://www.lazada.vn/products/banh-phong-tom-sa-giang-i1999999999.html"

    static let researchCases: [LazadaCase] = [
        LazadaCase(
            file: "pdp_active_moduledata.html", listingURL: nem, verdict: .active,
            title: "Nem Lai Vung Đồng Tháp chính gốc hộp 10 chiếc OCOP", price: 65000, originalPrice: 80000,
            seller: "Đặc Sản Lai Vung Cô Ba", sold: 318, itemID: "2345678901"),
        LazadaCase(
            file: "pdp_active_apprun.html", listingURL: hatSen, verdict: .active,
            title: "Hạt sen sấy giòn Đồng Tháp hũ 200g", price: 89000, originalPrice: 99000, seller: "Nông Sản Sen Hồng",
            sold: 96, itemID: "3456789012"),
        LazadaCase(
            file: "pdp_out_of_stock.html",
            listingURL: "https://www.lazada.vn/products/tra-sen-thap-muoi-hop-20-tui-loc-ocop-i4567890123-s33445566778.html",
            verdict: .outOfStock, title: "Trà sen Tháp Mười hộp 20 túi lọc OCOP", price: 78000, originalPrice: 78000,
            seller: "Trà Sen Đồng Tháp Official", stock: 0, sold: 205, itemID: "4567890123"),
        LazadaCase(
            file: "pdp_not_found.html", listingURL: missing, verdict: .delisted, reason: "not_found",
            itemID: "1999999999"),
        LazadaCase(
            file: "pdp_not_found.html", status: 404, listingURL: missing, verdict: .delisted, reason: "not_found",
            itemID: "1999999999"),
        LazadaCase(
            file: "punish_captcha.html", listingURL: nem,
            finalURL: "https://www.lazada.vn/_____tmd_____/punish?x5secdata=SYNTHETIC", verdict: .blocked,
            reason: "captcha", itemID: "2345678901"),
    ]

    static let ownCases: [LazadaCase] = [
        // The punish page is recognised by its body alone, and under 403 too.
        LazadaCase(file: "punish_captcha.html", listingURL: nem, verdict: .blocked, reason: "captcha", itemID: "2345678901"),
        LazadaCase(
            file: "punish_captcha.html", status: 403, listingURL: nem, verdict: .blocked, reason: "captcha",
            itemID: "2345678901"),
        // JSON-LD OutOfStock wins over an embedded model that looks in stock.
        LazadaCase(
            file: "pdp_jsonld_out_of_stock_conflict.html",
            listingURL: "https://www.lazada.vn/products/mam-ca-linh-i5678901234.html", verdict: .outOfStock,
            title: "Mắm cá linh Đồng Tháp hũ 500g OCOP", price: 55000, originalPrice: 60000,
            seller: "Mắm Cá Linh Hồng Ngự", stock: 0, sold: 77, itemID: "5678901234"),
        // A listing URL that selects the sold-out 500 g variant reads that sku, not the default one.
        LazadaCase(
            file: "pdp_active_apprun.html",
            listingURL: "https://www.lazada.vn/products/hat-sen-say-gion-dong-thap-hu-200g-i3456789012-s22334455668.html",
            verdict: .outOfStock, title: "Hạt sen sấy giòn Đồng Tháp hũ 200g", price: 169000, originalPrice: 189000,
            seller: "Nông Sản Sen Hồng", stock: 0, sold: 96, itemID: "3456789012"),
        // Only the Vietnamese text says the sku is sold out.
        LazadaCase(
            file: "pdp_quantity_text_het_hang.html",
            listingURL: "https://www.lazada.vn/products/kho-ca-loc-i6789012345.html", verdict: .outOfStock,
            title: "Khô cá lóc Tràm Chim 250g", price: 110000, originalPrice: 120000, seller: "Khô Tràm Chim", stock: 0,
            itemID: "6789012345"),
        LazadaCase(
            file: "pdp_jsonld_only.html", listingURL: "https://www.lazada.vn/products/banh-pia-i7890123456.html",
            verdict: .active, title: "Bánh pía Sóc Trăng 4 sao", price: 72000, seller: "Bánh Pía Tân Huê Viên",
            itemID: "7890123456"),
        LazadaCase(
            file: "pdp_tricky_strings.html", listingURL: "https://www.lazada.vn/products/nem-chua-i8901234567.html",
            verdict: .active, title: "Nem chua Đồng Tháp \"Lai Vung\" 🍖", price: 65000, originalPrice: 80000,
            seller: "Cô Ba \\ Lai Vung", itemID: "8901234567"),
        LazadaCase(
            file: "blank_shell.html", listingURL: nem, verdict: .blocked, reason: "antibot", itemID: "2345678901"),
        LazadaCase(
            file: "pdp_active_moduledata.html", status: 503, listingURL: nem, verdict: .unreachable, reason: "http_5xx",
            itemID: "2345678901"),
        LazadaCase(
            file: "blank_shell.html", status: 429, listingURL: nem, verdict: .blocked, reason: "rate_limited",
            itemID: "2345678901"),
        LazadaCase(
            file: "blank_shell.html", listingURL: nem, finalURL: "https://www.lazada.vn/", verdict: .delisted,
            reason: "redirect_home", itemID: "2345678901"),
        LazadaCase(
            file: "blank_shell.html", listingURL: nem, finalURL: "https://www.lazada.vn/catalog/?q=nem+lai+vung",
            verdict: .delisted, reason: "redirect_search", itemID: "2345678901"),
    ]

    @Test(arguments: researchCases + ownCases)
    func verdict(_ row: LazadaCase) throws {
        let adapter = LazadaAdapter()
        let reference = try #require(adapter.reference(for: row.listingURL))
        let response = try fixtures.response(
            row.file, status: row.status, finalURL: row.finalURL ?? adapter.plan(reference).url)
        let verdict = adapter.interpret(response, for: reference)
        row.expectMatches(verdict)
    }

    @Test func evidenceNamesTheSignals() throws {
        let adapter = LazadaAdapter()
        let reference = try #require(adapter.reference(for: "https://www.lazada.vn/products/mam-ca-linh-i5678901234.html"))
        let verdict = adapter.interpret(
            try fixtures.response("pdp_jsonld_out_of_stock_conflict.html", finalURL: adapter.plan(reference).url),
            for: reference)
        #expect(verdict.evidence.contains("jsonld.availability=OutOfStock"))
        #expect(verdict.evidence.contains("quantity.type=default"))
        #expect(verdict.evidence.contains("model:__moduleData__"))
        let punish = adapter.interpret(
            try fixtures.response("punish_captcha.html", finalURL: adapter.plan(reference).url), for: reference)
        #expect(punish.evidence.first?.hasPrefix("marker:") == true)
    }

    @Test func largePageWithoutProductDataIsUnparseable() throws {
        let adapter = LazadaAdapter()
        let reference = try #require(adapter.reference(for: Self.nem))
        let filler = String(repeating: "<div class=\"card\">Sản phẩm gợi ý</div>\n", count: 1_000)
        let page = "<!DOCTYPE html><html><head><title>Lazada.vn</title></head><body>\(filler)</body></html>"
        let verdict = adapter.interpret(
            HTTPResponseSnapshot(status: 200, finalURL: adapter.plan(reference).url, body: Array(page.utf8)),
            for: reference)
        #expect(verdict.status == .unparseable)
        #expect(verdict.reason == "no_product_data")
    }
}

@Suite("Lazada URLs and requests")
struct LazadaRequestTests {
    @Test func referenceReadsItemAndSku() throws {
        let reference = try #require(LazadaAdapter().reference(for: LazadaFixtureTests.nem))
        #expect(reference.itemID == "2345678901")
        #expect(reference.extra["sku_id"] == "11223344556")
        let noSku = try #require(LazadaAdapter().reference(for: LazadaFixtureTests.hatSen))
        #expect(noSku.itemID == "3456789012")
        #expect(noSku.extra["sku_id"] == nil)
        let querySku = try #require(
            LazadaAdapter().reference(for: "https://lazada.vn/products/i3456789012.html?skuId=22334455668&spm=a2o4n"))
        #expect(querySku.itemID == "3456789012")
        #expect(querySku.extra["sku_id"] == "22334455668")
    }

    @Test(arguments: [
        "https://www.lazada.vn/shop/dac-san-lai-vung-co-ba/",
        "https://www.lazada.vn/products/nem-lai-vung.html",
        "https://www.lazada.vn/products/nem-lai-vungi2345678901.html",
        "https://www.lazada.co.th/products/nem-i2345678901.html",
        "https://s.lazada.vn/s.abc123",
    ])
    func rejectsOtherURLs(_ url: String) {
        #expect(LazadaAdapter().reference(for: url) == nil)
    }

    @Test func planKeepsThePathAndReplacesTheOrigin() throws {
        let adapter = LazadaAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931"))
        let reference = try #require(adapter.reference(for: LazadaFixtureTests.nem + "?spm=a2o4n.searchlist.1"))
        #expect(
            adapter.plan(reference).url
                == "http://127.0.0.1:8931/products/nem-lai-vung-dong-thap-chinh-goc-hop-10-chiec-ocop-i2345678901-s11223344556.html"
        )
        #expect(adapter.allowedHosts.contains("127.0.0.1"))
        #expect(adapter.allowedHosts.contains("www.lazada.vn"))
        #expect(LazadaAdapter().plan(reference).url.hasPrefix("https://www.lazada.vn/products/"))
    }
}
