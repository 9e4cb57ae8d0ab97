import OCOPCore
import Testing

@Suite("Parsing: prices, availability, URLs, statuses, schema.org")
struct ParsingValueTests {
    @Test(arguments: [
        ("89000", 89000), ("₫89.000", 89000), ("89,000 ₫", 89000), ("1.250.000đ", 1_250_000),
        ("89000.00", 89000), ("65,000.50", 65001), ("89.000 - 120.000", 89000), ("Giá: 45.000 VND", 45000),
    ])
    func readsVNDAmounts(_ text: String, _ expected: Int) {
        #expect(VNDPrice.parse(text) == expected)
    }

    @Test(arguments: ["", "Liên hệ", "0", "0.00", "-", "1.2.3.4", "12.34.567"])
    func unreadableOrZeroAmountsAreUnknown(_ text: String) {
        #expect(VNDPrice.parse(text) == nil)
    }

    @Test func jsonAmounts() throws {
        let value = try #require(JSONValue(parsing: Array(#"[8500000000, "89000", -1, 0, null, 12.6]"#.utf8))?.array)
        #expect(VNDPrice.amount(value[0], divisor: 100_000) == 85000)
        #expect(VNDPrice.amount(value[1]) == 89000)
        #expect(VNDPrice.amount(value[2]) == nil)
        #expect(VNDPrice.amount(value[3]) == nil)
        #expect(VNDPrice.amount(value[4]) == nil)
        #expect(VNDPrice.amount(value[5]) == 13)
        #expect(VNDPrice.amount(nil) == nil)
    }

    @Test(arguments: [
        ("https://schema.org/InStock", SchemaOrgAvailability.inStock), ("http://schema.org/OutOfStock", .outOfStock),
        ("schema:SoldOut", .soldOut), ("in stock", .inStock), ("oos", .outOfStock), ("out of stock", .outOfStock),
        ("available for order", .inStock), ("preorder", .preOrder), ("Discontinued", .discontinued),
        ("https://schema.org/InStock/", .inStock), ("https://schema.org/OutOfStock?ref=feed", .outOfStock),
        ("http://schema.org/SoldOut#offer", .soldOut),
    ])
    func readsAvailability(_ text: String, _ expected: SchemaOrgAvailability) {
        #expect(SchemaOrgAvailability(text: text) == expected)
    }

    @Test func availabilityMapsToListingStatus() {
        #expect(SchemaOrgAvailability.preOrder.listingStatus == .active)
        #expect(SchemaOrgAvailability.inStoreOnly.listingStatus == .outOfStock)
        #expect(SchemaOrgAvailability.discontinued.listingStatus == .delisted)
        #expect(SchemaOrgAvailability(text: "maybe") == nil)
    }

    @Test func splitsURLsLeniently() throws {
        let url = try #require(URLParts(" HTTPS://user:pw@Shop.Example.VN:8443/sản-phẩm/trà?a=1&q=tr%C3%A0+sen#top "))
        #expect(url.scheme == "https")
        #expect(url.host == "shop.example.vn")
        #expect(url.port == 8443)
        #expect(url.path == "/sản-phẩm/trà")
        #expect(url.query == "a=1&q=tr%C3%A0+sen")
        #expect(url.queryValue("q") == "trà sen")
        #expect(url.queryValue("b") == nil)
        #expect(url.origin == "https://shop.example.vn:8443")
        #expect(url.pathSegments == ["sản-phẩm", "trà"])
        #expect(URLParts("https://tiki.vn")?.path == "/")
        #expect(URLParts("http://[::1]:8080/x")?.host == "[::1]")
        #expect(URLParts("tiki.vn/abc") == nil)
        #expect(URLParts("https://:80/") == nil)
        #expect(URLParts("https://host:99999/") == nil)
        #expect(URLParts("\t\r\nhttps://a.vn/x?y=1 \u{0B}\u{0C}")?.pathAndQuery == "/x?y=1")
        // Decomposed letters (as pasted from some editors) are kept as written, byte for byte.
        let decomposed = "https://a.vn/tra\u{0300}?q=e\u{0301}#x"
        #expect(URLParts(decomposed)?.path.utf8.elementsEqual("/tra\u{0300}".utf8) == true)
        #expect(URLParts(decomposed)?.query?.utf8.elementsEqual("q=e\u{0301}".utf8) == true)
    }

