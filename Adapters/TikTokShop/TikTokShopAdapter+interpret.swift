public import OCOPCore

extension TikTokShopAdapter {
    /// Classifies a product page.
    ///
    /// Order: captcha markers (the loading shell among them) or a "Security Check" title on a page
    /// without router data (a page that carries the model is not a captcha page) → blocked; a landing on the login page →
    /// blocked; 429, 401/403, 5xx, 404/410; a redirect to the home or search page → delisted. Then
    /// the router data, every `loaderData` route in turn: `global_data.product_info.error_code`
    /// 23002102 → delisted `region_unavailable`; any other code → unparseable `unknown_error_code`
    /// (only 23002102 is known to mean the item is gone here, and a guess must not uncover a
    /// product); a `product_info` component → active. Then a "Không tìm thấy trang" / "Page not
    /// found" title → delisted. Without router data: the generic "TikTok Shop" title or a small
    /// page that mentions a check → blocked; removal texts in the visible body of a page that does not
    /// call itself a product (`og:type`) → delisted. Anything else
    /// (router data of an unknown shape among them) → unparseable.
    public func interpret(_ response: HTTPResponseSnapshot, for reference: ListingReference) -> Verdict {
        let itemID = reference.itemID
        let scanner = ByteScanner(response.body)
        let statusClass = HTTPStatusClass(status: response.status)
        let routerData =
            statusClass == .success ? EmbeddedJSON.script(id: "__MODERN_ROUTER_DATA__", in: scanner) : nil
        let title = HTMLMeta.title(in: scanner)
        if routerData == nil {
            if let match = scanner.firstMatch(among: Self.captchaMarkers) {
                return Verdict(
                    status: .blocked, reason: "captcha", itemID: itemID, evidence: ["marker:\(match.marker)"])
            }
            if let title, Self.checkTitles.contains(title.lowercased()) {
                return Verdict(status: .blocked, reason: "captcha", itemID: itemID, evidence: ["title:\(title)"])
            }
        }
        if let final = URLParts(response.landingURL), final.path.lowercased().hasPrefix("/login") {
            return Verdict(
                status: .blocked, reason: "login_required", itemID: itemID,
                evidence: ["redirect=\(response.landingURL)"])
        }
        switch statusClass {
        case .rateLimited, .forbidden, .serverError, .notFound, .proxyAuthentication:
            return statusClass.verdict(status: response.status, itemID: itemID)!
        case .success, .redirect, .unexpected:
            break
        }
        if let landing = response.redirectLanding(
            requestedURL: plan(reference).url, searchPaths: ["/search", "/shop/vn/search"], homePaths: Self.homePaths)
        {
            return Verdict(
                status: .delisted, reason: "redirect_\(landing.rawValue)", itemID: itemID,
                evidence: ["redirect=\(response.landingURL)"])
        }
        if statusClass != .success, let verdict = statusClass.verdict(status: response.status, itemID: itemID) {
            return verdict
        }
        if let routerData, let verdict = routerVerdict(routerData, scanner: scanner, reference: reference) {
            return verdict
        }
        return pageWithoutProduct(scanner, title: title, hasRouterData: routerData != nil, itemID: itemID)
    }

    static let captchaMarkers: [TextMarker] = [
        "oec-ttweb-captcha", "bric-captcha", "captcha/index.js", "secsdk-captcha", "captcha_container",
        "middle_page_loading",
    ]
    static let checkTitles: Set<String> = ["security check", "verify to continue"]
    static let genericTitles: Set<String> = ["tiktok shop", "tiktok - make your day", "tiktok"]
    static let notFoundMarkers: [TextMarker] = [
        "Không tìm thấy trang", "Page not found", "Sản phẩm không tồn tại", "Product not available",
    ]
    static let smallPageBlockMarkers: [TextMarker] = ["captcha", "verify", "access denied"]
    static let homePaths: Set<String> = ["/shop", "/shop/vn", "/foryou", "/explore"]
    /// TikTok's "product not available in this region".
    static let regionUnavailableCode = 23_002_102

