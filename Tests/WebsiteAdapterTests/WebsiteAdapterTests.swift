import AdapterTestSupport
import Foundation
import OCOPCore
import Testing
import WebsiteAdapter

/// One saved page and the verdict it must produce.
struct WebsiteCase: Sendable, CustomTestStringConvertible, ExpectedVerdict {
    var file: String
    var status = 200
    var listingURL = WebsiteFixtureTests.honey
    var finalURL: String?
    var verdict: ListingStatus
    var reason: String?
    var title: String?
    var price: Int?
    var originalPrice: Int?
    var seller: String?
    var stock: Int?
    var itemID = "htxongmat.example.vn/san-pham/mat-ong-hoa-nhan"
    /// Producers' pages never state a sold count.
    var sold: Int? { nil }

    var testDescription: String { "\(file) (HTTP \(status))" }
}

@Suite("Website fixtures")
struct WebsiteFixtureTests {
    static let honey = "https://htxongmat.example.vn/san-pham/mat-ong-hoa-nhan?utm_source=zalo"

    static let cases: [WebsiteCase] = [
        WebsiteCase(
            file: "jsonld_graph_offers_array.html", verdict: .active, title: "Mật ong hoa nhãn Hưng Yên – OCOP 4 sao",
            price: 220000, originalPrice: 250000, seller: "HTX Ong Mật Phố Hiến", itemID: "MOHN-01"),
        WebsiteCase(
            file: "jsonld_aggregate_offer.html", verdict: .active, title: "Bánh tráng phơi sương Trảng Bàng",
            price: 45000, stock: 120, itemID: "BT-500"),
        WebsiteCase(
            file: "jsonld_discontinued.html", verdict: .delisted, reason: "discontinued",
            title: "Nước mắm nhĩ Phan Thiết 40 độ đạm", price: 95000),
        // A price in another currency is not a price in đồng.
        WebsiteCase(file: "jsonld_foreign_currency.html", verdict: .active, title: "Thap Muoi lotus tea, 25 bags"),
        WebsiteCase(
            file: "microdata_product.html", verdict: .active, title: "Bánh pía Sóc Trăng nhân đậu xanh", price: 89000,
            seller: "Cơ sở Tân Huê Viên", itemID: "TPV-400"),
        WebsiteCase(
            file: "opengraph_only.html", verdict: .outOfStock, title: "Khô cá lóc Tràm Chim loại 1 (500g)",
            price: 150000, stock: 0, itemID: "KCL-500"),
        WebsiteCase(
            file: "opengraph_text_tam_het_hang.html", verdict: .outOfStock, title: "Trà mãng cầu Tháp Mười",
            price: 65000, stock: 0),
        WebsiteCase(
            file: "opengraph_text_ngung_kinh_doanh.html", verdict: .delisted, reason: "discontinued",
            title: "Rượu đế Gò Đen"),
        WebsiteCase(file: "page_not_found.html", verdict: .delisted, reason: "not_found"),
        WebsiteCase(file: "page_not_found.html", status: 404, verdict: .delisted, reason: "not_found"),
        WebsiteCase(file: "page_not_found.html", status: 410, verdict: .delisted, reason: "not_found"),
        WebsiteCase(file: "cloudflare_challenge.html", status: 403, verdict: .blocked, reason: "captcha"),
        WebsiteCase(file: "cloudflare_challenge.html", verdict: .blocked, reason: "captcha"),
        // A CDN's challenge comes with other statuses too; a site's own 404 page with a
        // reCAPTCHA form on it is still a removal.
        WebsiteCase(file: "cloudflare_challenge.html", status: 404, verdict: .blocked, reason: "captcha"),
        WebsiteCase(file: "cloudflare_challenge.html", status: 503, verdict: .blocked, reason: "captcha"),
        WebsiteCase(file: "page_not_found_with_recaptcha_form.html", status: 404, verdict: .delisted, reason: "not_found"),
        WebsiteCase(file: "article_without_product.html", status: 401, verdict: .blocked, reason: "forbidden"),
        WebsiteCase(file: "article_without_product.html", status: 429, verdict: .blocked, reason: "rate_limited"),
        WebsiteCase(file: "article_without_product.html", status: 500, verdict: .unreachable, reason: "http_5xx"),
        WebsiteCase(file: "article_without_product.html", verdict: .unparseable, reason: "no_product_data"),
        WebsiteCase(
            file: "article_without_product.html", finalURL: "https://htxongmat.example.vn/", verdict: .delisted,
            reason: "redirect_home"),
        WebsiteCase(
            file: "article_without_product.html", finalURL: "https://htxongmat.example.vn/?s=mat+ong&post_type=product",
            verdict: .delisted, reason: "redirect_home"),
        WebsiteCase(
            file: "article_without_product.html", finalURL: "https://htxongmat.example.vn/search?q=mat+ong",
            verdict: .delisted, reason: "redirect_search"),
        WebsiteCase(
            file: "article_without_product.html", finalURL: "https://www.htxongmat.example.vn/", verdict: .delisted,
            reason: "redirect_home"),
        // Another site's home or search page (a captive portal, an ISP's block page, a login
        // wall) says nothing of the shop.
        WebsiteCase(
            file: "article_without_product.html", finalURL: "http://wifi-login.example.net/", verdict: .blocked,
            reason: "redirect_other_site"),
        WebsiteCase(
            file: "article_without_product.html", finalURL: "https://portal.example.net/search?q=x", verdict: .blocked,
            reason: "redirect_other_site"),
        // Redirects that keep the product: to the shop's canonical host, the path and query kept
        // (OpenCart addresses products by query), and to a home path whose query names it.
        WebsiteCase(
            file: "microdata_product.html",
            listingURL: "https://banhpia.example.vn/index.php?route=product/product&product_id=42",
            finalURL: "https://www.banhpia.example.vn/index.php?route=product/product&product_id=42", verdict: .active,
            title: "Bánh pía Sóc Trăng nhân đậu xanh", price: 89000, seller: "Cơ sở Tân Huê Viên", itemID: "TPV-400"),
        WebsiteCase(
            file: "jsonld_graph_offers_array.html", finalURL: "https://htxongmat.example.vn/?product=mat-ong-hoa-nhan",
            verdict: .active, title: "Mật ong hoa nhãn Hưng Yên – OCOP 4 sao", price: 220000, originalPrice: 250000,
            seller: "HTX Ong Mật Phố Hiến", itemID: "MOHN-01"),
    ]

