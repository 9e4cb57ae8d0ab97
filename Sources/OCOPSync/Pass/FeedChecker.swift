import CurlFetch
import FeedAdapter
import Foundation
import Logging
import OCOPConfig
public import OCOPCore

/// Checks every listing of a marketplace that the config switched to a feed, with one request.
///
/// A listing the feed does not mention is `delisted` only when the feed says it is complete;
/// otherwise nothing is known about it (`unparseable`, reason `absent_from_partial_feed`).
/// An unreadable feed, or one that names another marketplace, makes every listing `unparseable`
/// or `unreachable`, never `delisted`.
public struct FeedChecker: Sendable {
    let engine: FetchEngine
    let adapter: JSONFeedAdapter
    /// Turns a listing URL into the marketplace's item id, for feeds that carry ids only.
    let itemID: @Sendable (Listing) -> String?

    init(engine: FetchEngine, adapter: JSONFeedAdapter, itemID: @escaping @Sendable (Listing) -> String?) {
        self.engine = engine
        self.adapter = adapter
        self.itemID = itemID
    }

    /// - Parameter listings: Listings of the one marketplace whose feed `feedURL` is.
    public func check(_ listings: [Listing], feedURL: String) async -> [Observation] {
        let started = Date()
        let plan = adapter.plan(feedURL: feedURL)
        let request = FetchRequest(
            url: plan.url,
            headers: plan.headers.map { FetchHeader($0.name, $0.value) },
            isFeed: true,
            allowsConditional: false
        )
        func stamp(_ listing: Listing, _ verdict: Verdict, status: Int?, error: String? = nil, asOf: Date? = nil)
            -> Observation
        {
            Observation(
                listing: listing.key,
                marketplace: listing.marketplace,
                checkedAt: asOf ?? Date(),
                verdict: verdict,
                httpStatus: status,
                finalURL: feedURL,
                elapsedMilliseconds: Int(Date().timeIntervalSince(started) * 1000),
                error: error
            )
        }
        let response: FetchResponse
        do {
            response = try await engine.fetch(request)
        } catch {
            return listings.map { stamp($0, error.verdict, status: nil, error: error.description) }
        }
        let snapshot = HTTPResponseSnapshot(
            status: response.status,
            finalURL: response.finalURL,
            headers: response.headers.map { HTTPHeaderField($0.name, $0.value) },
            body: response.body
        )
        let document: FeedDocument
        do {
            document = try adapter.read(snapshot)
        } catch {
            let verdict = Verdict(status: .unparseable, reason: "feed_unreadable", evidence: [error.description])
            return listings.map { stamp($0, verdict, status: response.status, error: error.description) }
        }
        guard let marketplace = listings.first?.marketplace else { return [] }
        if let named = document.marketplace, named != marketplace {
            // Its completeness is about another marketplace's listings, not these.
            let message = "the feed is for \(named), not \(marketplace); set \(marketplace)'s feed_url to its own feed"
            let verdict = Verdict(status: .unparseable, reason: "feed_other_marketplace", evidence: [message])
            return listings.map { stamp($0, verdict, status: response.status, error: message) }
        }
        // What the feed says is as old as the feed, not as the read: a file left on the server
        // must go stale like any old check (`coverage.stale_after`).
        let asOf = Self.age(of: document, headers: response.headers, now: Date())
        let complete = document.isComplete
        var byURL: [String: FeedEntry] = [:]
        var byItem: [String: FeedEntry] = [:]
        var byDerivedItem: [String: FeedEntry] = [:]
        for entry in document.entries where entry.marketplace == nil || entry.marketplace == marketplace {
            if let url = entry.url {
                byURL[Listing.comparableURL(url)] = entry
                // A link copied with tracking parameters, or in another form, names the same item.
                if let derived = itemID(Listing(productID: "", marketplace: marketplace, url: url)) {
                    byDerivedItem[derived] = entry
                }
            }
            if let item = entry.itemID { byItem[item] = entry }
        }
        byItem.merge(byDerivedItem) { stated, _ in stated }
        return listings.map { listing in
            if let entry = byURL[Listing.comparableURL(listing.url)] ?? itemID(listing).flatMap({ byItem[$0] }) {
                return stamp(listing, entry.verdict, status: response.status, asOf: asOf)
            }
            let verdict =
                complete
                ? Verdict(status: .delisted, reason: "absent_from_feed", evidence: ["not in a complete feed"])
                : Verdict(status: .unparseable, reason: "absent_from_partial_feed", evidence: ["not in a partial feed"])
            return stamp(listing, verdict, status: response.status, asOf: asOf)
        }
    }

    /// When the feed's content was true: its `generated_at`, else its `Last-Modified` (a file's
    /// modification time), never later than `now`.
    static func age(of document: FeedDocument, headers: [FetchHeader], now: Date) -> Date {
        let modified = headers.last { $0.name.lowercased() == "last-modified" }.flatMap { HTTPDate.parse($0.value) }
        let stated = document.generatedAt ?? modified.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        return min(stated ?? now, now)
    }
}
