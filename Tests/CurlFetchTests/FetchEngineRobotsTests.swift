import CurlFetch
import Hummingbird
import Synchronization
import Testing

@Suite("robots.txt: read once per site, obeyed before any request")
struct FetchEngineRobotsTests {
    /// A site whose robots.txt is `robots` (404 when nil; `status` overrides the answer).
    func withSite(
        robots: String?,
        status: HTTPResponse.Status = .ok,
        _ body: (TestServer) async throws -> Void
    ) async throws {
        try await TestServer.with(routes: { router in
            router.get("/robots.txt") { _, _ -> Response in
                guard let robots else { return Response(status: .notFound) }
                return Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: robots)))
            }
            router.get("/**") { _, _ in "page" }
        }) { server in try await body(server) }
    }

    static var obeying: FetchEngine.Configuration {
        var configuration = FetchEngine.Configuration.forTests()
        configuration.obeysRobotsTxt = true
        return configuration
    }

    @Test("A disallowed page is refused without a request; an allowed one is fetched; one robots.txt read")
    func disallowedIsNotRequested() async throws {
        try await withSite(robots: "User-agent: ocop-watch\nDisallow: /private\n") { server in
            try await withEngine(Self.obeying) { engine in
                async let first = fetchError(engine, FetchRequest(url: server.url("/private/1")))
                async let second = fetchError(engine, FetchRequest(url: server.url("/private/2")))
                let errors = await [first, second]
                #expect(
                    errors == [
                        .robotsDisallowed(url: server.url("/private/1"), rule: "/private"),
                        .robotsDisallowed(url: server.url("/private/2"), rule: "/private"),
                    ])
                let page = try await engine.fetch(FetchRequest(url: server.url("/public/1")))
                #expect(page.status == 200)
            }
            #expect(server.log.requests(path: "/robots.txt").count == 1)
            #expect(server.log.requests.filter { $0.path.hasPrefix("/private") }.isEmpty)
        }
    }

    @Test("Crawl-delay paces the site's pages, as the server saw them, up to maxCrawlDelay")
    func crawlDelayPacesPages() async throws {
        for (asked, cap, expected) in [(0.4, Duration.seconds(60), Duration.milliseconds(400)), (30, .milliseconds(300), .milliseconds(300))] {
            try await withSite(robots: "User-agent: *\nCrawl-delay: \(asked)\n") { server in
                var configuration = Self.obeying
                configuration.hostPolicy = HostPolicy(maxConcurrentRequests: 4, minimumInterval: .zero)
                configuration.maxCrawlDelay = cap
                try await withEngine(configuration) { engine in
                    // The first page learns the delay (robots.txt is read before it).
                    _ = try await engine.fetch(FetchRequest(url: server.url("/page/warm-up")))
                    try await withThrowingTaskGroup { group in
                        for index in 0..<3 {
                            group.addTask { _ = try await engine.fetch(FetchRequest(url: server.url("/page/\(index)"))) }
                        }
                        try await group.waitForAll()
                    }
                    let pages = server.log.requests.filter { $0.path.hasPrefix("/page/") }
                    let warmUp = try #require(pages.first { $0.path == "/page/warm-up" }?.receivedAt)
                    let arrivals = pages.filter { $0.path != "/page/warm-up" }.map(\.receivedAt).sorted()
                    #expect(arrivals.count == 3)
                    // Each page waits the delay after the one before, counted as the server saw
                    // them, from the warm-up page (the time the warm-up took to answer, long on a
                    // loaded machine, does not count). Unpaced, the three would arrive within
                    // that time of the warm-up; 50 ms allow for a request started before it arrived.
                    for (index, arrival) in arrivals.enumerated() {
                        #expect(
                            arrival - warmUp >= expected * (index + 1) - .milliseconds(50),
                            "page \(index) after \(arrival - warmUp)")
                    }
                    #expect(arrivals.last! - warmUp < expected * 3 + .seconds(10), "capped at maxCrawlDelay")
                }
            }
        }
    }

    @Test("A robots.txt over 512 KiB is read up to 512 KiB, not ignored")
    func longFileIsReadInPart() async throws {
        let filler = String(repeating: "# padding line of a very long robots file\n", count: 15_000)
        try await withSite(robots: "User-agent: *\nDisallow: /private\n" + filler + "Disallow: /late\n") { server in
            try await withEngine(Self.obeying) { engine in
                let refused = await fetchError(engine, FetchRequest(url: server.url("/private/1")))
                #expect(refused == .robotsDisallowed(url: server.url("/private/1"), rule: "/private"))
                let late = try await engine.fetch(FetchRequest(url: server.url("/late/1")))
                #expect(late.status == 200, "a rule past 512 KiB is not read")
            }
        }
    }

    @Test("No robots.txt (404) allows everything")
    func missingFileAllows() async throws {
        try await withSite(robots: nil) { server in
            try await withEngine(Self.obeying) { engine in
                let status = try await engine.fetch(FetchRequest(url: server.url("/private/1"))).status
                #expect(status == 200)
            }
        }
    }

    @Test("A robots.txt that answers 5xx leaves the whole site alone, as RFC 9309 asks")
    func unreachableFileRefusesTheSite() async throws {
        try await withSite(robots: "oops", status: .serviceUnavailable) { server in
            try await withEngine(Self.obeying) { engine in
                let error = await fetchError(engine, FetchRequest(url: server.url("/public/1")))
                guard case .robotsUnreachable(let url, let detail) = error else {
                    Issue.record("expected robotsUnreachable, got \(String(describing: error))")
                    return
                }
                #expect(url == server.url("/public/1"))
                #expect(detail.contains("503"))
            }
            #expect(server.log.requests(path: "/public/1").isEmpty)
        }
    }

    @Test("Off (the engine's default) and for feeds, robots.txt is not read")
    func offAndFeedsAreExempt() async throws {
        try await withSite(robots: "User-agent: *\nDisallow: /\n") { server in
            try await withEngine(.forTests()) { engine in
                let status = try await engine.fetch(FetchRequest(url: server.url("/a"))).status
                #expect(status == 200)
            }
            try await withEngine(Self.obeying) { engine in
                let status = try await engine.fetch(FetchRequest(url: server.url("/feed.json"), isFeed: true)).status
                #expect(status == 200)
            }
            #expect(server.log.requests(path: "/robots.txt").isEmpty)
        }
    }
}