    /// The verdict of the first `loaderData` route that has an error code or a product; routes and
    /// components are walked lazily, so the rest of a large model is never scanned.
    private func routerVerdict(_ routerData: JSONValue, scanner: ByteScanner, reference: ListingReference) -> Verdict? {
        var verdict: Verdict?
        routerData["loaderData"]?.forEachMember { route, value in
            guard let pageConfig = value["page_config"] else { return true }
            let globalInfo = pageConfig[path: "global_data", "product_info"]
            if let code = globalInfo?["error_code"]?.numericInt, code != 0 {
                let known = code == Self.regionUnavailableCode
                verdict = Verdict(
                    status: known ? .delisted : .unparseable, reason: known ? "region_unavailable" : "unknown_error_code",
                    itemID: reference.itemID, evidence: ["route=\(route)", "error_code=\(code)"])
                return false
            }
            var productInfo: JSONValue?
            pageConfig["components_map"]?.forEachElement { component in
                guard component["component_type"]?.isString("product_info") == true else { return true }
                productInfo = component[path: "component_data", "product_info"]
                return false
            }
            guard let productInfo else { return true }
            verdict = productVerdict(
                productInfo, globalInfo: globalInfo, route: route, scanner: scanner, reference: reference)
            return false
        }
        return verdict
    }

    private func productVerdict(
        _ productInfo: JSONValue,
        globalInfo: JSONValue?,
        route: String,
        scanner: ByteScanner,
        reference: ListingReference
    ) -> Verdict {
        var evidence = ["route=\(route)", "component=product_info"]
        let model = productInfo["product_model"]
        let minPrice = productInfo[path: "promotion_model", "promotion_product_price", "min_price"]
        // A sku whose stock is not shown may be the one for sale: only every sku at 0 is out of stock.
        let skuStocks = model?["skus"]?.array?.map { $0["stock"]?.numericInt } ?? []
        var status = ListingStatus.active
        if !skuStocks.isEmpty, skuStocks.allSatisfy({ $0 == 0 }) {
            status = .outOfStock
            evidence.append("skus.stock=0")
        } else {
            evidence.append("stock_unknown")
        }
        return Verdict(
            status: status,
            title: model?["name"]?.string ?? globalInfo?["title"]?.string ?? HTMLMeta(scanning: scanner)["og:title"],
            priceVND: VNDPrice.amount(minPrice?["sale_price_decimal"]),
            originalPriceVND: VNDPrice.amount(minPrice?["origin_price_decimal"]),
            seller: productInfo[path: "seller_model", "shop_name"]?.string,
            stock: status == .outOfStock ? 0 : nil,
            sold: model?["sold_count"]?.numericInt,
            itemID: model?["product_id"]?.text ?? globalInfo?["product_id"]?.text ?? reference.itemID,
            evidence: evidence)
    }

    private func pageWithoutProduct(
        _ scanner: ByteScanner,
        title: String?,
        hasRouterData: Bool,
        itemID: String
    ) -> Verdict {
        if let title = title?.lowercased(),
            let marker = Self.notFoundMarkers.first(where: { title.contains($0.text.lowercased()) })
        {
            return Verdict(status: .delisted, reason: "not_found", itemID: itemID, evidence: ["title:\(marker)"])
        }
        // Router data of a shape this adapter does not know is never read as a removal: its
        // strings ("Product not available in this variant") say nothing about this listing.
        if !hasRouterData {
            if let title, Self.genericTitles.contains(title.lowercased()) {
                return Verdict(
                    status: .blocked, reason: "antibot", itemID: itemID, evidence: ["title:\(title)", "no_router_data"])
            }
            if scanner.count < configuration.blockPageSizeLimit,
                let match = scanner.firstMatch(among: Self.smallPageBlockMarkers)
            {
                return Verdict(
                    status: .blocked, reason: "antibot", itemID: itemID,
                    evidence: ["marker:\(match.marker)", "page_bytes=\(scanner.count)"])
            }
            // Visible text only, on a page that does not call itself a product: scripts carry
            // the same strings in their dictionaries, and a product page whose data sits under
            // another name is a shape this adapter does not know, not a removal.
            if !HTMLMeta(scanning: scanner).declaresProduct,
                let match = VisibleText(scanner).firstMatch(among: Self.notFoundMarkers)
            {
                return Verdict(
                    status: .delisted, reason: "not_found", itemID: itemID, evidence: ["marker:\(match.marker)"])
            }
        }
        return Verdict(
            status: .unparseable, reason: hasRouterData ? "missing_product_info" : "no_product_data", itemID: itemID,
            evidence: ["page_bytes=\(scanner.count)"])
    }
}
