import Foundation
import OCOPCore

extension JSONFeedAdapter {
    func watchFeed(_ body: [UInt8], source: String) throws(FeedError) -> FeedDocument {
        let feed: WatchFeed = try decode(WatchFeed.self, from: body, source: source)
        guard feed.format == Self.format else {
            throw FeedError(
                "feed \(source): format \"\(feed.format)\" is not supported; this version reads \(Self.format)")
        }
        var generatedAt: Date?
        if let text = feed.generatedAt {
            guard let date = Self.parseDate(text) else {
                throw FeedError(
                    "feed \(source): generated_at \"\(text)\" is not an ISO 8601 time such as 2025-06-01T07:00:00+07:00")
            }
            generatedAt = date
        }
        var feedMarketplace: MarketplaceID?
        if let text = feed.marketplace {
            guard let id = MarketplaceID(naming: text) else {
                throw FeedError(
                    "feed \(source): marketplace \"\(text)\" is not a marketplace id; use one of "
                        + MarketplaceID.platforms.map(\.rawValue).joined(separator: ", "))
            }
            feedMarketplace = id
        }
        var context = ["feed=\(Self.format)"]
        if let text = feed.generatedAt { context.append("generated_at=\(text)") }
        var entries: [FeedEntry] = []
        var unattributed = 0
        for (index, item) in feed.items.enumerated() {
            // A link as a browser follows it: templates write a query's `&` as `&amp;`.
            let url = item.url.flatMap { $0.isEmpty ? nil : URLParts.decodingEscapedAmpersands($0) }
            let itemID = item.itemID.flatMap { $0.isEmpty ? nil : $0 }
            guard url != nil || itemID != nil else {
                throw FeedError(
                    "feed \(source): items[\(index)] has neither url nor item_id, so it cannot be matched to a listing")
            }
            let named = item.marketplace.flatMap(MarketplaceID.init(naming:))
            let verdict: Verdict
            if let text = item.marketplace, named == nil {
                // An item no one can attribute says nothing about any listing for sure.
                unattributed += 1
                verdict = Verdict(
                    status: .unparseable, reason: "feed_marketplace_unknown", itemID: itemID,
                    evidence: context + ["items[\(index)].marketplace=\(text)"])
            } else if let status = ListingStatus(rawValue: item.status) {
                verdict = Verdict(
                    status: status,
                    reason: item.reason,
                    title: item.title.flatMap { $0.isEmpty ? nil : $0 },
                    priceVND: VNDPrice.positive(item.priceVND?.value),
                    originalPriceVND: VNDPrice.positive(item.originalPriceVND?.value),
                    seller: item.seller,
                    stock: item.stock.map { max($0.value, 0) },
                    sold: item.sold.map { max($0.value, 0) },
                    itemID: itemID,
                    evidence: context + (item.evidence ?? []))
            } else {
                verdict = Verdict(
                    status: .unparseable, reason: "feed_status_unknown", itemID: itemID,
                    evidence: context + ["status=\(item.status)"])
            }
            entries.append(
                FeedEntry(
                    marketplace: item.marketplace == nil ? feedMarketplace ?? configuration.marketplace : named,
                    url: url, itemID: itemID, verdict: verdict))
        }
        return FeedDocument(
            format: Self.format, generatedAt: generatedAt, marketplace: feedMarketplace ?? configuration.marketplace,
            isComplete: feed.complete ?? false, entries: entries, unattributedItemCount: unattributed,
            evidence: context)
    }

    func accesstradeFeed(_ body: [UInt8], source: String) throws(FeedError) -> FeedDocument {
        let feed: AccesstradeFeed = try decode(AccesstradeFeed.self, from: body, source: source)
        if feed.status == false {
            throw FeedError("feed \(source): Accesstrade answered \"status\": false; check the publisher API key")
        }
        let format = "accesstrade/tiktok_shop"
        let entries = feed.data.products.map { product in
            var evidence = ["feed=\(format)"]
            let status: ListingStatus
            switch product.hasInventory {
            case false?:
                status = .outOfStock
                evidence.append("has_inventory=false")
            case true?:
                status = .active
                evidence.append("has_inventory=true")
            case nil:
                status = .active
                evidence.append("has_inventory=unknown")
            }
            return FeedEntry(
                marketplace: .tiktokShop,
                url: product.detailLink.map(URLParts.decodingEscapedAmpersands),
                itemID: product.id.value,
                verdict: Verdict(
                    status: status,
                    title: product.title,
                    priceVND: VNDPrice.positive(product.salesPrice?.minimumAmount?.value),
                    originalPriceVND: VNDPrice.positive(product.originalPrice?.minimumAmount?.value),
                    seller: product.shop?.name,
                    sold: product.unitsSold?.value,
                    itemID: product.id.value,
                    evidence: evidence))
        }
        return FeedDocument(format: format, marketplace: .tiktokShop, isComplete: false, entries: entries)
    }

    private func decode<Document: Decodable>(
        _ type: Document.Type,
        from body: [UInt8],
        source: String
    ) throws(FeedError) -> Document {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch let error as DecodingError {
            throw FeedError("feed \(source): \(Self.describe(error))")
        } catch {
            throw FeedError("feed \(source): \(error)")
        }
    }

    /// A decoding error as a person fixing the feed wants it: the path and what was expected.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : text.isEmpty ? "(document)" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) should be \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null, expected \(type)"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
