import Testing

@testable import CurlFetch

@Suite("Validator cache and its LRU store")
struct ValidatorCacheTests {
    @Test("The least recently used entry is evicted at capacity")
    func lruEviction() {
        var cache = LRUCache<String, Int>(capacity: 3)
        cache.set(1, for: "a")
        cache.set(2, for: "b")
        cache.set(3, for: "c")
        #expect(cache.value(for: "a") == 1)
        cache.set(4, for: "d")
        #expect(cache.value(for: "b") == nil)
        #expect(cache.value(for: "a") == 1)
        #expect(cache.value(for: "c") == 3)
        #expect(cache.value(for: "d") == 4)
        #expect(cache.count == 3)
        cache.removeValue(for: "c")
        cache.set(5, for: "e")
        cache.set(6, for: "f")
        #expect(cache.count == 3)
        #expect(cache.value(for: "a") == nil)
    }

    @Test("A long run never exceeds capacity")
    func bounded() {
        var cache = LRUCache<Int, Int>(capacity: 100)
        for key in 0..<10_000 {
            cache.set(key, for: key)
        }
        #expect(cache.count == 100)
        #expect(cache.value(for: 9_999) == 9_999)
        #expect(cache.value(for: 9_899) == nil)
    }

    @Test("200 remembers ETag and Last-Modified; 404 forgets; other statuses change nothing")
    func recordRules() {
        var cache = ValidatorCache(capacity: 10)
        let url = "https://tiki.vn/p/1"
        cache.record(
            url: url, status: 200, headers: [FetchHeader("etag", "W/\"abc\""), FetchHeader("last-modified", "Mon, 01 Jan 2024 00:00:00 GMT")])
        #expect(
            cache.conditionalHeaders(for: url) == [
                FetchHeader("If-None-Match", "W/\"abc\""), FetchHeader("If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT"),
            ])
        cache.record(url: url, status: 503, headers: [])
        #expect(cache.conditionalHeaders(for: url).count == 2)
        cache.record(url: url, status: 304, headers: [FetchHeader("etag", "\"new\"")])
        #expect(cache.conditionalHeaders(for: url) == [FetchHeader("If-None-Match", "\"new\"")])
        cache.record(url: url, status: 404, headers: [])
        #expect(cache.conditionalHeaders(for: url).isEmpty)
        cache.record(url: url, status: 200, headers: [FetchHeader("etag", "\"x\"")])
        cache.record(url: url, status: 200, headers: [])
        #expect(cache.conditionalHeaders(for: url).isEmpty)
    }
}
