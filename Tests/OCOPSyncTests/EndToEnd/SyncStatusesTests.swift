import Foundation
import MockMarketplace
import OCOPConfig
import OCOPCore
import OCOPStore
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// Every status through the real pass, and a marketplace switched to a feed by configuration only.
@Suite(.serialized) struct SyncStatusesTests {
    @Test func transportFailuresAndUnreadablePagesNeverCountAsDelisted() async throws {
        var scenario = try MockScenario(
            contentsOfFile: DemoEnvironment.repository.appendingPathComponent("Config/demo/scenario.json").path
        )
        let tiki = scenario.items.filter { $0.marketplace == .tiki && $0.state == .active }.map(\.itemID)
        try #require(tiki.count >= 2)
        scenario.faults = [
            MockFault(.status(code: 503, retryAfter: nil), marketplace: .tiki, itemID: tiki[0], selection: .always),
            // An answer that is not a product document at all: the adapter cannot read it.
            MockFault(.redirect(location: "/_mock/stats", status: 302), marketplace: .tiki, itemID: tiki[1], selection: .always),
            MockFault(.captcha, marketplace: .shopee, selection: .ratio(0.05)),
        ]
        let environment = try await DemoEnvironment.start(scenario: scenario)
        defer { Task { await environment.stop() } }
        let context = try WatchContext(configPath: environment.configPath, verbose: false, command: "test")
        _ = try await context.syncOnce()
        let evidence = try await context.openStore().evidence()
        func latest(_ itemID: String) -> Observation? {
            evidence.first { $0.listing.marketplace == .tiki && DemoEnvironment.itemID(of: $0.listing) == itemID }?.latest
        }
        let failing = try #require(latest(tiki[0]))
        #expect(failing.status == .unreachable)
        #expect(failing.httpStatus == 503)
        let garbled = try #require(latest(tiki[1]))
        #expect(garbled.status == .unparseable)
        // The 503 was retried (http.retries = 2): three requests, then the verdict.
        #expect(await environment.server.requestCount(marketplace: .tiki, itemID: tiki[0]) == 3)
        let statuses = Set(evidence.compactMap(\.latest?.status))
        #expect(statuses == Set(ListingStatus.allCases))
    }

    @Test func shopeeReadFromAFeedInsteadOfPages() async throws {
        let environment = try await DemoEnvironment.start()
        defer { Task { await environment.stop() } }
        let base = "http://127.0.0.1:\(environment.port)"
        var yaml = try String(contentsOfFile: environment.configPath, encoding: .utf8)
        let line = "  shopee: {base_url: \"\(base)\", api_base_url: \"\(base)\", max_concurrent: 8, min_interval: 0s}"
        #expect(yaml.contains(line))
        yaml = yaml.replacingOccurrences(
            of: line,
            with: "  shopee: {base_url: \"\(base)\", source: feed, feed_url: \"\(base)/feeds/shopee.json\", "
                + "max_concurrent: 8, min_interval: 0s}"
        )
        try yaml.write(toFile: environment.configPath, atomically: true, encoding: .utf8)

        let context = try WatchContext(configPath: environment.configPath, verbose: false, command: "test")
        _ = try await context.syncOnce()
        let stats = await environment.server.stats()
        #expect(await environment.server.requestCount(marketplace: .shopee) == 0, "no Shopee page was fetched: \(stats)")
        let evidence = try await context.openStore().evidence().filter { $0.listing.marketplace == .shopee }
        #expect(evidence.count > 100)
        var mismatches: [String] = []
        for item in evidence {
            // The feed lists what the scenario blocks on pages as active: a feed has no anti-bot wall.
            var expected = environment.expectedStatus(of: item.listing)
            if expected == .blocked { expected = .active }
            if item.latest?.status != expected {
                mismatches.append("\(item.listing.url): \(item.latest?.status.rawValue ?? "-") != \(expected.rawValue)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func savedResponsesAreInterpretedOfflineWithTheAgreedJSONKeys() throws {
        let context = try WatchContext(configPath: nil, verbose: false, command: "test")
        let fixture = DemoEnvironment.repository.appendingPathComponent("Tests/TikiAdapterTests/Fixtures/api_v2_product_available.json")
        let json = try context.checkSaved(
            marketplace: "tiki",
            file: fixture.path,
            listingURL: "https://tiki.vn/tra-sen-thap-muoi-tui-loc-hop-25-goi-san-pham-ocop-4-sao-p274850011.html?spid=274850013",
            httpStatus: 200,
            finalURL: nil,
            json: true
        )
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(
            Set(object.keys)
                == [
                    "marketplace", "status", "reason", "title", "price_vnd", "original_price_vnd", "seller", "stock", "sold",
                    "item_id", "http_status", "final_url", "evidence", "error",
                ]
        )
        // The evidence the text shows as `matched:` lines, and the status the answer came with.
        #expect((object["evidence"] as? [String])?.isEmpty == false)
        #expect(object["http_status"] as? Int == 200)
        #expect(object["status"] as? String == "active")
        #expect(object["price_vnd"] as? Int == 95000)
        #expect(object["original_price_vnd"] as? Int == 120000)
        let blocked = try context.checkSaved(
            marketplace: "tiki",
            file: fixture.path,
            listingURL: nil,
            httpStatus: 429,
            finalURL: nil,
            json: false
        )
        #expect(blocked.hasPrefix("tiki: blocked"))
        #expect(throws: WatchError.self) {
            try context.checkSaved(marketplace: "amazon", file: fixture.path, listingURL: nil, httpStatus: 200, finalURL: nil, json: true)
        }
    }
}
