import FeedAdapter
import Foundation
import MarketplaceAdapters
import OCOPCore
import Testing

@testable import OCOPSync

/// What a feed document says about catalog listings, without a fetch: the pure half of
/// ``FeedChecker``.
@Suite struct FeedMatchingTests {
    static let identify = WatchContext.feedItemKey(registry: AdapterRegistry())
    static let marketplaceOf = WatchContext.feedLinkMarketplace(registry: AdapterRegistry())
    static let tiki = "https://tiki.vn/lang-hoa-p696123199.html?spid=441232121"
    static let lazada = "https://www.lazada.vn/products/tra-sen-i123456-s1001.html"
    static let shopee = "https://shopee.vn/xoai-cat-i.7014881990.38210888993"

    static func document(_ json: String) throws -> FeedDocument {
        try JSONFeedAdapter().read(
            HTTPResponseSnapshot(status: 200, finalURL: "https://feeds.example.vn/f.json", body: Array(json.utf8)))
    }

    /// The verdict a feed of `items` (JSON objects) gives the listing at `url`.
    static func verdict(
        _ url: String,
        _ marketplace: MarketplaceID,
        complete: Bool,
        items: [String],
        generatedAt: String? = nil,
        namesMarketplace: Bool = true
    ) throws -> Verdict {
        let json = """
            {"format": "ocop-watch-feed/1", \(namesMarketplace ? "\"marketplace\": \"\(marketplace)\"," : "")
             "complete": \(complete),
             \(generatedAt.map { "\"generated_at\": \"\($0)\"," } ?? "") "items": [\(items.joined(separator: ","))]}
            """
        let listing = Listing(productID: "P1", marketplace: marketplace, url: url)
        return FeedChecker.verdicts(
            for: [listing], in: try document(json), marketplace: marketplace, identify: identify,
            marketplaceOf: marketplaceOf)[0]
    }

    /// An entry is about the item its link names: a Lazada link in a Tiki seller's feed, or a
    /// Tiki link whose `item_id` is a seller offer's id, says nothing of another Tiki item.
    @Test func anEntrySpeaksOfTheItemItsLinkNamesWhateverItsItemID() throws {
        let lazadaLink = #"{"url": "https://www.lazada.vn/products/q-i696123199-s5.html", "item_id": "696123199", "status": "delisted"}"#
        let fromLazada = try Self.verdict(Self.tiki, .tiki, complete: false, items: [lazadaLink])
        #expect(fromLazada.reason == "absent_from_partial_feed", "\(fromLazada)")
        let offerAsItem = #"{"url": "https://tiki.vn/zz-p900.html?spid=696123199", "item_id": "696123199", "status": "delisted"}"#
        let contradictory = try Self.verdict(Self.tiki, .tiki, complete: false, items: [offerAsItem])
        #expect(contradictory.reason == "absent_from_partial_feed", "\(contradictory)")
        // Without a link the stated id still decides.
        let idOnly = #"{"item_id": "696123199", "status": "out_of_stock"}"#
        #expect(try Self.verdict(Self.tiki, .tiki, complete: false, items: [idOnly]).status == .outOfStock)
    }

    /// Exports built from HTML templates write a query's `&` as `&amp;`: the link still names
    /// the seller offer of the catalog's link.
    @Test func aLinkWithAnHTMLEscapedQueryNamesTheSameOffer() throws {
        let escaped = #"{"url": "https://tiki.vn/lang-hoa-p696123199.html?src=feed&amp;spid=441232121", "status": "out_of_stock"}"#
        let other = #"{"url": "https://tiki.vn/lang-hoa-p696123199.html?src=feed&amp;spid=5", "status": "active"}"#
        let verdict = try Self.verdict(Self.tiki, .tiki, complete: true, items: [other, escaped])
        #expect(verdict.status == .outOfStock, "\(verdict)")
        // WordPress's `&#038;` in the feed, `&amp;` in the catalog's link copied from a page.
        let wordpress = escaped.replacingOccurrences(of: "&amp;", with: "&#038;")
        #expect(try Self.verdict(Self.tiki, .tiki, complete: true, items: [other, wordpress]).status == .outOfStock)
        let copied = "https://tiki.vn/lang-hoa-p696123199.html?src=x&amp;spid=441232121"
        let plain = #"{"url": "https://tiki.vn/lang-hoa-p696123199.html?spid=441232121", "status": "out_of_stock"}"#
        let fromCatalog = try Self.verdict(copied, .tiki, complete: true, items: [other, plain])
        #expect(fromCatalog.status == .outOfStock, "\(fromCatalog)")
    }

