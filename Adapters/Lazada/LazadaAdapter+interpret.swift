public import OCOPCore

extension LazadaAdapter {
    /// Classifies a product page.
    ///
    /// Order: a final URL on the punish page → blocked; the punish page's markers → blocked (looked
    /// for only when the page has no product model: a page that carries one is not a punish page,
    /// and a 300 kB page is then read once less); on a page with neither model nor JSON-LD, the
    /// weaker anti-bot markers → blocked; 429, 401/403, 5xx, 404/410; a redirect to the home or
    /// search page → delisted. Then the product data: the embedded model and the JSON-LD block
    /// decide together (below). A page with neither is delisted when its visible text shows
    /// Lazada's removal texts and it does not call itself a product (`og:type`), blocked when it
    /// is a small page, and unparseable otherwise.
    ///
    /// Stock: the selected sku's `quantity.type == "warning"`, `quantity.limit.max == 0` or an
    /// out-of-stock `quantity.text` means out of stock. JSON-LD `offers.availability` wins over the
    /// embedded model when they disagree (the fixtures' rule), unless the listing URL selects a sku
    /// other than the page's default one, which JSON-LD does not describe.
    public func interpret(_ response: HTTPResponseSnapshot, for reference: ListingReference) -> Verdict {
        let itemID = reference.itemID
        let scanner = ByteScanner(response.body)
        if response.finalURL.contains("_____tmd_____") || response.finalURL.contains("/punish") {
            return Verdict(
                status: .blocked, reason: "captcha", itemID: itemID, evidence: ["final_url=\(response.finalURL)"])
        }
        let statusClass = HTTPStatusClass(status: response.status)
        let model = statusClass == .success ? EmbeddedJSON.value(after: Self.modelMarkers, in: scanner) : nil
        let fields = model.flatMap { $0.value["data"]?["root"]?["fields"] ?? $0.value["root"]?["fields"] }
        if fields == nil, let match = scanner.firstMatch(among: Self.punishMarkers) {
            return Verdict(status: .blocked, reason: "captcha", itemID: itemID, evidence: ["marker:\(match.marker)"])
        }
        let linkedProduct = statusClass == .success ? SchemaOrgProduct.firstProduct(inLinkedDataOf: scanner) : nil
        // Without product data the weaker markers beat the status and the removal texts: a
        // challenge page can carry the site's whole dictionary ("Không tìm thấy sản phẩm"), and
        // a wrong `blocked` only delays a verdict where a wrong `delisted` uncovers a product.
        if fields == nil, linkedProduct == nil, let match = scanner.firstMatch(among: Self.weakBlockMarkers) {
            return Verdict(status: .blocked, reason: "antibot", itemID: itemID, evidence: ["marker:\(match.marker)"])
        }
        switch statusClass {
        case .rateLimited, .forbidden, .serverError, .notFound, .proxyAuthentication:
            return statusClass.verdict(status: response.status, itemID: itemID)!
        case .success, .redirect, .unexpected:
            break
        }
        if let landing = response.redirectLanding(requestedURL: plan(reference).url) {
            return Verdict(
                status: .delisted, reason: "redirect_\(landing.rawValue)", itemID: itemID,
                evidence: ["redirect=\(response.landingURL)"])
        }
        if statusClass != .success, let verdict = statusClass.verdict(status: response.status, itemID: itemID) {
            return verdict
        }

        guard fields != nil || linkedProduct != nil else {
            return pageWithoutProduct(scanner, itemID: itemID)
        }
        return productVerdict(
            fields: fields?.object, modelMarker: model?.marker, linkedProduct: linkedProduct, scanner: scanner,
            reference: reference)
    }

    /// Markers only the Alibaba "punish" (Baxia) page carries.
    static let punishMarkers: [TextMarker] = [
        "punish-page", "x5secdata", "Captcha Interception", "nc_1_wrapper", "slide to verify",
        "detected unusual traffic", "bixi.alicdn.com/punish",
    ]
    /// Markers also seen around normal pages' scripts: they count only when no product data is
    /// found, and then before the status and the removal markers.
    static let weakBlockMarkers: [TextMarker] = ["baxia-dialog", "sec-captcha", "nocaptcha", "_____tmd_____"]
    /// Lazada's removal texts, read only where a visitor reads them (the page's visible text): its
    /// scripts carry the same strings in their dictionaries on every page. The not-found page's
    /// own marks, `lazada-ic-404` and `wh_errCode=404`, sit in attributes beside its text.
    static let notFoundMarkers: [TextMarker] = [
        "item not found", "all skus are wrong", "Shop Enter Fail Page PC", "Sản phẩm không tồn tại",
        "Không tìm thấy sản phẩm",
    ]
    static let modelMarkers: [TextMarker] = [
        TextMarker("__moduleData__", ignoresASCIICase: false), TextMarker("app.run(", ignoresASCIICase: false),
    ]
    static let outOfStockTexts: [TextMarker] = ["Hết hàng", "Tạm hết hàng", "Out of stock", "Sold out"]

