import Foundation
public import OCOPCore

extension SendoAdapter {
    /// Classifies a detail-API answer.
    ///
    /// A 2xx body with a product in `data` is read as usual at any date: `quantity == 0`,
    /// `stock_status == 0` or every `variants[].stock == 0` → out of stock, else active. Any other
    /// answer after ``Configuration/closedSince`` → delisted, `marketplace_closed`. Before it: the
    /// ordinary rules (429, 401/403, 5xx, 404/410, redirect to home or search, `data: null` →
    /// delisted `not_found`).
    public func interpret(_ response: HTTPResponseSnapshot, for reference: ListingReference) -> Verdict {
        let itemID = reference.itemID
        let statusClass = HTTPStatusClass(status: response.status)
        let document = JSONValue(parsing: response.body)
        let data = document?["data"]
        let redirect = response.redirectLanding(requestedURL: plan(reference).url)
        if statusClass == .success, redirect == nil, let product = data?.object,
            product["id"] != nil || product["name"] != nil
        {
            return productVerdict(product, reference: reference)
        }
        // Our own proxy refused us: nothing came from Sendo, closed or not.
        if statusClass == .proxyAuthentication { return statusClass.verdict(status: response.status, itemID: itemID)! }
        if let closedSince = configuration.closedSince, configuration.now() >= closedSince {
            var evidence = [
                "http_status=\(response.status)",
                "closed_since=\(closedSince.formatted(Self.vietnamDate))",
            ]
            if response.landingURL != plan(reference).url { evidence.append("final_url=\(response.landingURL)") }
            return Verdict(status: .delisted, reason: Verdict.marketplaceClosedReason, itemID: itemID, evidence: evidence)
        }
        switch statusClass {
        case .rateLimited, .forbidden, .serverError, .notFound, .proxyAuthentication:
            return statusClass.verdict(status: response.status, itemID: itemID)!
        case .success, .redirect, .unexpected:
            break
        }
        if let redirect {
            return Verdict(
                status: .delisted, reason: "redirect_\(redirect.rawValue)", itemID: itemID,
                evidence: ["redirect=\(response.landingURL)"])
        }
        if let verdict = statusClass.verdict(status: response.status, itemID: itemID) { return verdict }
        guard let document else { return Verdict(status: .unparseable, reason: "not_json", itemID: itemID) }
        if data == nil || data?.isNull == true {
            let evidence = document["data"] == nil ? ["data_missing"] : ["data=null"]
            return Verdict(status: .delisted, reason: "not_found", itemID: itemID, evidence: evidence)
        }
        return Verdict(status: .unparseable, reason: "missing_fields", itemID: itemID)
    }

    /// Dates in evidence are Vietnamese calendar days.
    static let vietnamDate = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 7 * 3600)!).year().month().day()

    private func productVerdict(_ product: JSONObject, reference: ListingReference) -> Verdict {
        var evidence: [String] = []
        let quantity = product["quantity"]?.numericInt
        let stockStatus = product["stock_status"]?.numericInt
        // A variant whose stock is not given may be the one for sale: the counts decide only when
        // every variant has one.
        let variantStocks = product["variants"]?.array?.map { $0["stock"]?.numericInt } ?? []
        let knownStocks = variantStocks.allSatisfy { $0 != nil } ? variantStocks.compactMap { $0 } : []
        if let quantity { evidence.append("quantity=\(quantity)") }
        if let stockStatus { evidence.append("stock_status=\(stockStatus)") }
        let everyVariantSoldOut = !knownStocks.isEmpty && knownStocks.allSatisfy { $0 == 0 }
        let soldOut = quantity == 0 || stockStatus == 0 || everyVariantSoldOut
        if everyVariantSoldOut { evidence.append("variants.stock=0") }
        return Verdict(
            status: soldOut ? .outOfStock : .active,
            title: product["name"]?.string,
            priceVND: VNDPrice.amount(product["final_price"]) ?? VNDPrice.amount(product["price"]),
            originalPriceVND: VNDPrice.amount(product["price"]),
            seller: product["shop_info"]?["shop_name"]?.string,
            stock: quantity ?? (knownStocks.isEmpty ? nil : knownStocks.reduce(0, +)),
            sold: product["order_count"]?.numericInt,
            itemID: product["id"]?.text ?? reference.itemID,
            evidence: evidence)
    }
}
