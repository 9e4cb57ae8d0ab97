import AdapterTestSupport
import FeedAdapter
import Foundation
import OCOPCore
import Testing

@Suite("ocop-watch-feed/1")
struct WatchFeedTests {
    let adapter = JSONFeedAdapter()

    @Test func completeFeedGivesOneEntryPerItem() throws {
        let document = try adapter.read(
            try fixtures.response("ocop_feed_complete.json", finalURL: "https://feeds.example.vn/shopee.json"))
        #expect(document.format == "ocop-watch-feed/1")
        #expect(document.isComplete)
        #expect(document.marketplace == .shopee)
        #expect(document.generatedAt == ISO8601DateFormatter().date(from: "2025-06-01T00:00:00Z"))
        #expect(document.entries.map(\.verdict.status) == [.active, .outOfStock, .delisted, .active])
        #expect(document.entries.allSatisfy { $0.marketplace == .shopee })

        let active = document.entries[0]
        #expect(active.url == "https://shopee.vn/Banh-phong-tom-Sa-Giang-200g-i.1122334455.23456789012")
        #expect(active.itemID == "23456789012")
        #expect(active.verdict.title == "Bánh phồng tôm Sa Giang loại đặc biệt 200g")
        #expect(active.verdict.priceVND == 85000)
        #expect(active.verdict.originalPriceVND == 100000)
        #expect(active.verdict.seller == "Sa Giang Official Store")
        #expect(active.verdict.stock == 152)
        #expect(active.verdict.sold == 1200)
        #expect(active.verdict.evidence == ["feed=ocop-watch-feed/1", "generated_at=2025-06-01T07:00:00+07:00"])

        #expect(document.entries[1].verdict.stock == 0)
        #expect(document.entries[1].verdict.originalPriceVND == nil)
        #expect(document.entries[2].verdict.reason == "seller_removed")
        #expect(document.entries[2].verdict.evidence.last == "seller export: product hidden on 2025-05-28")
        #expect(document.entries[2].itemID == nil)
        #expect(document.entries[3].url == nil)
        #expect(document.entries[3].itemID == "24681357900")
        // A price of 0 means "not stated", never "free".
        #expect(document.entries[3].verdict.priceVND == nil)
    }

    @Test func incompleteFeedWithPerItemMarketplaces() throws {
        let document = try adapter.read(
            try fixtures.response("ocop_feed_incomplete.json", finalURL: "file:///var/lib/ocop-watch/feeds/mixed.json"))
        #expect(!document.isComplete)
        #expect(document.marketplace == nil)
        #expect(document.generatedAt == ISO8601DateFormatter().date(from: "2025-06-01T00:00:00Z")?.addingTimeInterval(0.25))
        #expect(document.entries.map(\.marketplace) == [.tiki, .lazada])
        #expect(document.entries[0].verdict.priceVND == 95000)
        #expect(document.entries[0].verdict.sold == 412)
        // An unknown status makes that one listing unparseable, not the whole feed.
        #expect(document.entries[1].verdict.status == .unparseable)
        #expect(document.entries[1].verdict.reason == "feed_status_unknown")
        #expect(document.entries[1].verdict.evidence.contains("status=paused"))
    }

    @Test func configuredMarketplaceFillsTheGap() throws {
        let adapter = JSONFeedAdapter(configuration: .init(marketplace: .tiki))
        let entries = try adapter.interpret(
            try fixtures.response("ocop_feed_incomplete.json", finalURL: "https://feeds.example.vn/f.json"))
        #expect(entries.map(\.marketplace) == [.tiki, .lazada])
        let document = try adapter.read(
            try fixtures.response("ocop_feed_incomplete.json", finalURL: "https://feeds.example.vn/f.json"))
        #expect(document.marketplace == .tiki)
    }

    @Test(arguments: [
        ("malformed_truncated.json", "not valid JSON"),
        ("unknown_shape.json", "no \"format\" key"),
        ("unsupported_version.json", "ocop-watch-feed/2"),
        ("item_without_identity.json", "items[1] has neither url nor item_id"),
        ("item_bad_price.json", "items[0].price_vnd"),
        ("missing_items.json", "items is missing"),
        ("bad_generated_at.json", "generated_at"),
    ])
    func unreadableDocumentsThrowFeedError(_ file: String, _ expected: String) throws {
        let response = try fixtures.response(file, finalURL: "https://feeds.example.vn/\(file)")
        let error = try #require(throws: FeedError.self) { try adapter.interpret(response) }
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(error.message.contains("https://feeds.example.vn/\(file)"))
    }

    @Test func httpFailuresAndEmptyBodiesThrow() throws {
        let missing = HTTPResponseSnapshot(status: 404, finalURL: "https://feeds.example.vn/x.json", body: [])
        #expect(throws: FeedError.self) { try adapter.interpret(missing) }
        let empty = HTTPResponseSnapshot(status: 200, finalURL: "https://feeds.example.vn/x.json", body: [])
        let error = try #require(throws: FeedError.self) { try adapter.interpret(empty) }
        #expect(error.message.contains("empty"))
    }

    @Test func fileFeedsMayHaveNoStatus() throws {
        let response = try fixtures.response("ocop_feed_complete.json", status: 0, finalURL: "file:///srv/feeds/shopee.json")
        #expect(try adapter.interpret(response).count == 4)
    }

    @Test func planFetchesTheFeedURLAsGiven() {
        let plan = adapter.plan(feedURL: "file:///var/lib/ocop-watch/feeds/shopee.json")
        #expect(plan.url == "file:///var/lib/ocop-watch/feeds/shopee.json")
    }
}

@Suite("Accesstrade TikTok Shop feed")
struct AccesstradeFeedTests {
    @Test func hasInventoryFalseIsOutOfStock() throws {
        let document = try JSONFeedAdapter().read(
            try fixtures.response("accesstrade_feed_out_of_stock.json", finalURL: "https://api.accesstrade.vn/v1/tiktokshop"))
        #expect(document.format == "accesstrade/tiktok_shop")
        #expect(!document.isComplete)
        let entry = try #require(document.entries.first)
        #expect(document.entries.count == 1)
        #expect(entry.marketplace == .tiktokShop)
        #expect(entry.url == "https://shop.tiktok.com/view/product/1731234567890999888?region=VN&locale=vi-VN")
        #expect(entry.itemID == "1731234567890999888")
        #expect(entry.verdict.status == .outOfStock)
        #expect(entry.verdict.title == "Hạt sen sấy giòn Đồng Tháp hũ 200g")
        #expect(entry.verdict.priceVND == 89000)
        #expect(entry.verdict.originalPriceVND == 99000)
        #expect(entry.verdict.seller == "Hạt Sen Đồng Tháp Mall")
        #expect(entry.verdict.stock == nil)
        #expect(entry.verdict.sold == 742)
        #expect(entry.verdict.itemID == "1731234567890999888")
        #expect(entry.verdict.evidence.contains("has_inventory=false"))
    }
}
