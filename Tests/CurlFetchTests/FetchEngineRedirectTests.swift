import HTTPTypes
import Hummingbird
import Synchronization
import Testing

@testable import CurlFetch

@Suite("Redirects followed by the engine itself, each target checked")
struct FetchEngineRedirectTests {
    static func redirect(to location: String, status: HTTPResponse.Status = .found) -> Response {
        Response(status: status, headers: [.location: location])
    }

    static func routes(port: @escaping @Sendable () -> Int) -> (Router<TestContext>) -> Void {
        { router in
            router.get("/start") { _, _ in redirect(to: "/middle", status: .movedPermanently) }
            router.get("/middle") { _, _ in redirect(to: "/end", status: .seeOther) }
            router.get("/end") { _, _ in "arrived" }
            router.get("/temporary") { _, _ in redirect(to: "end", status: .temporaryRedirect) }
            router.get("/to-file") { _, _ in redirect(to: "file:///etc/passwd") }
            router.get("/to-other-host") { _, _ in redirect(to: "http://localhost:\(port())/end") }
            router.get("/loop") { _, _ in redirect(to: "/loop") }
            router.get("/not-modified-no-location") { _, _ in Response(status: .notModified) }
        }
    }

    /// Runs `body` against the redirect routes; the port is known only once the server runs.
    func withRedirectServer(_ body: (TestServer) async throws -> Void) async throws {
        let port = PortBox()
        try await TestServer.with(routes: Self.routes(port: { port.value })) { server in
            port.value = server.port
            try await body(server)
        }
    }

    @Test("A 301 → 303 chain ends at the final URL, with the redirect count")
    func followsChain() async throws {
        try await withRedirectServer { server in
            try await withEngine(.forTests()) { engine in
                let response = try await engine.fetch(FetchRequest(url: server.url("/start")))
                #expect(response.status == 200)
                #expect(String(decoding: response.body, as: UTF8.self) == "arrived")
                #expect(response.finalURL == server.url("/end"))
                #expect(response.redirectCount == 2)
                #expect(engine.statistics.redirects == 2)
                #expect(server.log.requests.map(\.path) == ["/start", "/middle", "/end"])
            }
        }
    }

    @Test("A relative 307 Location is resolved against the request URL")
    func relativeLocation() async throws {
        try await withRedirectServer { server in
            try await withEngine(.forTests()) { engine in
                let response = try await engine.fetch(FetchRequest(url: server.url("/temporary")))
                #expect(response.finalURL == server.url("/end"))
            }
        }
    }

    @Test("A redirect to file:// is refused")
    func refusesFileRedirect() async throws {
        try await withRedirectServer { server in
            try await withEngine(.forTests()) { engine in
                let error = await fetchError(engine, FetchRequest(url: server.url("/to-file"), isFeed: true))
                #expect(error == .redirectRefused(url: server.url("/to-file"), to: "file:///etc/passwd"))
            }
        }
    }

    @Test("A redirect to a host outside allowedHosts is refused, and nothing is sent there")
    func refusesHostOutsideAllowList() async throws {
        try await withRedirectServer { server in
            try await withEngine(.forTests()) { engine in
                let error = await fetchError(
                    engine, FetchRequest(url: server.url("/to-other-host"), allowedHosts: ["127.0.0.1"]))
                #expect(error == .hostNotAllowed(url: server.url("/to-other-host"), host: "localhost"))
                #expect(server.log.requests.allSatisfy { $0.host == "127.0.0.1" })

                let allowed = try await engine.fetch(
                    FetchRequest(url: server.url("/to-other-host"), allowedHosts: ["127.0.0.1", "LOCALHOST"]))
                #expect(allowed.finalURL == server.url("/end", host: "localhost"))
            }
        }
    }

    @Test("A first URL outside allowedHosts is refused before any request")
    func refusesFirstHost() async throws {
        try await withRedirectServer { server in
            try await withEngine(.forTests()) { engine in
                let error = await fetchError(engine, FetchRequest(url: server.url("/end"), allowedHosts: ["tiki.vn"]))
                #expect(error == .hostNotAllowed(url: server.url("/end"), host: "127.0.0.1"))
                #expect(server.log.requests.isEmpty)
            }
        }
    }

    @Test("A redirect loop stops at maxRedirects")
    func tooManyRedirects() async throws {
        try await withRedirectServer { server in
            var configuration = FetchEngine.Configuration.forTests()
            configuration.maxRedirects = 3
            try await withEngine(configuration) { engine in
                let error = await fetchError(engine, FetchRequest(url: server.url("/loop")))
                #expect(error == .tooManyRedirects(url: server.url("/loop"), limit: 3))
                #expect(server.log.requests.count == 4)
            }
        }
    }
}

/// The server's port, set once it runs, read by a route that redirects to another host name.
final class PortBox: Sendable {
    private let port = Mutex(0)

    var value: Int {
        get { port.withLock { $0 } }
        set { port.withLock { $0 = newValue } }
    }
}

@Suite("Which redirects are followed, decided without sockets")
struct RedirectRuleTests {
    func url(_ text: String) throws -> ParsedURL { try ParsedURL(text) }

    @Test("http and https targets, never from https down to http")
    func downgradeIsRefused() throws {
        let secure = try url("https://tiki.vn/a-p1.html")
        let plain = try url("http://tiki.vn/a-p1.html")
        #expect(FetchEngine.mayFollow(from: plain, to: secure))
        #expect(FetchEngine.mayFollow(from: secure, to: try url("https://www.tiki.vn/a-p1.html")))
        #expect(FetchEngine.mayFollow(from: plain, to: plain))
        #expect(!FetchEngine.mayFollow(from: secure, to: plain))
        #expect(!FetchEngine.mayFollow(from: plain, to: try url("ftp://tiki.vn/a")))
    }
}
