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
/// An unreadable feed, one that names another marketplace, or one dated ahead of the read makes
/// every listing `unparseable` or `unreachable`, never `delisted` (docs/0004-feed-format.md).
public struct FeedChecker: Sendable {
    /// What a feed entry or a catalog listing names at its marketplace: the item, and the variant
    /// (Tiki's `spid`, Lazada's sku) when the link selects one.
    struct ItemKey: Hashable, Sendable {
        var item: String
        var variant: String?
    }

    /// How far ahead of the read a feed's own date may be before the exporter's clock is
    /// believed wrong: clocks of two servers a few seconds or minutes apart are ordinary.
    static let clockSkew: TimeInterval = 5 * 60

    let engine: FetchEngine
    let adapter: JSONFeedAdapter
    /// The item and variant a listing URL names, for feeds that carry ids only and for links
    /// copied in another form.
    let identify: @Sendable (Listing) -> ItemKey?
    /// The marketplace whose host a link is on (`nil` for a host no marketplace claims): a
    /// Lazada link in a Tiki seller's feed speaks of a Lazada item, whatever its `item_id`.
    let marketplaceOf: @Sendable (String) -> MarketplaceID?

    init(
        engine: FetchEngine,
        adapter: JSONFeedAdapter,
        identify: @escaping @Sendable (Listing) -> ItemKey?,
        marketplaceOf: @escaping @Sendable (String) -> MarketplaceID?
    ) {
        self.engine = engine
        self.adapter = adapter
        self.identify = identify
        self.marketplaceOf = marketplaceOf
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
            let verdict = Verdict(
                status: .unparseable, reason: "feed_other_marketplace", evidence: document.evidence + [message])
            return listings.map { stamp($0, verdict, status: response.status, error: message) }
        }
        // What the feed says is as old as the feed, not as the read: a file left on the server
        // must go stale like any old check (`coverage.stale_after`).
        switch Self.age(of: document, headers: response.headers, now: Date()) {
        case .clockAhead(let message):
            let verdict = Verdict(
                status: .unparseable, reason: "feed_clock_ahead", evidence: document.evidence + [message])
            return listings.map { stamp($0, verdict, status: response.status, error: message) }
        case .asOf(let asOf):
            var verdicts = Self.verdicts(
                for: listings, in: document, marketplace: marketplace, identify: identify, marketplaceOf: marketplaceOf)
            // A feed without `generated_at` is dated by its Last-Modified: the evidence says so.
            if document.generatedAt == nil,
                let modified = response.headers.last(where: { $0.name.lowercased() == "last-modified" })
            {
                for index in verdicts.indices { verdicts[index].evidence.append("last_modified=\(modified.value)") }
            }
            return zip(listings, verdicts).map { stamp($0, $1, status: response.status, asOf: asOf) }
        }
    }

    /// What `document` says about each of `listings` (of `marketplace`), in their order.
    ///
    /// A listing is spoken about by the entries whose URL is its URL (compared as
    /// ``Listing/comparableURL(_:)``) or that name its item: with no variant, or with its own.
    /// An entry naming another variant of the item says nothing about it. Entries that speak
    /// about one listing and disagree on its status make it `unparseable`
    /// (`feed_conflicting_entries`), never a removal. A listing no entry speaks about is
    /// `delisted` only when the feed is complete, attributes every item, lists at least one item
    /// of `marketplace` (an empty export, or another marketplace's feed, proves no removal), and
    /// does not list the item under other variants.
    ///
    /// An entry belongs to the marketplace its link is on, else to its own or the feed's
    /// `marketplace`; an entry whose link names an item speaks of that item only, whatever its
    /// `item_id` says.
    static func verdicts(
        for listings: [Listing],
        in document: FeedDocument,
        marketplace: MarketplaceID,
        identify: (Listing) -> ItemKey?,
        marketplaceOf: (String) -> MarketplaceID?
    ) -> [Verdict] {
        var byURL: [String: [Int]] = [:]
        var byItem: [String: [Int]] = [:]
        var byVariant: [ItemKey: [Int]] = [:]
        var variantsOfItem: [String: [String]] = [:]
        var ownEntries = 0
        for (index, entry) in document.entries.enumerated() {
            // A link on a marketplace's host names that marketplace's item, whatever the entry
            // or the feed says around it.
            let owner = entry.url.flatMap(marketplaceOf) ?? entry.marketplace
            guard owner == nil || owner == marketplace else { continue }
            ownEntries += 1
            var keys: Set<ItemKey> = []
            if let url = entry.url {
                byURL[Listing.comparableURL(url), default: []].append(index)
                // A link copied with tracking parameters, or in another form, names the same item.
                if let derived = identify(Listing(productID: "", marketplace: marketplace, url: url)) {
                    keys.insert(derived)
                }
            }
            // The stated id decides only where the link names no item (a short link, none at all).
            if keys.isEmpty, let stated = entry.itemID { keys.insert(ItemKey(item: stated, variant: nil)) }
            for key in keys {
                if let variant = key.variant {
                    byVariant[key, default: []].append(index)
                    variantsOfItem[key.item, default: []].append(variant)
                } else {
                    byItem[key.item, default: []].append(index)
                }
            }
        }
        return listings.map { listing in
            let key = identify(listing)
            var matched = byURL[Listing.comparableURL(listing.url)] ?? []
            if let key {
                matched += byItem[key.item] ?? []
                if key.variant != nil { matched += byVariant[key] ?? [] }
            }
            if let verdict = agreedVerdict(of: Set(matched).sorted(), in: document) { return verdict }
            let others = key.flatMap { key in
                variantsOfItem[key.item].map { Array(Set($0)).sorted().filter { $0 != key.variant } }
            }
            let otherVariants = others.flatMap { $0.isEmpty ? nil : $0 }
            guard document.isComplete else {
                var evidence = document.evidence + ["not in a partial feed"]
                if let otherVariants, let key {
                    evidence.append("item \(key.item) is listed only as other variants: \(otherVariants.joined(separator: ", "))")
                }
                return Verdict(status: .unparseable, reason: "absent_from_partial_feed", evidence: evidence)
            }
            if ownEntries == 0 {
                return Verdict(
                    status: .unparseable, reason: "feed_lists_nothing",
                    evidence: document.evidence + [
                        "the complete feed lists no item of \(marketplace): an empty export, or another marketplace's "
                            + "feed, proves no removal"
                    ])
            }
            if document.unattributedItemCount > 0 {
                return Verdict(
                    status: .unparseable, reason: "feed_items_unattributed",
                    evidence: document.evidence + [
                        "not in the feed, but \(document.unattributedItemCount) of its items name no known marketplace"
                    ])
            }
            if let otherVariants, let key {
                // The item is still sold; that our variant is not listed may be the exporter's
                // choice of one offer per item, not the variant's removal.
                return Verdict(
                    status: .unparseable, reason: "feed_other_variant",
                    evidence: document.evidence + [
                        "the complete feed lists item \(key.item) only as other variants: "
                            + otherVariants.joined(separator: ", ")
                    ])
            }
            return Verdict(
                status: .delisted, reason: "absent_from_feed", evidence: document.evidence + ["not in a complete feed"])
        }
    }

    /// The verdict of the entries at `indices`, when there are any and they agree on the status;
    /// a conflict when they do not.
    private static func agreedVerdict(of indices: [Int], in document: FeedDocument) -> Verdict? {
        guard let first = indices.first else { return nil }
        let verdict = document.entries[first].verdict
        guard indices.contains(where: { document.entries[$0].verdict.status != verdict.status }) else { return verdict }
        let statements = indices.map { "items[\($0)] \(document.entries[$0].verdict.status.rawValue)" }
        return Verdict(
            status: .unparseable, reason: "feed_conflicting_entries", itemID: verdict.itemID,
            evidence: document.evidence + ["entries disagree: " + statements.joined(separator: ", ")])
    }

    /// When a feed's content was true, or why it cannot be dated.
    enum Age: Equatable {
        case asOf(Date)
        /// The feed's own date lies ahead of the read by more than ``clockSkew``.
        case clockAhead(String)
    }

    /// When the feed's content was true: its `generated_at`, else its `Last-Modified` (a file's
    /// modification time). A date a little ahead of `now` (within ``clockSkew``) is kept as it is,
    /// so the same file read twice is one piece of evidence; further ahead, the exporter's clock
    /// is wrong and nothing the feed says can be dated.
    static func age(of document: FeedDocument, headers: [FetchHeader], now: Date) -> Age {
        let modified = headers.last { $0.name.lowercased() == "last-modified" }.flatMap { HTTPDate.parse($0.value) }
        let fromHeader = modified.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        guard let stated = document.generatedAt ?? fromHeader else { return .asOf(now) }
        guard stated.timeIntervalSince(now) > clockSkew else { return .asOf(stated) }
        let source = document.generatedAt != nil ? "generated_at" : "Last-Modified"
        let ahead = Int(stated.timeIntervalSince(now).rounded())
        return .clockAhead(
            "the feed's \(source) is \(ahead / 60) min \(ahead % 60) s after the read (more than "
                + "\(Int(clockSkew / 60)) min): the exporter's clock is ahead; its verdicts are not used until it is "
                + "dated correctly")
    }
}
