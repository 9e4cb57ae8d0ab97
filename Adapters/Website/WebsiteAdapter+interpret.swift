public import OCOPCore

extension WebsiteAdapter {
    /// Classifies a product page.
    ///
    /// Order: 429, 401/403 (reason `captcha` when the page is a challenge), 5xx and 404/410 (blocked
    /// when the page is a CDN's interstitial challenge); a
    /// redirect to the site's home or search page → delisted (a home path reached with a query, only
    /// when the page holds no product). Then the product, from JSON-LD,
    /// microdata and OpenGraph in that order of trust (the last two read only when JSON-LD leaves
    /// availability, name or price out): the stated availability decides; without
    /// one, the page's text ("Ngừng kinh doanh" → delisted, "Hết hàng"/"Out of stock" → out of
    /// stock), else active. Where no product on the page may be its own, a `<title>` that says the
    /// product is not there (a soft 404 listing related products) → delisted; after a redirect
    /// to another page whose products all name other pages → unparseable. A page with no
    /// product: removal texts ("Sản phẩm không tồn tại",
    /// "Page not found") → delisted, a challenge → blocked, anything else → unparseable. Texts are
    /// read from what the page shows, never from its scripts (a related product's JSON-LD, a JS
    /// bundle's strings). A JSON-LD product that could not be read to its end decides nothing.
    public func interpret(_ response: HTTPResponseSnapshot, for reference: ListingReference) -> Verdict {
        var response = response
        // An older shop's page in Windows-1258 or TCVN3: its texts and title read as UTF-8.
        if let charset = PageCharset.declared(contentType: response.header("content-type"), body: response.body),
            let text = PageCharset.utf8(response.body, from: charset)
        {
            response.body = text
        }
        let itemID = reference.itemID
        let scanner = ByteScanner(response.body)
        let statusClass = HTTPStatusClass(status: response.status)
        switch statusClass {
        case .forbidden:
            if let match = scanner.firstMatch(among: Self.challengeMarkers) {
                return Verdict(
                    status: .blocked, reason: "captcha", itemID: itemID,
                    evidence: ["http_status=\(response.status)", "marker:\(match.marker)"])
            }
            return statusClass.verdict(status: response.status, itemID: itemID)!
        case .serverError, .notFound:
            // A CDN's challenge can come with any status; only its own markers count here, since
            // an ordinary 404 page may carry a reCAPTCHA form.
            if let match = scanner.firstMatch(among: Self.interstitialMarkers) {
                return Verdict(
                    status: .blocked, reason: "captcha", itemID: itemID,
                    evidence: ["http_status=\(response.status)", "marker:\(match.marker)"])
            }
            return statusClass.verdict(status: response.status, itemID: itemID)!
        case .rateLimited, .proxyAuthentication:
            return statusClass.verdict(status: response.status, itemID: itemID)!
        case .success, .redirect, .unexpected:
            break
        }
        let landedOn = siteURL(forFetched: response.landingURL)
        var redirectedAway: Verdict?
        if let landing = URLParts.redirectLanding(finalURL: landedOn, requestedURL: reference.url) {
            // Another site's home or search page says nothing of this shop: a captive portal, an
            // ISP's block page or a login wall put it there (a marketplace's allowed hosts refuse
            // such a hop before it is made; a producer's site has no such list).
            if let final = URLParts(landedOn), let requested = URLParts(reference.url), !final.isSameSite(as: requested) {
                return Verdict(
                    status: .blocked, reason: "redirect_other_site", itemID: itemID,
                    evidence: ["redirect=\(landedOn)", "http_status=\(response.status)"])
            }
            let verdict = Verdict(
                status: .delisted, reason: "redirect_\(landing.rawValue)", itemID: itemID,
                evidence: ["redirect=\(landedOn)"])
            // A home path with a query may be a product itself (OpenCart's
            // `/index.php?route=product/product&product_id=42`, WordPress's `/?product=…`): such a
            // landing is the home page only when it holds no product.
            guard landing == .home, URLParts(landedOn)?.query?.isEmpty == false else { return verdict }
            redirectedAway = verdict
        }
        if statusClass != .success, let verdict = statusClass.verdict(status: response.status, itemID: itemID) {
            return verdict
        }

        var sources: [(name: String, product: SchemaOrgProduct)] = []
        // The product the page says it is about (`SchemaOrgProduct.reading(inLinkedDataOf:describing:)`).
        let pages = [reference.url, landedOn]
        let reading = SchemaOrgProduct.reading(inLinkedDataOf: scanner, describing: pages)
        let linked = reading.product
        // A product naming another page speaks for the listing only on the listing's own page.
        let linkedNamesAnotherPage = linked?.url.map { SchemaOrgProduct.names(anotherPage: $0, than: pages) } ?? false
        // A shop's soft 404 lists other products (related, suggested): a title that says the
        // product is not there outweighs their data, which is not about the listing. Only where
        // no JSON-LD product may be the page's own: those that name other pages, or none.
        // Microdata is a scan of the whole page: read once, by whichever step needs it first.
        lazy var microdata = Microdata.product(in: scanner, describing: pages)
        if linked == nil || linkedNamesAnotherPage, let (title, marker) = Self.notFoundTitle(in: scanner) {
            if microdata?.namesPage != true, !HTMLMeta(scanning: scanner).declaresProduct {
                return Verdict(
                    status: .delisted, reason: "not_found", itemID: itemID,
                    evidence: ["title:\(title)", "marker:\(marker)"])
            }
        }
        if linkedNamesAnotherPage, SchemaOrgProduct.names(anotherPage: landedOn, than: [reference.url]) {
            // Sent to another page (a category, a shop's front), whose products all name other
            // pages: nothing on it is about the listing, and its cards' "Còn hàng" is theirs.
            return Verdict(
                status: .unparseable, reason: "redirect_no_product", title: nil, itemID: itemID,
                evidence: ["redirect=\(landedOn)", "jsonld.products_name_other_pages"])
        }
        // JSON-LD whose reading stopped early (a `/* comment */`) may hide what decides: the
        // page's other structured data may still state it, its text never decides alone.
        let linkedIsTruncated = linked?.isTruncated ?? false
        if let linked, !linkedIsTruncated { sources.append(("jsonld", linked)) }
        // JSON-LD that states availability, name and price decides alone: microdata (a scan of the
        // whole page) and OpenGraph (a scan of the head) could only add what it left out.
        let linkedIsComplete =
            linked.map { !$0.isTruncated && $0.availability != nil && $0.name != nil && $0.price != nil } ?? false
        guard !linkedIsComplete else { return productVerdict(sources, meta: nil, scanner: scanner, itemID: itemID) }
        if let microdata {
            sources.append(("microdata", microdata.product))
        }
        let meta = HTMLMeta(scanning: scanner)
        if let openGraph = Self.openGraphProduct(meta) { sources.append(("opengraph", openGraph)) }
        if reading == .undecided, !sources.contains(where: { $0.product.availability != nil }) {
            return undecidedProductPage(scanner, meta: meta, itemID: itemID)
        }
        if linkedIsTruncated, !sources.contains(where: { $0.product.availability != nil }) {
            return Verdict(
                status: .unparseable, reason: "jsonld_malformed", title: linked?.name, itemID: itemID,
                evidence: ["jsonld.product_truncated"] + sources.map { "source=\($0.name)" })
        }
        guard !sources.isEmpty else {
            return redirectedAway ?? pageWithoutProduct(scanner, meta: meta, itemID: itemID)
        }
        return productVerdict(sources, meta: meta, scanner: scanner, itemID: itemID)
    }

