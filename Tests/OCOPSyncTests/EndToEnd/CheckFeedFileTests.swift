import Foundation
import OCOPCore
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// `check --marketplace feed --file F`: what the feed says about itself, then its items.
@Suite struct CheckFeedFileTests {
    static func check(_ document: String, json: Bool = false) throws -> String {
        let config = try ScratchConfig()
        defer { config.remove() }
        let file = config.directory.appendingPathComponent("feed.json")
        try document.write(to: file, atomically: true, encoding: .utf8)
        let context = try WatchContext(configPath: nil, verbose: false, command: "test")
        return try context.checkSaved(
            marketplace: "feed", file: file.path, listingURL: nil, httpStatus: 200, finalURL: nil, json: json)
    }

    @Test func anEmptyCompleteFeedShowsWhatItsAbsenceMeans() throws {
        let text = try Self.check(
            #"{"format":"ocop-watch-feed/1","marketplace":"shopee","complete":true,"#
                + #""generated_at":"2025-06-01T07:00:00+07:00","items":[]}"#)
        #expect(text.contains("feed: ocop-watch-feed/1"))
        #expect(text.contains("marketplace: shopee"))
        #expect(text.contains("generated_at: 2025-06-01T00:00:00Z"))
        #expect(text.contains("items: 0"))
        #expect(text.contains("complete: yes"))
        // As a sync pass reads it: an export that wrote no rows proves no removal.
        #expect(text.contains("a catalog listing of shopee absent from it: unparseable (feed_lists_nothing)"), "\(text)")
        let listed = try Self.check(
            #"{"format":"ocop-watch-feed/1","marketplace":"shopee","complete":true,"items":["#
                + #"{"item_id":"23456789012","status":"active"}]}"#)
        #expect(listed.contains("a catalog listing of shopee absent from it: delisted (absent_from_feed)"), "\(listed)")
        let unattributed = try Self.check(
            #"{"format":"ocop-watch-feed/1","marketplace":"shopee","complete":true,"items":["#
                + #"{"item_id":"1","status":"active"},{"url":"https://x.vn/a","marketplace":"zalo","status":"active"}]}"#,
            json: true)
        let counted = try #require(try JSONSerialization.jsonObject(with: Data(unattributed.utf8)) as? [String: Any])
        #expect(counted["unattributed_item_count"] as? Int == 1)
        #expect((counted["absent_listing"] as? [String: Any])?["reason"] as? String == "feed_items_unattributed")

        let json = try Self.check(
            #"{"format":"ocop-watch-feed/1","complete":false,"items":[{"item_id":"1","status":"active"}]}"#, json: true)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["complete"] as? Bool == false)
        #expect(object["item_count"] as? Int == 1)
        #expect((object["items"] as? [[String: Any]])?.first?["status"] as? String == "active")
    }

    @Test func anUnreadableFeedFileIsNamedInTheError() throws {
        let error = try #require(throws: FeedError.self) { try Self.check("{") }
        #expect(!error.message.hasPrefix("feed :"))
        #expect(error.message.contains("feed.json"))
    }
}
