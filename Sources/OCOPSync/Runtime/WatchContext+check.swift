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
            // The file names the feed in messages when no URL is given, never an empty name.
            let source = finalURL ?? listingURL ?? URL(fileURLWithPath: file).absoluteString
            let feed = HTTPResponseSnapshot(status: httpStatus, finalURL: source, body: body)
            let document = try registry.feedAdapter.read(feed)
            // What a sync pass would make of a catalog listing the feed does not mention.
            let absence = document.marketplace.map { marketplace in
                FeedChecker.verdicts(
                    for: [Listing(productID: "(check)", marketplace: marketplace, url: "https://absent.invalid/")],
                    in: document, marketplace: marketplace, identify: Self.feedItemKey(registry: registry),
                    marketplaceOf: Self.feedLinkMarketplace(registry: registry))[0]
            }
            return Self.render(document, absence: absence, json: json)
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

    /// A feed as `check` shows it: what the document says about itself (format, marketplace,
    /// completeness, date, item count), what a sync pass makes of a catalog listing it does not
    /// mention (`absence`, when the feed names its marketplace), then each item's verdict.
    static func render(_ document: FeedDocument, absence: Verdict?, json: Bool) -> String {
        let marketplace = document.marketplace ?? .feed
        let generatedAt = document.generatedAt.map { $0.formatted(.iso8601) }
        if json {
            let items = document.entries.map { entry in
                var object = verdictObject(entry.verdict, marketplace: entry.marketplace ?? marketplace)
                object["url"] = entry.url ?? NSNull()
                object["item_id"] = entry.itemID ?? entry.verdict.itemID ?? NSNull()
                return object
            }
            let object: [String: Any] = [
                "format": document.format,
                "marketplace": document.marketplace?.rawValue ?? NSNull(),
                "complete": document.isComplete,
                "generated_at": generatedAt ?? NSNull(),
                "item_count": document.entries.count,
                "unattributed_item_count": document.unattributedItemCount,
                "absent_listing": absence.map { ["status": $0.status.rawValue, "reason": $0.reason ?? ""] as [String: Any] }
                    ?? NSNull(),
                "evidence": document.evidence,
                "items": items,
            ]
            return jsonText(object)
        }
        var lines = [
            "feed: \(document.format)",
            "  marketplace: \(document.marketplace?.rawValue ?? "not stated (each item names its own)")",
            "  generated_at: \(generatedAt ?? "not stated (dated by the file's modification time)")",
            "  items: \(document.entries.count)"
                + (document.unattributedItemCount > 0
                    ? ", \(document.unattributedItemCount) of them naming no known marketplace" : ""),
            "  complete: \(document.isComplete ? "yes" : "no")",
        ]
        if let absence {
            lines.append(
                "  a catalog listing of \(marketplace) absent from it: \(absence.status.rawValue)"
                    + (absence.reason.map { " (\($0))" } ?? "") + (absence.evidence.last.map { ": \($0)" } ?? ""))
        } else {
            lines.append(
                "  a catalog listing absent from it: judged for the marketplace whose feed_url this is"
                    + (document.isComplete ? " (delisted, unless the feed lists none of its items)" : " (not concluded about)"))
        }
        for entry in document.entries {
            lines.append(
                "\(entry.url ?? entry.itemID ?? "?"): \(entry.verdict.status.rawValue)"
                    + (entry.verdict.reason.map { " (\($0))" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    private static func verdictObject(_ verdict: Verdict, marketplace: MarketplaceID) -> [String: Any] {
        [
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
            "evidence": verdict.evidence,
        ]
    }

    private static func jsonText(_ object: [String: Any]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
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
            var object = verdictObject(verdict, marketplace: marketplace)
            object["http_status"] = httpStatus ?? NSNull()
            object["final_url"] = finalURL ?? NSNull()
            object["error"] = error ?? NSNull()
            return jsonText(object)
        }
        var lines = ["\(marketplace): \(verdict.status.rawValue)" + (verdict.reason.map { " (\($0))" } ?? "")]
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("  \(label): \(value)") }
        }
        add("title", verdict.title)
        add("price", verdict.priceVND.map(Self.dong))
        add("original price", verdict.originalPriceVND.map(Self.dong))
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

    /// An amount as Vietnamese write it: `43.000 ₫`.
    static func dong(_ amount: Int) -> String {
        var digits = String(amount.magnitude)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(".", at: index)
        }
        return (amount < 0 ? "-" : "") + digits + " ₫"
    }
}