    @Test(arguments: cases)
    func verdict(_ row: WebsiteCase) throws {
        let adapter = WebsiteAdapter()
        let reference = try #require(adapter.reference(for: row.listingURL))
        let response = try fixtures.response(
            row.file, status: row.status, finalURL: row.finalURL ?? adapter.plan(reference).url)
        let verdict = adapter.interpret(response, for: reference)
        row.expectMatches(verdict)
    }

    @Test func evidenceNamesSourceAndSignal() throws {
        let adapter = WebsiteAdapter()
        let reference = try #require(adapter.reference(for: Self.honey))
        let graph = adapter.interpret(
            try fixtures.response("jsonld_graph_offers_array.html", finalURL: Self.honey), for: reference)
        #expect(graph.evidence == ["source=jsonld", "jsonld.availability=InStock"])
        let text = adapter.interpret(
            try fixtures.response("opengraph_text_tam_het_hang.html", finalURL: Self.honey), for: reference)
        #expect(text.evidence == ["source=opengraph", "marker:Tạm hết hàng"])
    }

    /// Microdata is read only for what JSON-LD left out: availability, name or price.
    @Test(arguments: [
        (#"{"@type":"Product","name":"Trà","offers":{"price":50000,"availability":"InStock"}}"#, false),
        (#"{"@type":"Product","name":"Trà","offers":{"price":50000}}"#, true),
    ])
    func microdataOnlyWhenLinkedDataIsIncomplete(_ linkedData: String, readsMicrodata: Bool) throws {
        let adapter = WebsiteAdapter()
        let reference = try #require(adapter.reference(for: Self.honey))
        let page = """
            <html><head><script type="application/ld+json">\(linkedData)</script></head><body>
            <div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Trà</span>
            <link itemprop="availability" href="https://schema.org/OutOfStock"></div></body></html>
            """
        let response = HTTPResponseSnapshot(status: 200, finalURL: Self.honey, body: Array(page.utf8))
        let verdict = adapter.interpret(response, for: reference)
        #expect(verdict.evidence.contains("source=microdata") == readsMicrodata)
        #expect(verdict.status == (readsMicrodata ? .outOfStock : .active))
    }

    @Test func redirectHomeThroughTheMockOrigin() throws {
        let adapter = WebsiteAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931"))
        let reference = try #require(adapter.reference(for: Self.honey))
        let home = adapter.interpret(
            try fixtures.response("article_without_product.html", finalURL: "http://127.0.0.1:8931/site/htxongmat.example.vn/"),
            for: reference)
        #expect(home.reason == "redirect_home")
        let same = adapter.interpret(
            try fixtures.response("microdata_product.html", finalURL: adapter.plan(reference).url), for: reference)
        #expect(same.status == .active)
    }
}

@Suite("Website URLs and requests")
struct WebsiteRequestTests {
    @Test func anyHostWhenNoListIsConfigured() throws {
        let reference = try #require(WebsiteAdapter().reference(for: WebsiteFixtureTests.honey))
        #expect(reference.marketplace == .website)
        #expect(reference.itemID == "htxongmat.example.vn/san-pham/mat-ong-hoa-nhan")
        #expect(WebsiteAdapter().allowedHosts.isEmpty)
    }

    @Test func configuredHostsLimitWhatIsAccepted() {
        let adapter = WebsiteAdapter(configuration: .init(allowedHosts: ["htxongmat.example.vn"]))
        #expect(adapter.reference(for: WebsiteFixtureTests.honey) != nil)
        #expect(adapter.reference(for: "https://other.example.vn/san-pham/x") == nil)
        #expect(adapter.allowedHosts == ["htxongmat.example.vn"])
    }

    @Test(arguments: ["ftp://htxongmat.example.vn/a", "mailto:ban@htxongmat.example.vn", "/san-pham/x", ""])
    func rejectsNonWebURLs(_ url: String) {
        #expect(WebsiteAdapter().reference(for: url) == nil)
    }

    @Test func planFetchesTheListingOrTheMockSitePath() throws {
        let url = "https://htxongmat.example.vn:8443/san-pham/mat-ong?id=7#reviews"
        let reference = try #require(WebsiteAdapter().reference(for: url))
        #expect(WebsiteAdapter().plan(reference).url == "https://htxongmat.example.vn:8443/san-pham/mat-ong?id=7")
        let mock = WebsiteAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931/"))
        #expect(mock.plan(reference).url == "http://127.0.0.1:8931/site/htxongmat.example.vn:8443/san-pham/mat-ong?id=7")
        #expect(mock.allowedHosts == ["127.0.0.1"])
    }
}

/// Pages whose structured data or texts belong partly to other products, or are written in the
/// valid but less common ways of JSON-LD and XHTML.
@Suite("Website pages with more than the listing's product")
struct WebsiteOtherProductTests {
    static let listing = "https://shop.vn/san-pham/tra"

    static func verdict(_ page: String, listing: String = Self.listing) throws -> Verdict {
        let adapter = WebsiteAdapter()
        let reference = try #require(adapter.reference(for: listing))
        return adapter.interpret(HTTPResponseSnapshot(status: 200, finalURL: listing, body: Array(page.utf8)), for: reference)
    }

    /// A JSON-LD product with a name and a price, stating no availability: texts decide.
    static func unstatedProduct(_ name: String) -> String {
        jsonLD(#"{"@type":"Product","name":"\#(name)","offers":{"price":"90000"}}"#)
    }

    /// The verdict on a page whose `<body>` is `body`.
    static func body(_ body: String) throws -> Verdict {
        try verdict("<html><body>" + body + "</body></html>")
    }

    static func jsonLD(_ json: String) -> String {
        #"<script type="application/ld+json">\#(json)</script>"#
    }

    /// The main product's `url` written otherwise than the catalog's link (Shopify's collection
    /// path, case, `www.`, percent-escapes, a relative path) is still this page; a second product
    /// that names no page and disagrees cannot take its place.
    @Test func theMainProductIsFoundUnderAnotherSpellingOfItsURL() throws {
        let related = Self.jsonLD(
            #"{"@type":"Product","name":"Mật ong","offers":{"price":"90000","availability":"https://schema.org/Discontinued"}}"#)
        for (listing, url) in [
            ("https://shop.vn/collections/tra/products/tra", "https://shop.vn/products/tra"),
            (Self.listing, "https://www.shop.vn/SAN-PHAM/tra/"), (Self.listing, "/san-pham/%74ra"), (Self.listing, "tra"),
        ] {
            let main = Self.jsonLD(
                #"{"@type":"Product","name":"Trà sen","url":"\#(url)","offers":{"price":"150000","#
                    + #""availability":"https://schema.org/OutOfStock"}}"#)
            let verdict = try Self.verdict("<html><body>\(main)\(related)</body></html>", listing: listing)
            #expect(verdict.status == .outOfStock && verdict.title == "Trà sen", "\(url): \(verdict)")
        }
    }

    /// Pages that share a last path segment (`…/index.html`, a Magento category number) are not
    /// one page: another product's verdict never becomes this listing's.
    @Test func aProductOfAnotherPageWithTheSameLastSegmentIsNotThisOne() throws {
        let other = Self.jsonLD(
            #"{"@type":"Product","name":"Cà phê","url":"https://shop.vn/san-pham/ca-phe/index.html","#
                + #""offers":{"price":"90000","availability":"https://schema.org/Discontinued"}}"#)
        let verdict = try Self.verdict(
            "<html><head><title>Trà</title></head><body>\(other)</body></html>",
            listing: "https://shop.vn/san-pham/tra/index.html")
        #expect(verdict.status != .delisted && verdict.title != "Cà phê", "\(verdict)")
    }

    /// Products that name no page speak for it only together, and only those that state an
    /// availability vote; one that names another page never says the listing is gone, and one on
    /// sale vetoes such a verdict from the others.
    @Test func productsThatDoNotNameThePageDecideOnlyTogether() throws {
        func product(_ name: String, _ availability: String?, url: String? = nil) -> String {
            let offers = availability.map { #","offers":{"price":"90000","availability":"https://schema.org/\#($0)"}"# } ?? ""
            let address = url.map { #","url":"\#($0)""# } ?? ""
            return Self.jsonLD(#"{"@type":"Product","name":"\#(name)"\#(address)\#(offers)}"#)
        }
        func page(_ blocks: String...) throws -> Verdict {
            try Self.verdict("<html><head><title>Trà sen</title></head><body>" + blocks.joined() + "</body></html>")
        }
        let disagreeing = try page(product("Mật ong", "Discontinued"), product("Trà sen", "InStock"))
        #expect(disagreeing.status != .delisted && disagreeing.title != "Mật ong", "\(disagreeing)")
        let another = try page(product("Mật ong", "Discontinued", url: "https://shop.vn/san-pham/mat-ong"))
        #expect(another.status == .unparseable, "\(another)")
        let vetoed = try page(
            product("Trà sen", "InStock", url: "https://cdn.shop.vn/p/tra"), product("Mật ong", "Discontinued"))
        #expect(vetoed.status != .delisted, "\(vetoed)")
        let reviewApp = try page(product("Trà sen", nil), product("Trà sen", "OutOfStock"))
        #expect(reviewApp.status == .outOfStock, "a block stating no availability takes no part: \(reviewApp)")
        let featured = try page(
            product("Mật ong", "OutOfStock", url: "https://shop.vn/san-pham/mat-ong"), product("Trà sen", "InStock"))
        #expect(featured.status == .active && featured.title == "Trà sen", "\(featured)")
        #expect(try page(product("Trà sen", "InStock"), product("Trà sen", "InStock")).status == .active)
    }

    /// JSON-LD products that disagree leave a product page all the same: what it shows of
    /// stock decides, and a footer's "ngừng kinh doanh" menu or a search box's "Không tìm thấy
    /// sản phẩm" is never the listing's removal.
    @Test func anUndecidedProductPageIsReadByItsStockNotItsRemovalTexts() throws {
        let main = Self.jsonLD(
            #"{"@type":"Product","name":"Mắm tôm","offers":{"price":"50000","availability":"https://schema.org/InStock"}}"#)
        let combo = Self.jsonLD(
            #"{"@type":"Product","name":"Combo Tết","offers":{"price":"90000","availability":"https://schema.org/OutOfStock"}}"#)
        let footer = "<footer><a href=\"/c/ngung\">Sản phẩm ngừng kinh doanh</a><p>Không tìm thấy sản phẩm phù hợp</p></footer>"
        let shown = try Self.verdict("<html><body>\(combo)\(main)<p>Còn hàng</p>\(footer)</body></html>")
        #expect(shown.status == .active, "\(shown)")
        let out = try Self.verdict("<html><body>\(combo)\(main)<p>Tạm hết hàng</p>\(footer)</body></html>")
        #expect(out.status == .outOfStock, "\(out)")
        let silent = try Self.verdict("<html><body>\(combo)\(main)\(footer)</body></html>")
        #expect(silent.status == .unparseable && silent.reason == "jsonld_undecided", "\(silent)")
    }

    /// A microdata card that names another page by its `url` (a sidebar's, a category grid's)
    /// is about that page.
    @Test func aMicrodataCardNamingAnotherPageIsNotTheListing() throws {
        let page = try Self.verdict(
            """
            <html><body><aside><div itemscope itemtype="http://schema.org/Product">
            <a itemprop="url" href="/san-pham/mien-loai-2"><span itemprop="name">Miến loại 2</span></a>
            <link itemprop="availability" href="http://schema.org/Discontinued"></div></aside>
            <main><div itemscope itemtype="http://schema.org/Product"><h1 itemprop="name">Trà sen</h1>
            <link itemprop="availability" href="http://schema.org/InStock"></div></main></body></html>
            """)
        #expect(page.status == .active && page.title == "Trà sen", "\(page)")
    }

    /// A shop's soft 404 suggesting other products: its title says the product is not there, and
    /// the suggestions' data (JSON-LD naming their pages, microdata cards naming none) is not the
    /// listing's. A product naming the listing's page outweighs the title.
    @Test func aSoft404SuggestingOtherProductsIsARemoval() throws {
        func product(_ url: String) -> String {
            Self.jsonLD(
                #"{"@type":"Product","name":"Hạt sen","url":"\#(url)","#
                    + #""offers":{"price":"79000","availability":"http://schema.org/InStock"}}"#)
        }
        let card =
            #"<li itemscope itemtype="http://schema.org/Product"><h3 itemprop="name">Hạt sen sấy</h3>"#
            + #"<link itemprop="availability" href="http://schema.org/InStock"></li>"#
        func page(_ suggestions: String) throws -> Verdict {
            try Self.verdict(
                "<html><head><title>Không tìm thấy sản phẩm – Đặc sản Sen</title></head><body>"
                    + "<h1>Sản phẩm không tồn tại</h1>\(suggestions)</body></html>")
        }
        for suggestions in [product("https://shop.vn/san-pham/hat-sen/"), card] {
            let verdict = try page(suggestions)
            #expect(verdict.status == .delisted && verdict.reason == "not_found", "\(verdict)")
            #expect(verdict.title == nil && verdict.priceVND == nil)
        }
        let own = try page(product(Self.listing))
        #expect(own.status == .active, "\(own)")
    }

    /// The title speaks only where no product on the page may be the listing's own: beside
    /// products that name other pages, or microdata cards that name none, a title holding the
    /// removal text (however it is worded or written) is a soft 404's. Beside a product that may
    /// be the page's (JSON-LD naming no page, microdata naming this one, `og:type` product) it is
    /// a slogan.
    @Test func aTitleSaysNotFoundOnlyWhereNoProductMayBeTheListings() throws {
        let related = Self.jsonLD(
            #"{"@type":"Product","name":"Hạt sen","url":"https://shop.vn/san-pham/hat-sen/","#
                + #""offers":{"price":"79000","availability":"http://schema.org/InStock"}}"#)
        let card =
            #"<li itemscope itemtype="http://schema.org/Product"><h3 itemprop="name">Hạt sen sấy</h3>"#
            + #"<link itemprop="availability" href="http://schema.org/InStock"></li>"#
        let unnamed = Self.jsonLD(
            #"{"@type":"Product","name":"Mật ong U Minh","offers":{"price":"250000","availability":"http://schema.org/InStock"}}"#)
        let namedCard =
            #"<div itemscope itemtype="http://schema.org/Product"><link itemprop="url" href="\#(Self.listing)">"#
            + #"<h1 itemprop="name">Mật ong U Minh</h1><link itemprop="availability" href="http://schema.org/InStock"></div>"#
        func verdict(_ title: String, _ body: String, head: String = "") throws -> Verdict {
            try Self.verdict("<html><head><title>\(title)</title>\(head)</head><body>\(body)</body></html>")
        }
        for title in [
            "Không tìm thấy sản phẩm – Đặc sản Sen", "Sản phẩm không tồn tại hoặc đã bị xóa – Đặc sản Sen",
            "Không tìm thấy trang bạn yêu cầu | Đặc sản Sen", "Không tìm thấy sản phẩm nào",
            "Kh&ocirc;ng t&igrave;m thấy sản phẩm", "Không tìm thấy\n   sản phẩm", "Không tìm thấy&nbsp;sản phẩm",
            "404 - Không tìm thấy trang", "Đặc sản Sen – Không tìm thấy sản phẩm", "Whoops! Page not found",
        ] {
            for body in [related, card] {
                let gone = try verdict(title, body)
                #expect(gone.status == .delisted && gone.reason == "not_found", "\(title): \(gone)")
            }
        }
        for slogan in [
            "Mật ong rừng U Minh 500ml | Không tìm thấy sản phẩm? Hoàn tiền 200%",
            "Mật ong U Minh | Sản phẩm không tồn tại 100%", "Mật ong U Minh – Không tìm thấy sản phẩm nào thơm hơn",
        ] {
            for body in [unnamed, namedCard] {
                let onSale = try verdict(slogan, body)
                #expect(onSale.status == .active, "\(slogan): \(onSale)")
            }
            let declared = try verdict(slogan, card, head: #"<meta property="og:type" content="product">"#)
            #expect(declared.status == .active, "a page that calls itself a product: \(declared)")
        }
    }

    /// Sent to another page (a category) whose products all name other pages: nothing there is
    /// the listing's. On the listing's own page, one on sale may still be the main product under
    /// a spelling of its address not recognised.
    @Test func aRedirectToOtherProductsPagesDecidesNothing() throws {
        let adapter = WebsiteAdapter()
        let reference = try #require(adapter.reference(for: Self.listing))
        let page =
            "<html><head><title>Danh mục trà</title></head><body>"
            + Self.jsonLD(
                #"{"@type":"Product","name":"Hạt sen","url":"https://shop.vn/san-pham/hat-sen/","#
                    + #""offers":{"price":"79000","availability":"http://schema.org/InStock"}}"#)
            + "<p>Còn hàng</p></body></html>"
        let redirected = adapter.interpret(
            HTTPResponseSnapshot(
                status: 200, finalURL: "https://shop.vn/danh-muc/tra/", body: Array(page.utf8)),
            for: reference)
        #expect(redirected.status == .unparseable && redirected.reason == "redirect_no_product", "\(redirected)")
        let unmoved = try Self.verdict(page)
        #expect(unmoved.status == .active, "\(unmoved)")
    }

    /// Texts a reader never sees: inside a quoted attribute holding `>`, a `<template>`, a
    /// `<noscript>`. Texts in capitals are seen.
    @Test func hiddenTextsAreSkippedAndCapitalsAreRead() throws {
        let product = Self.unstatedProduct("Cà phê")
        let hidden = try Self.body(
            "\(product)<span x-text=\"stock > 0 ? 'Còn hàng' : 'Ngừng kinh doanh'\">Còn</span>"
                + "<template><p>Hết hàng</p></template><noscript>Hết hàng</noscript>")
        #expect(hidden.status == .active, "\(hidden)")
        let chrome = try Self.body(
            "<nav><a href=\"/c/9\">Sản phẩm ngừng kinh doanh</a></nav>\(product)<h1>Cà phê</h1>"
                + "<footer><p>Đổi trả khi sản phẩm hết hàng</p></footer>")
        #expect(chrome.status == .active, "a shop's menu and policy are not the product's: \(chrome)")
        let first = try Self.body(
            "\(product)<span class=stock>Còn hàng</span><div class=footer>Đổi trả khi sản phẩm hết hàng</div>")
        #expect(first.status == .active, "the first stock text shown is the product's: \(first)")
        let capitals = try Self.body("\(product)<span class=badge>HẾT HÀNG</span>")
        #expect(capitals.status == .outOfStock, "\(capitals)")
        for space in ["&nbsp;", "\u{00A0}"] {
            let noBreak = try Self.body("\(product)<p>Hết\(space)hàng</p>")
            #expect(noBreak.status == .outOfStock, "\(noBreak)")
        }
    }

    /// A removal read from text must be the product's: a "Còn hàng" anywhere on the page vetoes
    /// it. A stray quote in a tag or a `<nav>` never closed does not hide the rest of the page.
    @Test func removalTextsAreVetoedByStockShownAndSurviveBrokenMarkup() throws {
        let product = Self.unstatedProduct("Mật ong")
        let menu = try Self.body(
            "<div class=main-menu><a href=\"/c/9\">Sản phẩm ngừng kinh doanh</a></div>\(product)"
                + "<p>Còn hàng</p>")
        #expect(menu.status == .active, "\(menu)")
        let noData = try Self.body(
            "<div class=menu>Sản phẩm ngừng kinh doanh</div><h1>Mật ong</h1><p>Còn hàng</p>")
        #expect(noData.status != .delisted, "\(noData)")
        // A sidebar's stock filter is no stock the product shows.
        let filter = "<aside class=sidebar><label><input type=checkbox name=stock> Còn hàng</label></aside>"
        let filtered = try Self.body("\(filter)\(product)<h1>Mật ong</h1><p>Sản phẩm đã ngừng kinh doanh</p>")
        #expect(filtered.status == .delisted, "\(filtered)")
        // A label elsewhere may be the product's own status, and a search box's label left open
        // hides nothing after it.
        for status in [
            "Tình trạng: <label class=\"label label-danger\">Hết hàng</label>",
            "<label for=q>Tìm kiếm<input id=q></form><p class=stock>Hết hàng</p><label>Số lượng</label>",
        ] {
            let page = try Self.body("\(product)<h1>Mật ong</h1>\(status)")
            #expect(page.status == .outOfStock, "\(status): \(page)")
        }
        for broken in [
            "<h1 class=\"title\"\">Mật ong</h1>", "<img alt=Hưng'Yên src=/a.jpg>", "<nav class=crumbs><a>Home</a></div>",
        ] {
            // A later quoted value could pair with the stray quote and hide the text between.
            let page = try Self.body(
                "\(product)\(broken)<p>Sản phẩm đã ngừng kinh doanh</p><img alt=\"ảnh\" src='/b.jpg'>")
            #expect(page.status == .delisted, "\(broken): \(page)")
        }
    }

    /// OpenCart adds `&path=20` while a visitor browses a category: still the same page.
    @Test func aQueryWithMoreParametersNamesTheSamePage() throws {
        let listing = "https://chethainguyen.vn/index.php?route=product/product&product_id=42"
        let main = Self.jsonLD(
            #"{"@type":"Product","name":"Chè","url":"https://chethainguyen.vn/index.php?route=product/product&path=20&product_id=42","#
                + #""offers":{"price":"90000","availability":"https://schema.org/OutOfStock"}}"#)
        #expect(try Self.verdict("<html><body>\(main)</body></html>", listing: listing).status == .outOfStock)
    }

    /// "Discontinued" in a related product's JSON-LD is not a text on the page.
    @Test func textMarkersAreReadFromWhatThePageShows() throws {
        let main = Self.jsonLD(#"{"@type":"Product","name":"Trà sen","offers":{"@type":"Offer","price":"150000"}}"#)
        let related = Self.jsonLD(
            #"{"@type":"ItemList","itemListElement":[{"@type":"ListItem","item":{"@type":"Product","name":"Mứt sen","#
                + #""offers":{"price":"90000","availability":"https://schema.org/Discontinued"}}}]}"#)
        let page = try Self.verdict(
            "<html><body>\(main)<h1>Trà sen</h1><!-- Hết hàng --><style>.x{content:'Out of stock'}</style>"
                + "<button data-label=\"Hết hàng\">Thêm vào giỏ</button>\(related)</body></html>")
        #expect(page.status == .active)
        #expect(page.evidence.contains("availability_unknown"))

        let withoutMain = try Self.verdict("<html><head><title>Trà sen</title></head><body>\(related)</body></html>")
        #expect(withoutMain.status == .unparseable)
        #expect(withoutMain.reason == "no_product_data")

        // A shop template's own text still counts.
        let shown = try Self.verdict(
            "<html><body>\(main)<script>var t = 'x';</script><button disabled>Hết hàng</button></body></html>")
        #expect(shown.status == .outOfStock)
        #expect(shown.evidence.contains("marker:Hết hàng"))
    }

    /// A sidebar product whose `url` names another page is not the listing's, even written first.
    @Test func theLinkedDataProductWhoseURLIsTheListingIsRead() throws {
        let sidebar = Self.jsonLD(
            #"{"@type":"Product","name":"Mứt sen","url":"https://shop.vn/san-pham/mut-sen","#
                + #""offers":{"price":90000,"availability":"https://schema.org/Discontinued"}}"#)
        let main = Self.jsonLD(
            #"{"@type":"Product","name":"Trà sen","url":"https://www.shop.vn/san-pham/tra/","#
                + #""offers":{"price":150000,"availability":"https://schema.org/InStock"}}"#)
        let page = try Self.verdict("<html><body><aside>\(sidebar)</aside><main>\(main)</main></body></html>")
        #expect(page.status == .active)
        #expect(page.title == "Trà sen")
        #expect(page.priceVND == 150000)

        let relative = main.replacingOccurrences(of: "https://www.shop.vn/san-pham/tra/", with: "/san-pham/tra")
        #expect(try Self.verdict("<html><body>\(sidebar)\(relative)</body></html>").title == "Trà sen")
        // Only another page's product: none of this listing's.
        let onlySidebar = try Self.verdict("<html><head><title>Trà sen</title></head><body>\(sidebar)</body></html>")
        #expect(onlySidebar.status == .unparseable)
    }

    /// A related product's microdata scope, after the listing's, does not lend it availability.
    @Test(arguments: ["Discontinued", "OutOfStock"])
    func microdataStopsAtTheNextProductScope(_ availability: String) throws {
        let page = try Self.verdict(
            """
            <html><body><div itemscope itemtype="http://schema.org/Product"><h1 itemprop="name">Trà sen</h1>
            <span itemprop="price" content="150000">150.000đ</span></div><div class=related>
            <div itemscope itemtype="http://schema.org/Product"><span itemprop="name">Other</span>
            <link itemprop="availability" href="http://schema.org/\(availability)"/></div></div></body></html>
            """)
        #expect(page.status == .active)
        #expect(page.title == "Trà sen")
    }

    /// A variant's scope is the product's own: any variant on sale makes the product so. A
    /// bestseller box's scope inside the product's row (OpenCart) is not the product.
    @Test func microdataReadsVariantsAndNotABoxInsideTheProduct() throws {
        func group(_ availabilities: [String]) -> String {
            let variants = availabilities.map { availability in
                """
                <div itemprop="hasVariant" itemscope itemtype="https://schema.org/Product"><span itemprop="name">Chai</span>
                <div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price">150000</span>
                <link itemprop="availability" href="https://schema.org/\(availability)"></div></div>
                """
            }
            return "<html><body><div itemscope itemtype=\"https://schema.org/ProductGroup\"><h1 itemprop=\"name\">Nước mắm</h1>"
                + variants.joined() + "</div></body></html>"
        }
        #expect(try Self.verdict(group(["OutOfStock"])).status == .outOfStock)
        #expect(try Self.verdict(group(["OutOfStock", "InStock"])).status == .active)
        let box = try Self.verdict(
            """
            <html><body><div class="row" itemscope itemtype="http://schema.org/Product">
            <aside><div itemscope itemtype="http://schema.org/Product"><span itemprop="name">Miến dong loại 2</span>
            <link itemprop="availability" href="http://schema.org/OutOfStock"></div></aside>
            <h1 itemprop="name">Miến dong Bình Liêu</h1><div itemprop="offers" itemscope itemtype="http://schema.org/Offer">
            <span itemprop="price">80000</span><link itemprop="availability" href="http://schema.org/InStock"></div>
            </div></body></html>
            """)
        #expect(box.status != .outOfStock && box.title != "Miến dong loại 2", "\(box)")
    }

    /// The word `itemtype` in the text right after a product's tag, with no tag between, is not
    /// a second scope: found again from there, the product's own tag would end its properties
    /// before they begin (a crash the fuzz smoke run found).
    @Test func theWordItemtypeAfterAProductTagIsNotAnotherScope() throws {
        let page = try Self.body(
            #"<div itemscope itemtype="http://schema.org/Product">itemtype: Product"#
                + #"<h1 itemprop="name">Trà sen</h1><link itemprop="availability" href="http://schema.org/InStock"></div>"#)
        #expect(page.status == .active && page.title == "Trà sen", "\(page)")
    }

    @Test(arguments: [
        #"{"@id":"https://schema.org/OutOfStock"}"#, #"["https://schema.org/OutOfStock"]"#,
        #"[{"@id":"http://schema.org/OutOfStock"}]"#,
    ])
    func availabilityAsANodeOrAList(_ availability: String) throws {
        let page = try Self.verdict(
            Self.jsonLD(#"{"@type":"Product","name":"Trà","offers":{"price":"150000","availability":\#(availability)}}"#))
        #expect(page.status == .outOfStock)
    }

    /// A product whose reading stopped at a comment may hide its availability: no verdict from it.
    @Test func linkedDataCutShortByACommentDecidesNothing() throws {
        let commented = try Self.verdict(
            Self.jsonLD(
                "\n// shop theme\n"
                    + #"{"@type":"Product",/* c */"name":"Trà","offers":{"price":"150000","availability":"OutOfStock"}}"#))
        #expect(commented.status == .unparseable)
        #expect(commented.reason == "jsonld_malformed")

        let inOffer = try Self.verdict(
            Self.jsonLD(
                #"{"@type":"Product","name":"Trà","offers":{"price":"150000" /* sale */,"availability":"OutOfStock"}}"#))
        #expect(inOffer.status == .unparseable)

        // Other structured data that states availability still decides.
        let withOpenGraph = try Self.verdict(
            #"<html><head><meta property="product:availability" content="out of stock"></head><body>"#
                + Self.jsonLD(#"{"@type":"Product",/* c */"name":"Trà"}"#) + "</body></html>")
        #expect(withOpenGraph.status == .outOfStock)
    }

    @Test func linkedDataInACDATASectionIsRead() throws {
        let page = try Self.verdict(
            Self.jsonLD(
                "//<![CDATA[\n"
                    + #"{"@type":"Product","name":"Trà","offers":{"price":"150000","availability":"https://schema.org/OutOfStock"}}"#
                    + "\n//]]>"))
        #expect(page.status == .outOfStock)
        #expect(page.title == "Trà")
    }
}

/// An older shop's page written in Windows-1258 (Vietnamese tones as combining marks) or Latin-1:
/// its texts must match and its title read as they do in UTF-8.
@Suite("Website pages in other character sets")
struct WebsiteCharsetTests {
    static let url = "https://tra-sen.vn/san-pham/tra-sen"

    /// `text` in Windows-1258, as the shop's editor saved it.
    static func windows1258(_ text: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "WINDOWS-1258"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(bytes)
    }

    static let page = """
        <html><head><meta charset="windows-1258"><meta property="og:type" content="product">
        <meta property="og:title" content="Trà sen Đồng Tháp"></head>
        <body><p>Sản phẩm này đã Ngừng kinh doanh</p></body></html>
        """

    @Test func aWindows1258PageIsReadAsItsTextSays() throws {
        let body = try Self.windows1258(Self.page)
        #expect(String(validating: body, as: UTF8.self) == nil, "the fixture really is Windows-1258")
        let adapter = WebsiteAdapter()
        let reference = try #require(adapter.reference(for: Self.url))
        let verdict = adapter.interpret(HTTPResponseSnapshot(status: 200, finalURL: Self.url, body: body), for: reference)
        #expect(verdict.status == .delisted && verdict.reason == "discontinued", "\(verdict)")
        #expect(verdict.title == "Trà sen Đồng Tháp")
    }

    @Test func theHeadersCharsetWinsAndAUTF8PageLabelledLatin1StaysUTF8() throws {
        let adapter = WebsiteAdapter()
        let reference = try #require(adapter.reference(for: Self.url))
        let unlabelled = Self.page.replacingOccurrences(of: "<meta charset=\"windows-1258\">", with: "")
        let legacy = try Self.windows1258(unlabelled)
        let byHeader = HTTPResponseSnapshot(
            status: 200, finalURL: Self.url, headers: [HTTPHeaderField("Content-Type", "text/html; charset=windows-1258")],
            body: legacy)
        #expect(adapter.interpret(byHeader, for: reference).status == .delisted)
        // Apache's old default label on a page that is UTF-8 after all.
        let mislabelled = HTTPResponseSnapshot(
            status: 200, finalURL: Self.url, headers: [HTTPHeaderField("Content-Type", "text/html; charset=ISO-8859-1")],
            body: Array(unlabelled.utf8))
        let verdict = adapter.interpret(mislabelled, for: reference)
        #expect(verdict.status == .delisted && verdict.title == "Trà sen Đồng Tháp", "\(verdict)")
        // One stray Latin-1 byte (a pasted `©`) does not make the whole UTF-8 page Latin-1.
        let stray = HTTPResponseSnapshot(
            status: 200, finalURL: Self.url, headers: mislabelled.headers, body: Array(unlabelled.utf8) + [0xA9])
        let strayVerdict = adapter.interpret(stray, for: reference)
        #expect(strayVerdict.status == .delisted && strayVerdict.title == "Trà sen Đồng Tháp", "\(strayVerdict)")
    }

    @Test func theDeclaredCharsetIsFoundInTheHeaderOrTheMetaTags() {
        #expect(PageCharset.declared(contentType: "text/html; Charset=\"Windows-1258\"", body: []) == "windows-1258")
        let meta = Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=tcvn\">".utf8)
        #expect(PageCharset.declared(contentType: "text/html", body: meta) == "tcvn")
        #expect(PageCharset.declared(contentType: nil, body: Array("<p>no label</p>".utf8)) == nil)
        #expect(PageCharset.utf8(Array("ascii".utf8), from: "utf-8") == nil)
        #expect(PageCharset.utf8([0xE9], from: "no-such-charset") == nil, "an unknown label leaves the bytes")
        #expect(PageCharset.utf8([0x63, 0x61, 0x66, 0xE9], from: "iso-8859-1") == Array("café".utf8))
    }
}