    /// A complete feed that lists nothing of the marketplace (an exporter that wrote no rows,
    /// another marketplace's feed named by mistake) proves no removal.
    @Test func aCompleteFeedListingNothingOfTheMarketplaceRemovesNothing() throws {
        let empty = try Self.verdict(Self.lazada, .lazada, complete: true, items: [])
        #expect(empty.status == .unparseable && empty.reason == "feed_lists_nothing", "\(empty)")
        let tikiOnly = #"{"url": "\#(Self.tiki)", "status": "active"}"#
        let foreign = try Self.verdict(Self.lazada, .lazada, complete: true, items: [tikiOnly], namesMarketplace: false)
        #expect(foreign.status == .unparseable && foreign.reason == "feed_lists_nothing", "\(foreign)")
        let ownOther = #"{"url": "https://www.lazada.vn/products/other-i999-s1.html", "status": "active"}"#
        let absent = try Self.verdict(Self.lazada, .lazada, complete: true, items: [ownOther], namesMarketplace: false)
        #expect(absent.status == .delisted && absent.reason == "absent_from_feed", "\(absent)")
    }

    /// Two products of one shop may share a path and differ by query.
    @Test func aProducersPagesDifferingByQueryAreTwoItems() throws {
        let page = "https://shop.example.vn/index.php?route=product/product&product_id="
        let other = #"{"url": "\#(page)43", "status": "delisted"}"#
        let verdict = try Self.verdict(page + "42", .website, complete: false, items: [other])
        #expect(verdict.reason == "absent_from_partial_feed", "\(verdict)")
        let same = #"{"url": "\#(page)42&utm_source=zalo", "status": "out_of_stock"}"#
        #expect(try Self.verdict(page + "42", .website, complete: false, items: [same]).status == .outOfStock)
        // A link with a query and one without may name one page: never a removal.
        let shop = "https://shop.example.vn/products/nuoc-mam"
        let variant = #"{"url": "\#(shop)?variant=4455", "status": "active"}"#
        let bare = try Self.verdict(shop, .website, complete: true, items: [variant])
        #expect(bare.status != .delisted, "\(bare)")
        let withoutQuery = #"{"url": "\#(shop)", "status": "out_of_stock"}"#
        #expect(try Self.verdict(shop + "?srsltid=AfmBOo", .website, complete: true, items: [withoutQuery]).status == .outOfStock)
    }

    @Test(arguments: [false, true])
    func anotherTikiSellerOfferSaysNothingAboutThisOne(complete: Bool) throws {
        let other = #"{"url": "https://tiki.vn/lang-hoa-p696123199.html?spid=999999", "status": "delisted"}"#
        let verdict = try Self.verdict(Self.tiki, .tiki, complete: complete, items: [other])
        #expect(verdict.status == .unparseable)
        #expect(verdict.reason == (complete ? "feed_other_variant" : "absent_from_partial_feed"))
        #expect(verdict.evidence.contains { $0.contains("999999") })
    }

    @Test func anotherLazadaSkuSaysNothingAboutThisOne() throws {
        let other = #"{"url": "https://www.lazada.vn/products/tra-sen-i123456-s2002.html", "status": "out_of_stock"}"#
        let partial = try Self.verdict(Self.lazada, .lazada, complete: false, items: [other])
        #expect(partial.status == .unparseable)
        #expect(partial.reason == "absent_from_partial_feed")
        let complete = try Self.verdict(Self.lazada, .lazada, complete: true, items: [other])
        #expect(complete.status == .unparseable)
        #expect(complete.reason == "feed_other_variant")
    }

    /// The listing's own variant, however the link is written, and an entry naming the item
    /// without a variant, still decide.
    @Test func theSameVariantOrNoVariantStillMatches() throws {
        let ownLazada = #"{"url": "https://lazada.vn/products/x-i123456-s1001.html?spm=a2o4n", "status": "out_of_stock"}"#
        #expect(try Self.verdict(Self.lazada, .lazada, complete: true, items: [ownLazada]).status == .outOfStock)
        let ownTiki = #"{"url": "https://tiki.vn/x-p696123199.html?spid=441232121&src=share", "status": "delisted"}"#
        #expect(try Self.verdict(Self.tiki, .tiki, complete: true, items: [ownTiki]).status == .delisted)
        let itemOnly = #"{"item_id": "696123199", "status": "out_of_stock"}"#
        #expect(try Self.verdict(Self.tiki, .tiki, complete: false, items: [itemOnly]).status == .outOfStock)
    }

