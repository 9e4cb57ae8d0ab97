public import OCOPCore

extension ShopeeAdapter {
    /// Classifies a `get_pc` (or legacy `item/get`) answer.
    ///
    /// Order, whatever the status: the anti-bot envelope (`90309999` as a top-level value,
    /// `redirect_to_error_page`, or a non-zero `error` with two of `redirect_to_error_page`,
    /// `tracking_id`, `is_login`, `action_type`, `is_customized`), a landing on Shopee's
    /// `/verify/` or login pages, a "Login Required" page → blocked. Then 429, 401/403, 5xx,
    /// 404/410; a redirect to the home or search page; an `error` envelope (`4` with a message, or
    /// a message saying in so many words that the item is gone → delisted; `429` → blocked; a code with neither
    /// `error_msg` nor `data` → blocked; others unparseable). Then the item: `item_status`
    /// `banned`, `deleted`, `unlist` and their kin (or `status == 0`) → delisted, another value →
    /// unparseable; a zero `stock`, a sold-out flag, or every model at zero
    /// stock → out of stock; otherwise active, with `stock` `nil` when Shopee withholds it.
    public func interpret(_ response: HTTPResponseSnapshot, for reference: ListingReference) -> Verdict {
        let itemID = reference.itemID
        let document = JSONValue(parsing: response.body)
        if let envelope = antibotEvidence(document: document, body: response.body) {
            return Verdict(status: .blocked, reason: "antibot", itemID: itemID, evidence: envelope)
        }
        if let final = URLParts(response.landingURL) {
            if final.path.hasPrefix("/verify/") {
                return Verdict(
                    status: .blocked, reason: "captcha", itemID: itemID, evidence: ["redirect=\(response.landingURL)"])
            }
            if final.path.hasPrefix("/buyer/login") {
                return Verdict(
                    status: .blocked, reason: "login_required", itemID: itemID,
                    evidence: ["redirect=\(response.landingURL)"])
            }
        }
        if document?.kind != .object, ByteScanner(response.body).contains("Login Required") {
            return Verdict(
                status: .blocked, reason: "login_required", itemID: itemID, evidence: ["marker:Login Required"])
        }
        let statusClass = HTTPStatusClass(status: response.status)
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
        guard let document, document.kind == .object else {
            return statusClass.verdict(status: response.status, itemID: itemID)
                ?? Verdict(status: .unparseable, reason: "not_json", itemID: itemID)
        }
        if let code = document["error"]?.int, code != 0 {
            return errorVerdict(
                code: code, message: document["error_msg"]?.string, hasData: document["data"] != nil, itemID: itemID)
        }
        if statusClass != .success, let verdict = statusClass.verdict(status: response.status, itemID: itemID) {
            return verdict
        }
        let data = document["data"]
        guard let data, let item = data["item"] ?? (data["itemid"] != nil || data["item_id"] != nil ? data : nil),
            item.kind == .object
        else {
            return Verdict(status: .unparseable, reason: "missing_item", itemID: itemID)
        }
        return itemVerdict(item: item, data: data, reference: reference)
    }

    /// Keys that come with the anti-bot envelope (marketplaces.md §3.4).
    static let envelopeKeys = ["redirect_to_error_page", "tracking_id", "is_login", "action_type", "is_customized"]
    static let antibotCode = 90_309_999
    /// Messages that say the item itself is gone (lower-cased).
    static let missingItemPhrases = [
        "item not found", "item not exist", "item does not exist", "item is not exist", "product not found",
        "product not exist", "product does not exist", "sản phẩm không tồn tại", "không tìm thấy sản phẩm",
    ]

    private func antibotEvidence(document: JSONValue?, body: [UInt8]) -> [String]? {
        guard let object = document?.object else {
            return ByteScanner(body).contains("90309999") ? ["marker:90309999"] : nil
        }
        if object.values.contains(where: { $0.int == Self.antibotCode }) { return ["error=\(Self.antibotCode)"] }
        if object["redirect_to_error_page"]?.bool == true { return ["redirect_to_error_page=true"] }
        if let code = object["error"]?.int, code != 0 {
            let present = Self.envelopeKeys.filter { object[$0] != nil }
            if present.count >= 2 { return ["error=\(code)"] + present.map { "envelope:\($0)" } }
        }
        return nil
    }