    /// Links copied from a page's source or exported through a template escape the query's `&`.
    @Test func escapedAmpersandsAreReadAsAmpersands() {
        let escaped = "https://tiki.vn/x-p1.html?src=a&amp;amp;b=2&#038;c=3&#X26;spid=7&AMP;d=&ampx"
        #expect(URLParts.decodingEscapedAmpersands(escaped) == "https://tiki.vn/x-p1.html?src=a&b=2&c=3&spid=7&d=&ampx")
        #expect(URLParts(escaped)?.queryValue("spid") == "7")
        #expect(Listing.comparableURL(escaped) == Listing.comparableURL("https://tiki.vn/x-p1.html?src=a&b=2&c=3&spid=7&d=&ampx"))
    }

    @Test func schemesAndHostsAreReadByTheirBytes() {
        // The first colon must open `://`, and a scheme is ASCII letters, digits, `+`, `-`, `.`.
        #expect(URLParts("mailto:a@b.vn?x=https://c.vn/") == nil)
        #expect(URLParts("ht tp://a.vn/") == nil)
        #expect(URLParts("hţtp://a.vn/") == nil)
        #expect(URLParts("svn+ssh://a.vn/")?.scheme == "svn+ssh")
        #expect(URLParts("https:/a.vn/") == nil)
        // Hosts already in lower case are kept; capitals are lowered, beyond ASCII too.
        #expect(URLParts("https://shop.vn/A")?.host == "shop.vn")
        #expect(URLParts("https://ĐặcSản.VN/")?.host == "đặcsản.vn")
        #expect(URLParts("https://ĐặcSản.VN/")?.path == "/")
    }

    @Test func joinsOriginsAndChecksDigits() {
        #expect(URLParts.joining("http://127.0.0.1:8931//", "/full/x") == "http://127.0.0.1:8931/full/x")
        #expect(URLParts.joining("https://tiki.vn", "/a?b=1") == "https://tiki.vn/a?b=1")
        #expect("274850011".isASCIIDigits)
        #expect(!"".isASCIIDigits)
        #expect(!"12a".isASCIIDigits)
        #expect(!"١٢".isASCIIDigits)
    }

    @Test func recognisesHomeAndSearchLandings() {
        #expect(URLParts("https://tiki.vn/")?.landing() == .home)
        #expect(URLParts("https://shop.tiktok.com/vn/")?.landing() == .home)
        #expect(URLParts("https://www.lazada.vn/catalog/?q=nem")?.landing() == .search)
        #expect(URLParts("https://x.vn/tim-kiem/search?keyword=a")?.landing() == .search)
        #expect(URLParts("https://www.tiktok.com/shop/vn")?.landing(homePaths: ["/shop/vn"]) == .home)
        #expect(URLParts("https://tiki.vn/tra-sen-p1.html")?.landing() == nil)
        #expect(URLParts.redirectLanding(finalURL: "https://tiki.vn/", requestedURL: "https://tiki.vn/") == nil)
        #expect(URLParts.redirectLanding(finalURL: "https://tiki.vn/", requestedURL: "https://tiki.vn/a") == .home)
        // Another host with the same path and query is the same page; another query is not.
        let product = "https://shop.vn/index.php?route=product/product&product_id=42"
        #expect(URLParts.redirectLanding(finalURL: "https://www.shop.vn/index.php?route=product/product&product_id=42", requestedURL: product) == nil)
        #expect(URLParts.redirectLanding(finalURL: "https://shop.vn/index.php?route=common/home", requestedURL: product) == .home)
    }

    @Test func unresolvedRedirectsAreReadFromLocation() {
        let response = HTTPResponseSnapshot(
            status: 302, finalURL: "https://www.lazada.vn/products/x-i1.html", headers: [HTTPHeaderField("Location", "/")],
            body: [])
        #expect(response.redirectLanding(requestedURL: "https://www.lazada.vn/products/x-i1.html") == .home)
        #expect(response.landingURL == "/")
    }