    @Test func itemMarketplacesAreReadWhateverTheirCase() throws {
        let item = #"{"url": "\#(Self.shopee)", "marketplace": "Shopee", "status": "active"}"#
        #expect(try Self.verdict(Self.shopee, .shopee, complete: true, items: [item]).status == .active)
    }

    /// An item naming no known marketplace is its own error, and while a complete feed holds one,
    /// a listing's absence may be that item: not a removal.
    @Test func anItemOfAnUnknownMarketplaceIsAnErrorAndAbsenceProvesNothing() throws {
        let own = #"{"url": "\#(Self.shopee)", "marketplace": "shopee.vn", "status": "active"}"#
        let named = try Self.verdict(Self.shopee, .shopee, complete: true, items: [own])
        #expect(named.status == .unparseable)
        #expect(named.reason == "feed_marketplace_unknown")

        let unknown = #"{"item_id": "11111111111", "marketplace": "shopee.vn", "status": "active"}"#
        let absent = try Self.verdict(Self.shopee, .shopee, complete: true, items: [unknown])
        #expect(absent.status == .unparseable)
        #expect(absent.reason == "feed_items_unattributed")
    }

    @Test func entriesThatAgreeDecideAndEntriesThatConflictDoNot() throws {
        let active = #"{"url": "\#(Self.shopee)", "status": "active", "stock": 40}"#
        let activeByID = #"{"item_id": "38210888993", "status": "active"}"#
        let delisted = #"{"url": "\#(Self.shopee)", "status": "delisted", "reason": "seller_removed"}"#
        let agreed = try Self.verdict(Self.shopee, .shopee, complete: false, items: [active, activeByID])
        #expect(agreed.status == .active)
        #expect(agreed.stock == 40, "the first entry's facts")

        let conflict = try Self.verdict(Self.shopee, .shopee, complete: true, items: [active, activeByID, delisted])
        #expect(conflict.status == .unparseable)
        #expect(conflict.reason == "feed_conflicting_entries")
        #expect(conflict.evidence.last == "entries disagree: items[0] active, items[1] active, items[2] delisted")
    }

    @Test func aListingAbsentFromTheFeedHasTheFeedsEvidence() throws {
        let other = #"{"url": "https://shopee.vn/x-i.1.2", "status": "active"}"#
        for complete in [true, false] {
            let verdict = try Self.verdict(
                Self.shopee, .shopee, complete: complete, items: [other], generatedAt: "2025-06-01T07:00:00+07:00")
            #expect(
                verdict.evidence.prefix(2) == ["feed=ocop-watch-feed/1", "generated_at=2025-06-01T07:00:00+07:00"])
        }
    }

    /// A feed dated a little ahead keeps its own date, so reading it twice is one piece of
    /// evidence; far ahead, the exporter's clock is wrong and nothing it says is dated.
    @Test func aFeedAheadOfTheReadIsDatedByItselfOrNotUsed() throws {
        func feed(_ generatedAt: String) throws -> FeedDocument {
            try Self.document(#"{"format": "ocop-watch-feed/1", "generated_at": "\#(generatedAt)", "items": []}"#)
        }
        let stated = Date(timeIntervalSince1970: 1_748_736_000)  // 2025-06-01T00:00:00Z
        let slightlyAhead = try feed("2025-06-01T07:00:00+07:00")
        for read in [stated.addingTimeInterval(-120), stated.addingTimeInterval(-60)] {
            #expect(FeedChecker.age(of: slightlyAhead, headers: [], now: read) == .asOf(stated))
        }
        let farAhead = FeedChecker.age(of: slightlyAhead, headers: [], now: stated.addingTimeInterval(-3_600))
        guard case .clockAhead(let message) = farAhead else {
            Issue.record("a feed an hour ahead was dated \(farAhead)")
            return
        }
        #expect(message.contains("clock is ahead"))
        let justOver = FeedChecker.age(of: slightlyAhead, headers: [], now: stated.addingTimeInterval(-322))
        #expect(
            justOver
                == .clockAhead(
                    "the feed's generated_at is 5 min 22 s after the read (more than 5 min): the exporter's clock is ahead; "
                        + "its verdicts are not used until it is dated correctly"))
    }
}