    private func pageWithoutProduct(_ scanner: ByteScanner, itemID: String) -> Verdict {
        // A page that calls itself a product is one whose model moved or changed shape: read as a
        // removal, one change on Lazada's side would uncover every Lazada listing at once.
        if !HTMLMeta(scanning: scanner).declaresProduct, let match = VisibleText(scanner).firstMatch(among: Self.notFoundMarkers) {
            return Verdict(status: .delisted, reason: "not_found", itemID: itemID, evidence: ["marker:\(match.marker)"])
        }
        if scanner.count < configuration.blockPageSizeLimit {
            return Verdict(
                status: .blocked, reason: "antibot", itemID: itemID,
                evidence: ["no_product_data", "page_bytes=\(scanner.count)"])
        }
        return Verdict(
            status: .unparseable, reason: "no_product_data", itemID: itemID, evidence: ["page_bytes=\(scanner.count)"])
    }

    private func productVerdict(
        fields: JSONObject?,
        modelMarker: TextMarker?,
        linkedProduct: SchemaOrgProduct?,
        scanner: ByteScanner,
        reference: ListingReference
    ) -> Verdict {
        var evidence: [String] = []
        if let modelMarker { evidence.append("model:\(modelMarker)") }
        let primaryKey = fields?["primaryKey"]
        if let onPage = primaryKey?["itemId"]?.text, onPage != reference.itemID {
            // Another item's page (Lazada sends some removed items to a similar one): its stock
            // says nothing of the listing, and read as the listing's it would cover a product
            // that may be gone.
            return Verdict(
                status: .unparseable, reason: "other_item", itemID: reference.itemID,
                evidence: evidence + ["item_on_page=\(onPage)"])
        }
        let defaultSku = primaryKey?["skuId"]?.text ?? primaryKey?["defaultSkuId"]?.text
        let requestedSku = reference.extra["sku_id"]
        let skuInfos = fields?["skuInfos"]
        var skuInfo: JSONValue?
        if let sku = requestedSku ?? defaultSku, let info = skuInfos?[sku] {
            skuInfo = info
            evidence.append("sku=\(sku)")
        } else if let requestedSku, let onPage = skuInfos?.object?.keys.filter({ $0 != "0" }), !onPage.isEmpty {
            // The listing's variant is not on the page: another variant's stock and price would
            // be a guess about a different product, so a person should look.
            return Verdict(
                status: .unparseable, reason: "sku_not_on_page", itemID: reference.itemID,
                evidence: evidence + ["sku=\(requestedSku)", "skus_on_page=\(onPage.joined(separator: ","))"])
        } else if let info = skuInfos?["0"] {
            skuInfo = info
            evidence.append("sku=0")
        }

        let embeddedStatus = skuInfo.flatMap { stockStatus(of: $0, evidence: &evidence) }
        let linkedAvailability = linkedProduct?.availability
        if let linkedAvailability { evidence.append("jsonld.availability=\(linkedAvailability.rawValue)") }
        let describesSelectedSku = requestedSku == nil || requestedSku == defaultSku
        let status: ListingStatus
        if let linkedAvailability, describesSelectedSku || embeddedStatus == nil {
            status = linkedAvailability.listingStatus
        } else if let embeddedStatus {
            status = embeddedStatus
        } else {
            status = .active
            evidence.append("stock_unknown")
        }

        let product = fields?["product"]
        let dataLayer = skuInfo?["dataLayer"] ?? skuInfos?["0"]?["dataLayer"]
        let title =
            product?["title"]?.string ?? dataLayer?["pdt_name"]?.string ?? linkedProduct?.name
            ?? HTMLMeta(scanning: scanner)["og:title"]
        let price = skuInfo?[path: "price", "salePrice"].flatMap(Self.amount)
        let originalPrice = skuInfo?[path: "price", "originalPrice"].flatMap(Self.amount)
        return Verdict(
            status: status,
            reason: status == .delisted ? "discontinued" : nil,
            title: title,
            priceVND: price ?? linkedProduct?.price,
            originalPriceVND: originalPrice ?? linkedProduct?.originalPrice,
            seller: fields?["seller"]?["name"]?.string ?? dataLayer?["seller_name"]?.string ?? linkedProduct?.seller,
            stock: status == .outOfStock ? 0 : nil,
            sold: fields?["pc_reviews_v3"]?[path: "smallRating", "soldCount"]?.numericInt,
            itemID: reference.itemID,
            evidence: evidence)
    }

    /// A `{"value": 65000, "text": "₫65.000"}` price: the value, else the text.
    private static func amount(_ price: JSONValue) -> Int? {
        VNDPrice.amount(price["value"]) ?? VNDPrice.amount(price["text"])
    }

    /// The stock state one `skuInfos` entry states, or `nil` when it states none.
    private func stockStatus(of skuInfo: JSONValue, evidence: inout [String]) -> ListingStatus? {
        guard let quantity = skuInfo["quantity"] else { return nil }
        if let type = quantity["type"]?.string, type == "warning" {
            evidence.append("quantity.type=warning")
            return .outOfStock
        }
        if let maximum = quantity[path: "limit", "max"]?.numericInt, maximum == 0 {
            evidence.append("quantity.limit.max=0")
            return .outOfStock
        }
        if let text = quantity["text"]?.string, !text.isEmpty,
            ByteScanner(Array(text.utf8)).firstMatch(among: Self.outOfStockTexts) != nil
        {
            evidence.append("quantity.text=\(text)")
            return .outOfStock
        }
        if let type = quantity["type"]?.string { evidence.append("quantity.type=\(type)") }
        return .active
    }
}
