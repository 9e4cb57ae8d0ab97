public import OCOPCore

extension TikiAdapter {
    /// Classifies an `/api/v2/products` answer.
    ///
    /// Order: a challenge page in place of JSON → blocked, whatever the status; statuses that
    /// decide alone (429, 401/403, 5xx, 404/410); a redirect to the home or
    /// search page; an error envelope in the body (`{"error":{"code":404}}` under any status);
    /// then the product: `inventory_status` `discontinued` → delisted, `out_of_stock` or
    /// `stock_item.qty == 0` → out of stock, `available` → active. An unknown status with no
    /// stock count is `unparseable`: the API changed and a person should look.
    public func interpret(_ response: HTTPResponseSnapshot, for reference: ListingReference) -> Verdict {
        let statusClass = HTTPStatusClass(status: response.status)
        if statusClass != .success, statusClass != .unexpected, statusClass != .redirect,
            let verdict = statusClass.verdict(status: response.status, itemID: reference.itemID)
        {
            // The API answers JSON; a challenge page in its place is a block under any status.
            guard verdict.status != .blocked else { return verdict }
            return blockPageVerdict(response.body, itemID: reference.itemID) ?? verdict
        }
        if let landing = response.redirectLanding(requestedURL: plan(reference).url) {
            return Verdict(
                status: .delisted, reason: "redirect_\(landing.rawValue)", itemID: reference.itemID,
                evidence: ["redirect=\(response.landingURL)"])
        }
        guard let document = JSONValue(parsing: response.body) else {
            return blockPageVerdict(response.body, itemID: reference.itemID)
                ?? statusClass.verdict(status: response.status, itemID: reference.itemID)
                ?? Verdict(status: .unparseable, reason: "not_json", itemID: reference.itemID)
        }
        // Indexed once: looking up "error" on the document would walk all of it again.
        let members = document.object
        if let error = members?["error"], error.kind == .object {
            return errorVerdict(error, reference: reference)
        }
        guard statusClass == .success else {
            return statusClass.verdict(status: response.status, itemID: reference.itemID)!
        }
        return productVerdict(members, reference: reference)
    }

    static let blockMarkers: [TextMarker] = ["captcha", "Access Denied", "unusual traffic"]

    /// `blocked` for a body that is not a JSON object and shows a challenge.
    private func blockPageVerdict(_ body: [UInt8], itemID: String) -> Verdict? {
        let first = body.first { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        guard first != UInt8(ascii: "{"), let match = ByteScanner(body).firstMatch(among: Self.blockMarkers) else {
            return nil
        }
        return Verdict(status: .blocked, reason: "captcha", itemID: itemID, evidence: ["marker:\(match.marker)"])
    }

    private func errorVerdict(_ error: JSONValue, reference: ListingReference) -> Verdict {
        let code = error["code"]?.numericInt
        let evidence = ["error.code=\(code.map(String.init) ?? "?")", "error.message=\(error["message"]?.string ?? "")"]
        switch code {
        case 404, 410:
            return Verdict(status: .delisted, reason: "not_found", itemID: reference.itemID, evidence: evidence)
        case 429:
            return Verdict(status: .blocked, reason: "rate_limited", itemID: reference.itemID, evidence: evidence)
        case 401, 403:
            return Verdict(status: .blocked, reason: "forbidden", itemID: reference.itemID, evidence: evidence)
        default:
            return Verdict(status: .unparseable, reason: "api_error", itemID: reference.itemID, evidence: evidence)
        }
    }

    private func productVerdict(_ product: JSONObject?, reference: ListingReference) -> Verdict {
        guard let product, product["id"] != nil || product["name"] != nil else {
            return Verdict(status: .unparseable, reason: "missing_fields", itemID: reference.itemID)
        }
        var evidence: [String] = []
        var inventoryStatus = product["inventory_status"]?.string
        var price = VNDPrice.amount(product["price"])
        var originalPrice = VNDPrice.amount(product["list_price"]) ?? VNDPrice.amount(product["original_price"])
        var quantity = product["stock_item"]?["qty"]?.numericInt
        if let spid = reference.extra["spid"],
            let variant = product["configurable_products"]?.array?.first(where: {
                $0["id"]?.text == spid || $0["child_id"]?.text == spid
            })
        {
            evidence.append("variant=\(spid)")
            inventoryStatus = variant["inventory_status"]?.string ?? inventoryStatus
            price = VNDPrice.amount(variant["price"]) ?? price
            originalPrice = VNDPrice.amount(variant["original_price"]) ?? originalPrice
            // The parent's `stock_item` is the current child's (`current_seller.product_id`): for
            // another child, or when the current one is not named, it may be another variant's
            // count, so the listing's variant is read by its own only.
            if let own = variant["stock_item"]?["qty"]?.numericInt ?? variant["qty"]?.numericInt {
                quantity = own
            } else if product["current_seller"]?["product_id"]?.text != spid {
                quantity = nil
            }
        }
        if let inventoryStatus { evidence.append("inventory_status=\(inventoryStatus)") }
        if let quantity { evidence.append("stock_item.qty=\(quantity)") }

        let status: ListingStatus
        var reason: String?
        switch inventoryStatus {
        case "discontinued":
            status = .delisted
            reason = "discontinued"
        case "out_of_stock":
            status = .outOfStock
        case _ where quantity == 0:
            status = .outOfStock
        case "available":
            status = .active
        case _ where (quantity ?? 0) > 0:
            status = .active
        default:
            status = .unparseable
            reason = "unknown_inventory_status"
        }
        return Verdict(
            status: status,
            reason: reason,
            title: product["name"]?.string,
            priceVND: price,
            originalPriceVND: originalPrice,
            seller: product["current_seller"]?["name"]?.string,
            stock: quantity,
            sold: product["all_time_quantity_sold"]?.numericInt ?? product["quantity_sold"]?["value"]?.numericInt,
            itemID: product["id"]?.text ?? reference.itemID,
            evidence: evidence)
    }
}