    static let challengeMarkers: [TextMarker] = [
        "cf-chl-", "challenge-platform", "Just a moment...", "cf-turnstile", "g-recaptcha", "h-captcha", "captcha",
        "Attention Required",
    ]
    /// Markers only a CDN's interstitial challenge page carries.
    static let interstitialMarkers: [TextMarker] = [
        "cf-chl-", "challenge-platform", "Just a moment...", "Attention Required",
    ]
    static let notFoundMarkers: [TextMarker] = [
        "Sản phẩm không tồn tại", "Không tìm thấy trang", "Không tìm thấy sản phẩm", "Trang không tồn tại",
        "Page not found", "404 Not Found", "Product not found",
    ]
    /// The page's `<title>` and the removal text it holds ("Không tìm thấy sản phẩm – Đặc sản
    /// Sen", "Sản phẩm không tồn tại hoặc đã bị xóa", "Whoops! Page not found"). A product's own
    /// title may hold the words in a slogan ("Mật ong U Minh | Không tìm thấy sản phẩm rẻ hơn?"):
    /// the caller reads it only where no product on the page may be the listing's own.
    ///
    /// The title's bytes are searched as written, and decoded (entities, line breaks, no-break
    /// spaces) only when they hold something to decode.
    static func notFoundTitle(in scanner: ByteScanner) -> (title: String, marker: TextMarker)? {
        guard let range = HTMLMeta.titleRange(in: scanner) else { return nil }
        let written = scanner.bytes[range]
        let plain = !written.contains { $0 == UInt8(ascii: "&") || $0 == 0xC2 || ($0 < 0x20) }
        guard plain ? scanner.firstMatch(among: notFoundSearch, in: range) != nil : true,
            let title = HTMLMeta.title(in: scanner),
            let match = ByteScanner(Array(title.utf8)).firstMatch(among: notFoundSearch)
        else { return nil }
        return (title, match.marker)
    }

