import Foundation
import HTTPTypes
import MockMarketplace
import NIOCore
import OCOPCore
import OCOPTestSupport
import Testing

@Suite("Live server")
struct LiveServerTests {
    static let scenario = MockScenario(
        sendoClosed: false,
        items: [
            MockItem(marketplace: .tiki, itemID: "274850011", title: "Trà sen Tháp Mười", priceVND: 95_000, stock: 86),
            MockItem(marketplace: .lazada, itemID: "2345678901", state: .outOfStock),
            MockItem(marketplace: .shopee, itemID: "23456789012"),
            MockItem(marketplace: .sendo, itemID: "48123567"),
            MockItem(marketplace: .tiktokShop, itemID: "1731234567890123456"),
            MockItem(marketplace: .tiktokShop, itemID: "1731234567890654321", state: .regionUnavailable),
            MockItem(
                marketplace: .website,
                itemID: "https://postmart.vn/san-pham/tra-sen",
                url: "https://postmart.vn/san-pham/tra-sen"
            ),
        ]
    )

    private func makeServer(_ scenario: MockScenario = scenario) -> MockMarketplaceServer {
        MockMarketplaceServer(scenario: scenario, configuration: .init(pageSizes: .compact, stallLimit: .seconds(30)))
    }

    @Test(
        "Every route answers at its real path",
        arguments: [
            ("/api/v2/products/274850011", 200, #""inventory_status":"available""#),
            ("/api/v2/products/274850011?platform=web&spid=274850013&version=3", 200, #""price":95000"#),
            ("/api/v2/products/1", 404, #""code":404"#),
            ("/products/nem-lai-vung-i2345678901-s11223344556.html", 200, #""type":"warning""#),
            ("/products/i2345678901.html", 200, "__moduleData__"),
            ("/products/banh-phong-tom-i1999999999.html", 404, "lazada-ic-404"),
            ("/api/v4/pdp/get_pc?item_id=23456789012&shop_id=1122334455&detail_level=0", 200, #""shop_id":1122334455"#),
            ("/api/v4/item/get?itemid=23456789012&shopid=1122334455", 200, #""itemid":23456789012"#),
            ("/api/v4/pdp/get_pc?item_id=29999999999&shop_id=1", 200, #""error":4"#),
            ("/full/nem-lai-vung-500g-48123567", 200, #""stock_status":1"#),
            ("/full/tra-sen-45000001", 404, #""data":null"#),
            ("/vn/pdp/xoai-cat/1731234567890123456", 200, "__MODERN_ROUTER_DATA__"),
            ("/shop/vn/pdp/1731234567890123456", 200, #""component_type":"product_info""#),
            ("/shop/vn/pdp/xoai-cat/1731234567890123456", 200, #""sold_count""#),
            ("/view/product/1731234567890654321?region=VN&locale=vi-VN", 200, "23002102"),
            ("/view/product/1731234567890777777", 404, "Không tìm thấy trang"),
            ("/site/postmart.vn/san-pham/tra-sen", 200, "https://schema.org/InStock"),
            ("/site/postmart.vn/san-pham/khong-co", 404, "404"),
            ("/feeds/tiktok_shop.json", 200, #""format":"ocop-watch-feed/1""#),
            ("/feeds/amazon.json", 404, ""),
            ("/", 200, "Sendo Farm"),
            ("/api/v4/pdp/get_pc?shop_id=1", 400, ""),
            ("/no/such/route", 404, ""),
        ])
    func routes(path: String, status: Int, marker: String) async throws {
        let server = makeServer()
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)
        defer { Task { await server.stop() } }
        let response = try await RawHTTPClient.get(port: port, path: path)
        #expect(response.status == status)
        if !marker.isEmpty { #expect(String(decoding: response.body, as: UTF8.self).contains(marker)) }
    }

    @Test func servesOverTCPAndCountsRequests() async throws {
        let server = makeServer()
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)
        defer { Task { await server.stop() } }
        for _ in 0..<3 {
            let response = try await RawHTTPClient.get(port: port, path: "/api/v2/products/274850011")
            #expect(response.status == 200)
            #expect(response.header("content-type") == "application/json; charset=utf-8")
        }
        #expect(try await RawHTTPClient.get(port: port, path: "/feeds/shopee.json").status == 200)
        let stats = try JSONDecoder().decode(
            MockRequestStats.self,
            from: Data(try await RawHTTPClient.get(port: port, path: "/_mock/stats").body)
        )
        #expect(stats.total == 4)
        #expect(stats.routes["tiki.product"] == 3)
        #expect(stats.marketplaces["feed"] == 1)
        #expect(await server.requestCount(marketplace: .tiki) == 3)
        #expect(await server.requestCount(marketplace: .tiki, itemID: "274850011") == 3)
        #expect(await server.requestCount(marketplace: .shopee) == 0)
    }

    @Test func startReportsThePortAndStopReleasesIt() async throws {
        let server = makeServer()
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)
        #expect(port > 0)
        #expect(server.port == port)
        let exchange = try await RawHTTPClient.get(port: port, path: "/api/v2/products/274850011")
        #expect(exchange.status == 200)
        await server.stop()
        #expect(server.port == nil)
    }

    @Test func startingOnABusyPortFails() async throws {
        let first = makeServer()
        let port = try await first.start()
        let second = MockMarketplaceServer(scenario: Self.scenario, configuration: .init(port: port))
        await #expect(throws: (any Error).self) { _ = try await second.start() }
        await first.stop()
    }

    @Test func statesFlipWhileRunning() async throws {
        let server = makeServer()
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)
        func inventoryStatus() async throws -> String? {
            let exchange = try await RawHTTPClient.get(port: port, path: "/api/v2/products/274850011")
            return try Document.object(exchange.body).string("inventory_status")
        }
        #expect(try await inventoryStatus() == "available")
        await server.setState(.delisted, marketplace: .tiki, itemID: "274850011")
        #expect(try await inventoryStatus() == "discontinued")
        await server.setState(.active, marketplace: .tiki, itemID: "274850011")
        #expect(try await inventoryStatus() == "available")

        await server.setState(.active, marketplace: .tiki, itemID: "5")
        #expect(try await RawHTTPClient.get(port: port, path: "/api/v2/products/5").status == 200)

        var closed = await server.scenario
        closed.sendoClosed = true
        await server.update(scenario: closed)
        let sendo = try await RawHTTPClient.get(port: port, path: "/full/nem-lai-vung-500g-48123567")
        #expect(sendo.status == 301)
        #expect(sendo.header("Location") == "/")
        #expect(await server.stats().scenarioRevision == 4)
        await server.stop()
    }

    @Test func faultsHealAfterTheirFirstRequests() async throws {
        var scenario = Self.scenario
        scenario.faults = [
            MockFault(.status(code: 429, retryAfter: 2), marketplace: .tiki, selection: .first(2)),
            MockFault(.captcha, marketplace: .lazada, selection: .first(1)),
            MockFault(
                .redirect(location: "https://www.lazada.vn/", status: 302),
                marketplace: .lazada,
                selection: .first(1)
            ),
        ]
        let server = makeServer(scenario)
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)
        let tiki = "/api/v2/products/274850011"
        for _ in 0..<2 {
            let limited = try await RawHTTPClient.get(port: port, path: tiki)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "2")
        }
        #expect(try await RawHTTPClient.get(port: port, path: tiki).status == 200)

        let lazada = "/products/nem-i2345678901.html"
        #expect(try await RawHTTPClient.get(port: port, path: lazada).bodyText.contains("Captcha Interception"))
        let redirected = try await RawHTTPClient.get(port: port, path: lazada)
        #expect(redirected.status == 302)
        #expect(redirected.header("Location") == "https://www.lazada.vn/")
        #expect(try await RawHTTPClient.get(port: port, path: lazada).bodyText.contains("__moduleData__"))
        #expect(await server.stats().faults == ["status": 2, "captcha": 1, "redirect_to": 1])
        await server.stop()
    }

    @Test func connectionFaultsBreakTheWire() async throws {
        var scenario = Self.scenario
        scenario.faults = [
            MockFault(.reset, itemID: "reset"),
            MockFault(.truncate(bodyBytes: 100), itemID: "274850011", selection: .first(1)),
            MockFault(.redirectLoop, itemID: "loop"),
            MockFault(.hugeBody(bytes: 3_000_000), itemID: "https://example.vn/huge"),
            MockFault(.gzipBomb(inflatedBytes: 50_000_000), itemID: "bomb"),
            MockFault(.invalidUTF8, itemID: "23456789012"),
        ]
        let server = makeServer(scenario)
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)

        let reset = try await RawHTTPClient.get(port: port, path: "/api/v2/products/reset")
        #expect(reset.ending == .reset)
        #expect(reset.bytes.isEmpty)

        let truncated = try await RawHTTPClient.get(port: port, path: "/api/v2/products/274850011")
        #expect(truncated.ending == .closed)
        #expect(truncated.status == 200)
        let declared = try #require(truncated.header("Content-Length").flatMap(Int.init))
        #expect(truncated.body.count == 100)
        #expect(declared > 100)

        let loop = try await RawHTTPClient.get(port: port, path: "/view/product/loop?x=1")
        #expect(loop.status == 302)
        #expect(loop.header("Location") == "/view/product/loop?x=1")

        let huge = try await RawHTTPClient.get(port: port, path: "/site/example.vn/huge")
        #expect(huge.header("Content-Length") == "3000000")
        #expect(huge.body.count == 3_000_000)

        let bomb = try await RawHTTPClient.get(port: port, path: "/api/v2/products/bomb")
        #expect(bomb.header("Content-Encoding") == "gzip")
        #expect(bomb.body == GzipBomb.body(inflatedBytes: 50_000_000))

        let invalid = try await RawHTTPClient.get(port: port, path: "/api/v4/item/get?itemid=23456789012&shopid=1")
        #expect(invalid.status == 200)
        #expect(String(validating: invalid.body, as: UTF8.self) == nil)
        await server.stop()
    }

    @Test func aStallHoldsTheConnectionUntilTheClientGivesUp() async throws {
        var scenario = Self.scenario
        scenario.faults = [MockFault(.stall(bodyBytes: 10, maximumMilliseconds: nil), marketplace: .tiki)]
        let server = makeServer(scenario)
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)

        let stalled = try await RawHTTPClient.get(
            port: port,
            path: "/api/v2/products/274850011",
            receiveTimeout: .seconds(2)
        )
        #expect(stalled.ending == .timedOut)
        #expect(stalled.status == 200)
        #expect(stalled.body.count == 10)
        #expect(Int(stalled.header("Content-Length") ?? "") ?? 0 > 10)

        // The client closed its socket; the server notices and releases the connection long before its 30 s limit.
        try await waitUntil { await server.stats().openStalls == 0 }
        await server.stop()
    }

    @Test func stopEndsStallsAtOnce() async throws {
        var scenario = Self.scenario
        scenario.faults = [MockFault(.stall(bodyBytes: 10, maximumMilliseconds: nil), marketplace: .tiki)]
        let server = makeServer(scenario)
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)
        async let stalled = RawHTTPClient.get(
            port: port,
            path: "/api/v2/products/274850011",
            receiveTimeout: .seconds(20)
        )
        try await waitUntil { await server.stats().openStalls == 1 }
        await server.stop()
        let exchange = try await stalled
        #expect(exchange.ending == .closed)
        #expect(exchange.body.count == 10)
    }

    @Test func latencyDelaysButStillAnswers() async throws {
        var scenario = Self.scenario
        scenario.faults = [MockFault(.latency(milliseconds: 50), marketplace: .tiki)]
        let server = makeServer(scenario)
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)
        let response = try await RawHTTPClient.get(port: port, path: "/api/v2/products/274850011")
        #expect(response.status == 200)
        #expect(await server.stats().faults == ["latency": 1])
        await server.stop()
    }

    @Test func runsAsAServiceUntilShutdown() async throws {
        let server = makeServer()
        let ready = AsyncStream<Int>.makeStream()
        async let running: Void = server.run { port in ready.continuation.yield(port) }
        var ports = ready.stream.makeAsyncIterator()
        let port = try #require(await ports.next())
        #expect(try await RawHTTPClient.get(port: port, path: "/").status == 200)
        await server.shutdown()
        try await running
        #expect(server.port == nil)
    }
}

extension RawHTTPClient.Exchange {
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Polls `condition` until it holds; fails after a generous deadline rather than timing anything.
func waitUntil(
    deadline: Duration = .seconds(10),
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async -> Bool
) async throws {
    let end = ContinuousClock.now.advanced(by: deadline)
    while ContinuousClock.now < end {
        if await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("condition still false after \(deadline)", sourceLocation: sourceLocation)
}