    private func errorVerdict(code: Int, message: String?, hasData: Bool, itemID: String) -> Verdict {
        let evidence = ["error=\(code)"] + (message.map { ["error_msg=\($0)"] } ?? [])
        let lowered = message?.lowercased() ?? ""
        if code == 429 || lowered.contains("rate limit") {
            return Verdict(status: .blocked, reason: "rate_limited", itemID: itemID, evidence: evidence)
        }
        // The not-found answer explains itself (`error_msg`, `data: null`); a block body has
        // neither (marketplaces.md §3.4), so a bare code is never read as a removal.
        if message == nil, !hasData {
            return Verdict(status: .blocked, reason: "antibot", itemID: itemID, evidence: evidence + ["bare_error"])
        }
        // A message says the item is missing only in so many words: "token not found", "api not
        // found" or "itemid param not found" is Shopee's side or the request failing, and read as
        // a removal it would uncover every Shopee listing at once.
        let saysMissing = Self.missingItemPhrases.contains { lowered.contains($0) }
        if (code == 4 && !lowered.isEmpty) || saysMissing {
            return Verdict(status: .delisted, reason: "not_found", itemID: itemID, evidence: evidence)
        }
        return Verdict(status: .unparseable, reason: "api_error", itemID: itemID, evidence: evidence)
    }

    private func itemVerdict(item: JSONValue, data: JSONValue, reference: ListingReference) -> Verdict {
        let fields = item.object!
        var evidence: [String] = []
        var stock = fields["stock"]?.numericInt ?? fields["normal_stock"]?.numericInt
        var status = ListingStatus.active
        var reason: String?

        let itemStatus = fields["item_status"]?.string.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        if let itemStatus { evidence.append("item_status=\(itemStatus)") }
        switch itemStatus {
        case nil, "normal":
            if let code = fields["status"]?.int {
                evidence.append("status=\(code)")
                if code == 0 {
                    status = .delisted
                    reason = "unavailable"
                }
            }
        case "sold_out", "out_of_stock":
            status = .outOfStock
        case "banned":
            (status, reason) = (.delisted, "banned")
        case "deleted", "seller_delete", "shopee_delete":
            (status, reason) = (.delisted, "deleted")
        case "unlist", "unlisted":
            (status, reason) = (.delisted, "unlisted")
        case _?:
            // Only `normal` is confirmed on the web (marketplaces.md §3.4); the removals above are
            // the Open Platform's names. A value nobody has seen ("reviewing") says nothing sure
            // about the listing, so the product keeps its last conclusive verdict.
            return Verdict(
                status: .unparseable, reason: "unknown_item_status",
                title: fields["title"]?.string ?? fields["name"]?.string,
                itemID: reference.itemID, evidence: evidence)
        }

        if status == .active {
            if fields["sold_out"]?.bool == true || fields["is_sold_out"]?.bool == true {
                status = .outOfStock
                evidence.append("sold_out=true")
            } else if let stock {
                evidence.append("stock=\(stock)")
                if stock == 0 { status = .outOfStock }
            } else {
                let modelStocks = fields["models"]?.array?.map { model in
                    model["stock"]?.numericInt ?? model["normal_stock"]?.numericInt
                }
                if let modelStocks, !modelStocks.isEmpty, modelStocks.allSatisfy({ $0 == 0 }) {
                    status = .outOfStock
                    stock = 0
                    evidence.append("models.stock=0")
                } else {
                    evidence.append("stock=null")
                }
            }
        }

        let productPrice = data["product_price"]
        let review = data["product_review"]
        if let display = review?["historical_sold_display"]?.string ?? review?["sold_count_display"]?.string {
            evidence.append("sold_display=\(display)")
        }
        return Verdict(
            status: status,
            reason: reason,
            title: fields["title"]?.string ?? fields["name"]?.string,
            priceVND: VNDPrice.amount(fields["price"], divisor: Self.priceScale)
                ?? VNDPrice.amount(fields["price_min"], divisor: Self.priceScale)
                ?? VNDPrice.amount(productPrice?[path: "price", "single_value"], divisor: Self.priceScale),
            originalPriceVND: VNDPrice.amount(fields["price_before_discount"], divisor: Self.priceScale)
                ?? VNDPrice.amount(
                    productPrice?[path: "price_before_discount", "single_value"], divisor: Self.priceScale),
            seller: data["shop_detailed"].flatMap { $0["name"]?.string ?? $0["shop_name"]?.string },
            stock: stock,
            sold: fields["historical_sold"]?.numericInt,
            itemID: fields["item_id"]?.text ?? fields["itemid"]?.text ?? reference.itemID,
            evidence: evidence)
    }

    /// Shopee stores prices multiplied by 100000.
    static let priceScale = 100_000
}