    /// The search for ``notFoundMarkers``, prepared once rather than for every title read.
    static let notFoundSearch = TextMarkerSet(notFoundMarkers)
    static let discontinuedMarkers: [TextMarker] = ["Ngừng kinh doanh", "Ngừng sản xuất", "Discontinued"]
    static let outOfStockMarkers: [TextMarker] = ["Tạm hết hàng", "Hết hàng", "Out of stock", "Sold out"]
    static let inStockMarkers: [TextMarker] = ["Còn hàng", "In stock"]
    static let stockMarkers = discontinuedMarkers + outOfStockMarkers + inStockMarkers

    private func productVerdict(
        _ sources: [(name: String, product: SchemaOrgProduct)],
        meta: HTMLMeta?,
        scanner: ByteScanner,
        itemID: String
    ) -> Verdict {
        var evidence = sources.map { "source=\($0.name)" }
        var status = ListingStatus.active
        var reason: String?
        if let (source, availability) = sources.lazy.compactMap({ source in
            source.product.availability.map { (source.name, $0) }
        }).first {
            evidence.append("\(source).availability=\(availability.rawValue)")
            status = availability.listingStatus
            if status == .delisted { reason = "discontinued" }
        } else if case let text = VisibleText(scanner), let match = text.firstMatch(among: Self.stockMarkers) {
            // The first stock text the page shows is the product's own: a policy further down
            // ("khi sản phẩm hết hàng") or a related card comes after it.
            evidence.append("marker:\(match.marker)")
            if Self.discontinuedMarkers.contains(match.marker) {
                // A removal read from text must be the product's: a "Còn hàng" anywhere on the
                // page says the words may be a menu's, a card's or a sentence's (DESIGN).
                if let shown = text.firstMatch(among: Self.inStockMarkers) {
                    evidence.append("marker:\(shown.marker)")
                } else {
                    (status, reason) = (.delisted, "discontinued")
                }
            } else if Self.outOfStockMarkers.contains(match.marker) {
                status = .outOfStock
            }
        } else {
            evidence.append("availability_unknown")
        }
        let products = sources.map(\.product)
        return Verdict(
            status: status,
            reason: reason,
            title: products.lazy.compactMap(\.name).first ?? meta?["og:title"] ?? meta?.title,
            priceVND: products.lazy.compactMap(\.price).first,
            originalPriceVND: products.lazy.compactMap(\.originalPrice).first,
            seller: products.lazy.compactMap(\.seller).first,
            stock: status == .outOfStock ? 0 : products.lazy.compactMap(\.inventory).first,
            itemID: products.lazy.compactMap(\.sku).first ?? itemID,
            evidence: evidence)
    }

