import CurlFetch
import Foundation
import OCOPCore
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// A marketplace read from a feed file, through the engine's `file://` reads and the feed adapter.
@Suite struct FeedCheckerTests {
    static let listing = Listing(
        productID: "DT-P-000001",
        marketplace: .shopee,
        // As copied from a share button: the tracking query is not part of the item's address.
        url: "https://shopee.vn/Nem-Lai-Vung-i.2233445566.24681357900?sp_atk=abc&xptdk=def"
    )

    /// Checks ``listing`` against a feed holding `document`, with Shopee switched to that feed.
    static func check(feed document: String, modified: Date? = nil) async throws -> Observation {
        let config = try ScratchConfig()
        defer { config.remove() }
        let feed = config.directory.appendingPathComponent("shopee.json")
        try document.write(to: feed, atomically: true, encoding: .utf8)
        if let modified {
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: feed.path)
        }
        try config.write(
            """
            http:
              feed_directories: ["\(config.directory.path)"]
            marketplaces:
              shopee: {source: feed, feed_url: "\(feed.absoluteString)"}

            """
        )
        let context = try WatchContext(configPath: config.path, verbose: false, command: "test")
        let engine = try context.makeEngine()
        let shopee = try #require(context.makeFeeds(engine: engine)[.shopee])
        let observations = await shopee.checker.check([listing], feedURL: shopee.url)
        await engine.shutdown()
        return try #require(observations.first)
    }

    static func document(marketplace: String, url: String, complete: Bool = true, generatedAt: String? = nil) -> String {
        """
        {"format": "ocop-watch-feed/1", "marketplace": "\(marketplace)", "complete": \(complete),
         \(generatedAt.map { "\"generated_at\": \"\($0)\"," } ?? "")
         "items": [{"url": "\(url)", "status": "active"}]}
        """
    }

    static let clean = "https://shopee.vn/Nem-Lai-Vung-i.2233445566.24681357900"

    @Test func aListingIsFoundByTheItemItsLinkNamesWhateverTheQuery() async throws {
        let observation = try await Self.check(feed: Self.document(marketplace: "shopee", url: Self.clean))
        #expect(observation.status == .active)
    }

    @Test func aCompleteFeedOfAnotherMarketplaceDelistsNothing() async throws {
        let lazada = "https://www.lazada.vn/products/nem-chua-i1234567890-s12345678901.html"
        let observation = try await Self.check(feed: Self.document(marketplace: "lazada", url: lazada))
        #expect(observation.status == .unparseable)
        #expect(observation.verdict.reason == "feed_other_marketplace")
    }

    @Test func aCompleteFeedWithoutTheListingDelistsIt() async throws {
        let other = "https://shopee.vn/Banh-phong-tom-i.1122334455.23456789012"
        let observation = try await Self.check(feed: Self.document(marketplace: "shopee", url: other))
        #expect(observation.status == .delisted)
        #expect(observation.verdict.reason == "absent_from_feed")
    }

    @Test func aPartialFeedWithoutTheListingConcludesNothing() async throws {
        let other = "https://shopee.vn/Banh-phong-tom-i.1122334455.23456789012"
        let observation = try await Self.check(feed: Self.document(marketplace: "shopee", url: other, complete: false))
        #expect(observation.status == .unparseable)
        #expect(observation.verdict.reason == "absent_from_partial_feed")
    }

    /// A feed left on the server goes stale like any old check: what it says is dated by the feed.
    @Test func aFeedsVerdictsAreAsOldAsTheFeed() async throws {
        let stated = try await Self.check(
            feed: Self.document(marketplace: "shopee", url: Self.clean, generatedAt: "2025-01-01T07:00:00+07:00"))
        #expect(stated.status == .active)
        #expect(stated.checkedAt == Date(timeIntervalSince1970: 1_735_689_600))

        let threeDaysAgo = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3 * 86_400).rounded(.down))
        let unstated = try await Self.check(
            feed: Self.document(marketplace: "shopee", url: Self.clean), modified: threeDaysAgo)
        #expect(unstated.checkedAt == threeDaysAgo, "the file's modification time")
        #expect(unstated.verdict.evidence.contains { $0.hasPrefix("last_modified=") }, "\(unstated.verdict.evidence)")

        let before = Date()
        let ahead = try await Self.check(
            feed: Self.document(marketplace: "shopee", url: Self.clean, generatedAt: "2099-01-01T07:00:00+07:00"))
        #expect(ahead.status == .unparseable, "a clock ahead is not believed")
        #expect(ahead.verdict.reason == "feed_clock_ahead")
        #expect(ahead.checkedAt >= before && ahead.checkedAt <= Date(), "dated by the read, like a failure")

        let unreadable = try await Self.check(feed: "{", modified: threeDaysAgo)
        #expect(unreadable.status == .unparseable)
        #expect(unreadable.checkedAt >= before, "a failure is dated by the read")
    }
}
