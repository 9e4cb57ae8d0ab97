import FeedAdapter
import OCOPCore

/// `JSONFeedAdapter.read` and `interpret` on fuzzed feed documents.
///
/// Input layout: byte 0 the HTTP status (0 is how a `file:` feed arrives), byte 1 the feed URL,
/// byte 2 the configured default marketplace, the rest the body. Besides crashing, the harness fails
/// when reading the same response twice gives two results, or when `interpret` disagrees with
/// `read`.
private let statuses = [200, 200, 200, 0, 204, 304, 404, 500]
private let feedURLs = [
    "https://feeds.example.vn/ocop-watch/tiktok_shop.json", "file:///var/lib/ocop-watch/feeds/shopee.json",
    "http://127.0.0.1:8931/feed/tiktok_shop", "",
]
private let adapters = [nil, MarketplaceID.tiktokShop, .shopee, .feed].map {
    JSONFeedAdapter(configuration: .init(marketplace: $0))
}

func prepareHarness() {
    _ = adapters
}

func fuzzOneInput(_ input: inout FuzzInput) {
    let status = input.choose(from: statuses)
    let feedURL = input.choose(from: feedURLs)
    let adapter = input.choose(from: adapters)
    let response = HTTPResponseSnapshot(
        status: status, finalURL: adapter.plan(feedURL: feedURL).url, body: input.takeRest())

    let document = Result { () throws(FeedError) in try adapter.read(response) }
    let again = Result { () throws(FeedError) in try adapter.read(response) }
    guard document == again else {
        fatalError("read gave two results for one response: \(document) then \(again)")
    }
    let entries = Result { () throws(FeedError) in try adapter.interpret(response) }
    guard entries == document.map(\.entries) else {
        fatalError("interpret disagrees with read: \(entries) vs \(document)")
    }
}