    /// A product page whose JSON-LD products do not settle which is the listing's (a sidebar's
    /// disagrees, or all name other pages), with no other structured data stating availability:
    /// what the page shows of stock decides, and nothing on it is read as a removal (a footer's
    /// "Sản phẩm ngừng kinh doanh" menu, a search box's "Không tìm thấy sản phẩm").
    private func undecidedProductPage(_ scanner: ByteScanner, meta: HTMLMeta, itemID: String) -> Verdict {
        let text = VisibleText(scanner)
        let inStock = text.firstMatch(among: Self.inStockMarkers)
        let outOfStock = text.firstMatch(among: Self.outOfStockMarkers)
        let title = meta["og:title"] ?? meta.title
        switch (inStock, outOfStock) {
        case (let shown?, nil):
            return Verdict(
                status: .active, reason: nil, title: title, itemID: itemID,
                evidence: ["jsonld_undecided", "marker:\(shown.marker)"])
        case (nil, let shown?):
            return Verdict(
                status: .outOfStock, title: title, itemID: itemID,
                evidence: ["jsonld_undecided", "marker:\(shown.marker)"])
        default:
            return Verdict(
                status: .unparseable, reason: "jsonld_undecided", title: title, itemID: itemID,
                evidence: ["jsonld.products_disagree"] + (inStock.map { ["marker:\($0.marker)"] } ?? [])
                    + (outOfStock.map { ["marker:\($0.marker)"] } ?? []))
        }
    }

    private func pageWithoutProduct(_ scanner: ByteScanner, meta: HTMLMeta, itemID: String) -> Verdict {
        // A page that shows "Còn hàng" is a product page whose data we could not read: its other
        // texts (a menu's "Sản phẩm ngừng kinh doanh") are not its removal.
        let text = VisibleText(scanner)
        let onSale = text.firstMatch(among: Self.inStockMarkers)
        if onSale == nil, let match = text.firstMatch(among: Self.notFoundMarkers) {
            return Verdict(status: .delisted, reason: "not_found", itemID: itemID, evidence: ["marker:\(match.marker)"])
        }
        if onSale == nil, let match = text.firstMatch(among: Self.discontinuedMarkers) {
            return Verdict(
                status: .delisted, reason: "discontinued", itemID: itemID, evidence: ["marker:\(match.marker)"])
        }
        if scanner.count < configuration.blockPageSizeLimit,
            let match = scanner.firstMatch(among: Self.challengeMarkers)
        {
            return Verdict(status: .blocked, reason: "captcha", itemID: itemID, evidence: ["marker:\(match.marker)"])
        }
        return Verdict(
            status: .unparseable, reason: "no_product_data", itemID: itemID,
            evidence: ["page_bytes=\(scanner.count)"] + (meta.title.map { ["title:\($0)"] } ?? []))
    }

    /// The product OpenGraph tags describe, when the page says it is one (`og:type` `product`) or
    /// carries `product:` price or availability tags.
    static func openGraphProduct(_ meta: HTMLMeta) -> SchemaOrgProduct? {
        let price = meta["product:price:amount"] ?? meta["og:price:amount"] ?? meta["product:sale_price:amount"]
        let availability = meta["product:availability"] ?? meta["og:availability"]
        guard meta.declaresProduct || price != nil || availability != nil else { return nil }
        let offer = SchemaOrgProduct.Offer(
            price: price.flatMap(VNDPrice.parse),
            originalPrice: meta["product:original_price:amount"].flatMap(VNDPrice.parse),
            currency: meta["product:price:currency"] ?? meta["og:price:currency"],
            availability: availability.flatMap(SchemaOrgAvailability.init(text:)))
        return SchemaOrgProduct(
            name: meta["og:title"], sku: meta["product:retailer_item_id"],
            offers: offer == SchemaOrgProduct.Offer() ? [] : [offer])
    }
}