    @Test(arguments: [
        (200, HTTPStatusClass.success), (204, .success), (301, .redirect), (404, .notFound), (410, .notFound),
        (429, .rateLimited), (401, .forbidden), (403, .forbidden), (500, .serverError), (503, .serverError),
        (407, .proxyAuthentication), (400, .unexpected), (0, .unexpected),
    ])
    func classifiesStatuses(_ status: Int, _ expected: HTTPStatusClass) {
        #expect(HTTPStatusClass(status: status) == expected)
    }

    @Test func statusVerdicts() {
        #expect(HTTPStatusClass.success.verdict(status: 200) == nil)
        #expect(HTTPStatusClass.rateLimited.verdict(status: 429)?.reason == "rate_limited")
        #expect(HTTPStatusClass.forbidden.verdict(status: 403)?.status == .blocked)
        #expect(HTTPStatusClass.serverError.verdict(status: 502)?.status == .unreachable)
        #expect(HTTPStatusClass.notFound.verdict(status: 410, itemID: "7")?.itemID == "7")
        #expect(HTTPStatusClass.unexpected.verdict(status: 400)?.reason == "http_400")
        #expect(HTTPStatusClass.proxyAuthentication.verdict(status: 407)?.status == .unreachable)
    }

    @Test func findsProductsInLinkedData() throws {
        let text = """
            [{"@context":"https://schema.org","@type":"ItemPage","mainEntity":
               {"@type":"ProductGroup","name":"Mật ong","hasVariant":[
                 {"@type":"Product","offers":{"@type":"Offer","price":"120000","availability":"OutOfStock"}},
                 {"@type":"Product","offers":{"@type":"Offer","price":"220000","availability":"InStock"}}]}},
             {"@graph":[{"@type":"Product","name":"Trà","offers":{"@type":"AggregateOffer","offers":[
                 {"@type":"Offer","price":5,"priceCurrency":"USD","availability":"InStock"},
                 {"@type":"Offer","price":"65.000","priceCurrency":"VND","availability":"InStock"}]}}]}]
            """
        let block = try #require(JSONValue(parsing: Array(text.utf8)))
        let products = SchemaOrgProduct.products(inLinkedData: [block])
        #expect(products.map(\.name) == ["Mật ong", "Trà"])
        #expect(products[0].availability == .inStock)
        #expect(products[0].price == 220000)
        #expect(products[1].price == 65000)
        #expect(products[1].offers.count == 2)
        #expect(SchemaOrgProduct.isProductType("http://schema.org/Product"))
        #expect(!SchemaOrgProduct.isProductType("Offer"))
    }

    @Test func firstLinkedDataProductStopsAtTheBlockThatHasOne() throws {
        let page = """
            <html><head><script type="application/ld+json">{"@type":"BreadcrumbList","itemListElement":[]}</script>
            <script type="application/ld+json">{"@type":"Product", broken</script></head><body>
            <script type="application/ld+json">{"@type":"Product","name":"Khô cá lóc","offers":{"price":"89000"}}</script>
            <script type="application/ld+json">{"@type":"Product","name":"Second"}</script></body></html>
            """
        let scanner = ByteScanner(Array(page.utf8))
        #expect(EmbeddedJSON.linkedData(in: scanner).count == 3)
        let product = try #require(SchemaOrgProduct.firstProduct(inLinkedDataOf: scanner))
        #expect(product.name == "Khô cá lóc")
        #expect(product.price == 89000)
        var seen = 0
        let name = EmbeddedJSON.firstLinkedData(in: scanner) { block -> String? in
            seen += 1
            return SchemaOrgProduct.products(inLinkedData: [block]).first?.name
        }
        #expect(name == "Khô cá lóc")
        #expect(seen == 2, "the block after the product is never read")
        #expect(SchemaOrgProduct.firstProduct(inLinkedDataOf: ByteScanner(Array("<p>no data</p>".utf8))) == nil)
    }
}
