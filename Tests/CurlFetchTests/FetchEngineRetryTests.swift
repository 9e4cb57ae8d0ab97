import CurlFetch
import HTTPTypes
import Hummingbird
import Synchronization
import Testing

@Suite("Retries, Retry-After and conditional requests against a live loopback server")
struct FetchEngineRetryTests {
    @Test("A 429 with Retry-After: 1 is retried no sooner than a second later, by the server's clock")
    func retryAfterHonoured() async throws {
        let calls = Mutex(0)
        try await TestServer.with(routes: { router in
            router.get("/busy") { _, _ in
                let call = calls.withLock { count in
                    count += 1
                    return count
                }
                if call == 1 {
                    return Response(status: .tooManyRequests, headers: [.retryAfter: "1"])
                }
                return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "welcome back")))
            }
        }) { server in
            let retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxDelay: .milliseconds(10))
            try await withEngine(.forTests(retry: retry)) { engine in
                let response = try await engine.fetch(FetchRequest(url: server.url("/busy")))
                #expect(response.status == 200)
                #expect(response.attempts == 2)
                #expect(String(decoding: response.body, as: UTF8.self) == "welcome back")
                let arrivals = server.log.requests(path: "/busy").map(\.receivedAt)
                try #require(arrivals.count == 2)
                #expect(arrivals[1] - arrivals[0] >= .milliseconds(990))
                #expect(engine.statistics.retries == 1)
            }
        }
    }

    @Test("The retry budget is the fetch's, not each redirect hop's")
    func retriesAcrossRedirectsShareOneBudget() async throws {
        let calls = Mutex([String: Int]())
        try await TestServer.with(routes: { router in
            // Each hop answers 503 once, then redirects to the next.
            for (path, next) in [("/a", "/b"), ("/b", "/c"), ("/c", "/d")] {
                router.get(RouterPath(path)) { _, _ in
                    let call = calls.withLock { counts in
                        counts[path, default: 0] += 1
                        return counts[path]!
                    }
                    return call == 1
                        ? Response(status: .serviceUnavailable)
                        : Response(status: .found, headers: [.location: next])
                }
            }
            router.get("/d") { _, _ in Response(status: .ok) }
        }) { server in
            let retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5), maxDelay: .milliseconds(5))
            try await withEngine(.forTests(retry: retry)) { engine in
                let response = try await engine.fetch(FetchRequest(url: server.url("/a")))
                // /a 503, /a 302, /b 503: three attempts, the budget spent on the way.
                #expect(response.status == 503)
                #expect(response.attempts == 3)
                #expect(server.log.requests.count == 3)
            }
        }
    }

    @Test("A Retry-After beyond maxRetryAfter is not waited for: the 429 comes back")
    func retryAfterBeyondCap() async throws {
        try await TestServer.with(routes: { router in
            router.get("/closed") { _, _ in Response(status: .tooManyRequests, headers: [.retryAfter: "3600"]) }
        }) { server in
            let retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10), maxRetryAfter: .seconds(5))
            try await withEngine(.forTests(retry: retry)) { engine in
                let response = try await engine.fetch(FetchRequest(url: server.url("/closed")))
                #expect(response.status == 429)
                #expect(response.attempts == 1)
                #expect(server.log.requests.count == 1)
            }
        }
    }

    @Test("A 503 is retried up to maxAttempts, then returned as a response with its body")
    func serviceUnavailableExhausted() async throws {
        try await TestServer.with(routes: { router in
            router.get("/down") { _, _ in
                Response(status: .serviceUnavailable, body: ResponseBody(byteBuffer: ByteBuffer(string: "maintenance")))
            }
        }) { server in
            let retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20), maxDelay: .milliseconds(50))
            try await withEngine(.forTests(retry: retry)) { engine in
                let response = try await engine.fetch(FetchRequest(url: server.url("/down")))
                #expect(response.status == 503)
                #expect(response.attempts == 3)
                #expect(String(decoding: response.body, as: UTF8.self) == "maintenance")
                #expect(server.log.requests.count == 3)
                #expect(engine.statistics.retries == 2)
            }
        }
    }

    @Test("A remembered ETag makes the next fetch conditional; 304 comes back as notModified")
    func entityTagRevalidation() async throws {
        try await TestServer.with(routes: { router in
            router.get("/listing") { request, _ in
                if request.headers[.ifNoneMatch] == "\"v1\"" {
                    return Response(status: .notModified, headers: [.eTag: "\"v1\""])
                }
                return Response(
                    status: .ok, headers: [.eTag: "\"v1\""],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: "listing page")))
            }
        }) { server in
            try await withEngine(.forTests()) { engine in
                let first = try await engine.fetch(FetchRequest(url: server.url("/listing")))
                #expect(first.status == 200)
                #expect(!first.notModified)
                #expect(String(decoding: first.body, as: UTF8.self) == "listing page")

                let second = try await engine.fetch(FetchRequest(url: server.url("/listing")))
                #expect(second.status == 304)
                #expect(second.notModified)
                #expect(second.body.isEmpty)
                #expect(engine.statistics.notModified == 1)

                let full = try await engine.fetch(FetchRequest(url: server.url("/listing"), allowsConditional: false))
                #expect(full.status == 200)

                let sent = server.log.requests(path: "/listing").map { $0.headers["if-none-match"] }
                #expect(sent == [nil, "\"v1\"", nil])
            }
        }
    }

    @Test("Last-Modified is replayed as If-Modified-Since; conditional requests can be turned off")
    func lastModifiedRevalidation() async throws {
        let stamp = "Wed, 21 Oct 2015 07:28:00 GMT"
        try await TestServer.with(routes: { router in
            router.get("/feed") { request, _ in
                if request.headers[.ifModifiedSince] == stamp {
                    return Response(status: .notModified)
                }
                return Response(status: .ok, headers: [.lastModified: stamp])
            }
        }) { server in
            try await withEngine(.forTests()) { engine in
                _ = try await engine.fetch(FetchRequest(url: server.url("/feed")))
                let second = try await engine.fetch(FetchRequest(url: server.url("/feed")))
                #expect(second.notModified)
            }
            var configuration = FetchEngine.Configuration.forTests()
            configuration.conditionalRequests = false
            try await withEngine(configuration) { engine in
                _ = try await engine.fetch(FetchRequest(url: server.url("/feed")))
                let second = try await engine.fetch(FetchRequest(url: server.url("/feed")))
                #expect(second.status == 200)
            }
        }
    }

    /// A reply that is not HTTP says nothing of the URL: a connection failure, retried, not an
    /// invalid URL (which a listing would keep as `unparseable`, the adapter's fault).
    @Test("A server that answers with something other than HTTP is a connection failure")
    func nonHTTPReplyIsAConnectionFailure() async throws {
        let server = try BannerServer(banner: "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/san-pham/tra-sen"
        try await withEngine(.forTests()) { engine in
            let error = await fetchError(engine, FetchRequest(url: url))
            guard case .connectionFailed(let failed, let detail) = error else {
                Issue.record("expected connectionFailed, got \(String(describing: error))")
                return
            }
            #expect(failed == url)
            #expect(detail.contains("not HTTP"), "\(detail)")
            #expect(error?.isTransient == true, "retried like a dropped connection")
        }
    }
}
