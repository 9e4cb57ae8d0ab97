import FeedAdapter
import Foundation
import MarketplaceAdapters
import OCOPCore
import Testing

@Suite("Adapter registry")
struct AdapterRegistryTests {
    /// A listing URL of each marketplace and of a producer's website, in the registry's order.
    static let oneListingPerMarketplace = [
        "https://tiki.vn/tra-sen-p274850011.html?spid=274850013",
        "https://www.lazada.vn/products/nem-i2345678901-s11223344556.html",
        "https://shopee.vn/Banh-phong-tom-i.1122334455.23456789012",
        "https://www.sendo.vn/nem-lai-vung-48123567.html",
        "https://shop.tiktok.com/vn/pdp/xoai/1731234567890123456",
        "https://htxongmat.example.vn/san-pham/mat-ong",
    ]

    @Test func listsEverySource() {
        #expect(
            AdapterRegistry().ids.map(\.rawValue) == ["tiki", "lazada", "shopee", "sendo", "tiktok_shop", "website", "feed"])
    }

    @Test(arguments: [
        MarketplaceID.tiki, .lazada, .shopee, .sendo, .tiktokShop, .website,
    ])
    func everyMarketplaceHasAnAdapter(_ id: MarketplaceID) throws {
        let adapter = try #require(AdapterRegistry().adapter(for: id))
        #expect(adapter.marketplace == id)
    }

    /// A 407 comes from our own proxy, whatever the page behind it says: a wrong proxy password
    /// is a network fault, not every adapter broken at once (`unparseable` would raise
    /// `adapter_degraded` for all five).
    @Test(arguments: Self.oneListingPerMarketplace)
    func aProxyAskingForCredentialsIsUnreachableOnEveryMarketplace(_ url: String) throws {
        let registry = AdapterRegistry()
        let adapter = try #require(registry.adapter(forURL: url))
        let reference = try #require(registry.reference(forURL: url))
        let page = Array("<html><title>407 Proxy Authentication Required</title><h1>Không tìm thấy</h1></html>".utf8)
        let verdict = adapter.interpret(HTTPResponseSnapshot(status: 407, finalURL: url, body: page), for: reference)
        #expect(verdict.status == .unreachable, "\(adapter.marketplace): \(verdict)")
        #expect(verdict.reason == "proxy_auth_required")
    }

    @Test func feedAndUnknownMarketplacesHaveNoListingAdapter() {
        #expect(AdapterRegistry().adapter(for: .feed) == nil)
        #expect(AdapterRegistry().adapter(for: "postmart") == nil)
    }

    @Test(arguments: [
        ("https://tiki.vn/tra-sen-p274850011.html?spid=274850013", MarketplaceID.tiki),
        ("https://www.lazada.vn/products/nem-i2345678901-s11223344556.html", .lazada),
        ("https://shopee.vn/Banh-phong-tom-i.1122334455.23456789012", .shopee),
        ("https://www.sendo.vn/nem-lai-vung-48123567.html", .sendo),
        ("https://shop.tiktok.com/vn/pdp/xoai/1731234567890123456", .tiktokShop),
        ("https://htxongmat.example.vn/san-pham/mat-ong", .website),
    ])
    func findsTheAdapterForAURL(_ url: String, _ expected: MarketplaceID) throws {
        let registry = AdapterRegistry()
        #expect(registry.adapter(forURL: url)?.marketplace == expected)
        #expect(registry.reference(forURL: url)?.marketplace == expected)
    }

    @Test(arguments: [
        "https://tiki.vn/cua-hang/htx-sen-thap-muoi",
        "https://shopee.vn/sa_giang_official",
        "https://www.tiktok.com/@nongsan/video/7301234567890123456",
        "ftp://example.vn/file",
    ])
    func marketplacePagesThatAreNotProductsHaveNoAdapter(_ url: String) {
        #expect(AdapterRegistry().adapter(forURL: url) == nil)
    }

    @Test func websiteHostsLimitTheFallback() {
        let registry = AdapterRegistry(configuration: .init(websiteAllowedHosts: ["htxongmat.example.vn"]))
        #expect(registry.adapter(forURL: "https://htxongmat.example.vn/san-pham/mat-ong")?.marketplace == .website)
        #expect(registry.adapter(forURL: "https://other.example.vn/san-pham/x") == nil)
    }

    @Test func mockConfigurationSendsEveryRequestToOneOrigin() throws {
        let registry = AdapterRegistry(configuration: .mock(baseURL: "http://127.0.0.1:8931"))
        let urls = Self.oneListingPerMarketplace
        let plans = try urls.map { url in
            let adapter = try #require(registry.adapter(forURL: url))
            let reference = try #require(adapter.reference(for: url))
            #expect(adapter.allowedHosts.contains("127.0.0.1"))
            return adapter.plan(reference).url
        }
        #expect(
            plans == [
                "http://127.0.0.1:8931/api/v2/products/274850011?platform=web&spid=274850013&version=3",
                "http://127.0.0.1:8931/products/nem-i2345678901-s11223344556.html",
                "http://127.0.0.1:8931/api/v4/pdp/get_pc?item_id=23456789012&shop_id=1122334455&tz_offset_minutes=420&detail_level=0",
                "http://127.0.0.1:8931/full/nem-lai-vung-48123567",
                "http://127.0.0.1:8931/vn/pdp/xoai/1731234567890123456",
                "http://127.0.0.1:8931/site/htxongmat.example.vn/san-pham/mat-ong",
            ])
    }

    @Test func sendoClosureFollowsTheConfiguredClock() throws {
        let url = "https://www.sendo.vn/tra-sen-thap-muoi-45000001.html"
        let notFound = HTTPResponseSnapshot(status: 404, finalURL: "https://detail-api.sendo.vn/full/x", body: [])
        let before = AdapterRegistry(configuration: .init(now: { Date(timeIntervalSince1970: 1_700_000_000) }))
        let after = AdapterRegistry(configuration: .init(now: { Date(timeIntervalSince1970: 1_800_000_000) }))
        for (registry, reason) in [(before, "not_found"), (after, "marketplace_closed")] {
            let adapter = try #require(registry.adapter(for: .sendo))
            let reference = try #require(adapter.reference(for: url))
            #expect(adapter.interpret(notFound, for: reference).reason == reason)
        }
        let moved = AdapterRegistry(
            configuration: .init(
                marketplaces: [.sendo: .init(closedSince: Date(timeIntervalSince1970: 1_900_000_000))],
                now: { Date(timeIntervalSince1970: 1_800_000_000) }))
        let adapter = try #require(moved.adapter(for: .sendo))
        let reference = try #require(adapter.reference(for: url))
        #expect(adapter.interpret(notFound, for: reference).reason == "not_found")
    }

    @Test func extraHostsReachTheAdapters() throws {
        let registry = AdapterRegistry(
            configuration: .init(marketplaces: [.lazada: .init(extraAllowedHosts: ["s.lazada.vn"])]))
        #expect(try #require(registry.adapter(for: .lazada)).allowedHosts.contains("s.lazada.vn"))
        #expect(registry.feedAdapter.plan(feedURL: "file:///srv/feed.json").url == "file:///srv/feed.json")
    }
}
