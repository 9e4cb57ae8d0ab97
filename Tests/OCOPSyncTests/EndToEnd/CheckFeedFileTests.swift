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
        #expect(text.contains("complete: yes (a catalog listing of shopee absent from this feed is read as removed"))

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
