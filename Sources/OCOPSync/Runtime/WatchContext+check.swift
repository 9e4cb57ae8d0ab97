import CurlFetch
import FeedAdapter
import Foundation
import Logging
import MarketplaceAdapters
import OCOPConfig
import OCOPCore

extension WatchContext {
    /// `check URL`: fetch one listing now through its adapter.
    public func checkLive(url: String, json: Bool) async throws -> String {
        guard let adapter = registry.adapter(forURL: url) else {
            throw WatchError(
                "no adapter accepts \(url); supported: Tiki, Lazada, Shopee, Sendo and TikTok Shop product URLs, "
                    + "or a website host listed under marketplaces.website.allowed_hosts"
            )
        }
        let engine = try makeEngine()
        let listing = Listing(productID: "(check)", marketplace: adapter.marketplace, url: url)
        let observation = await makeChecker(engine: engine).check(listing)
        await engine.shutdown()
        return Self.render(
            observation.verdict,
            marketplace: adapter.marketplace,
            httpStatus: observation.httpStatus,
            finalURL: observation.finalURL,
            error: observation.error,
            json: json
        )
    }

    /// `check --marketplace ID --file PATH`: interpret a saved response offline, exactly as live.
    public func checkSaved(
        marketplace: String,
        file: String,
        listingURL: String?,
        httpStatus: Int,
        finalURL: String?,
        json: Bool
    ) throws -> String {
        let body: [UInt8]
        do {
            body = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw WatchError("cannot read \(file): \(FileAccessProblem.explain(file, writing: false, error: error))")
        }
        let id = MarketplaceID(marketplace)
        let url = listingURL ?? ""
        let snapshot = HTTPResponseSnapshot(status: httpStatus, finalURL: finalURL ?? url, body: body)
        if id == .feed {
            let entries = try registry.feedAdapter.interpret(snapshot)
            if json {
                return "["
                    + entries.map { Self.render($0.verdict, marketplace: $0.marketplace ?? .feed, json: true) }
                    .joined(separator: ",\n") + "]"
            }
            return entries.map { entry in
                "\(entry.url ?? entry.itemID ?? "?"): \(entry.verdict.status.rawValue)"
                    + (entry.verdict.reason.map { " (\($0))" } ?? "")
            }.joined(separator: "\n")
        }
        guard let adapter = registry.adapter(for: id) else {
            throw WatchError(
                "unknown marketplace '\(marketplace)'; use tiki, lazada, shopee, sendo, tiktok_shop, website or feed"
            )
        }
        let reference =
            adapter.reference(for: url)
            ?? ListingReference(url: url, marketplace: id, itemID: "")
        let verdict = adapter.interpret(snapshot, for: reference)
        return Self.render(verdict, marketplace: id, httpStatus: httpStatus, finalURL: snapshot.finalURL, json: json)
    }

    static func render(
        _ verdict: Verdict,
        marketplace: MarketplaceID,
        httpStatus: Int? = nil,
        finalURL: String? = nil,
        error: String? = nil,
        json: Bool
    ) -> String {
        if json {
            let object: [String: Any] = [
                "marketplace": marketplace.rawValue,
                "status": verdict.status.rawValue,
                "reason": verdict.reason ?? NSNull(),
                "title": verdict.title ?? NSNull(),
                "price_vnd": verdict.priceVND ?? NSNull(),
                "original_price_vnd": verdict.originalPriceVND ?? NSNull(),
                "seller": verdict.seller ?? NSNull(),
                "stock": verdict.stock ?? NSNull(),
                "sold": verdict.sold ?? NSNull(),
                "item_id": verdict.itemID ?? NSNull(),
                "http_status": httpStatus ?? NSNull(),
                "final_url": finalURL ?? NSNull(),
                "evidence": verdict.evidence,
                "error": error ?? NSNull(),
            ]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        var lines = ["\(marketplace): \(verdict.status.rawValue)" + (verdict.reason.map { " (\($0))" } ?? "")]
        func add(_ label: String, _ value: String?) {
            if let value { lines.append("  \(label): \(value)") }
        }
        add("title", verdict.title)
        add("price", verdict.priceVND.map { "\($0) ₫" })
        add("original price", verdict.originalPriceVND.map { "\($0) ₫" })
        add("seller", verdict.seller)
        add("stock", verdict.stock.map(String.init))
        add("sold", verdict.sold.map(String.init))
        add("item id", verdict.itemID)
        add("HTTP status", httpStatus.map(String.init))
        add("final URL", finalURL)
        add("error", error)
        for evidence in verdict.evidence { lines.append("  matched: \(evidence)") }
        return lines.joined(separator: "\n")
    }
}
