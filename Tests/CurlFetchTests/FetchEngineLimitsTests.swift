import CurlFetch
import Hummingbird
import OCOPTestSupport
import Synchronization
import Testing

@Suite("Concurrency, pacing and politeness against a live loopback server")
struct FetchEngineLimitsTests {
    /// A route that holds each request long enough for others to pile up behind it.
    static func slowRoutes(_ router: Router<TestContext>) {
        router.get("/slow/{id}") { _, _ in
            try await Task.sleep(for: .milliseconds(150))
            return "done"
        }
    }

    /// Holds each request on `/held/…` until as many of its host's requests as that host's limit
    /// allows have arrived (or a second has passed), so that the peak the limit allows is reached
    /// however slowly a loaded machine opens connections: 150 ms of sleep alone once saw only 2 of
    /// 3 in flight. `/warm-up` answers at once.
    final class ArrivalGate: Sendable {
        private let arrivals = Mutex<[String: Int]>([:])
        private let peaks: [String: Int]

        init(peaks: [String: Int]) { self.peaks = peaks }

        func routes(_ router: Router<TestContext>) {
            router.get("/warm-up") { _, _ in "ok" }
            router.get("/held/{id}") { request, _ in
                let authority = request.head.authority ?? ""
                try await self.hold(host: authority.split(separator: ":").first.map(String.init) ?? authority)
                return "done"
            }
        }

        private func hold(host: String) async throws {
            let peak = peaks[host] ?? 1
            let arrived = arrivals.withLock { arrivals in
                arrivals[host, default: 0] += 1
                return arrivals[host]!
            }
            // The request completes a group of `peak` arrivals; the group's others wait for it.
            let groupEnd = (arrived + peak - 1) / peak * peak
            let deadline = ContinuousClock.now + .seconds(1)
            while arrivals.withLock({ $0[host, default: 0] }) < groupEnd, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test("No more than maxConcurrency transfers are in flight at once")
    func globalConcurrencyLimit() async throws {
        let configuration = FetchEngine.Configuration.forTests(
            maxConcurrency: 2,
            hostPolicy: HostPolicy(maxConcurrentRequests: 10, minimumInterval: .zero)
        )
        try await TestServer.with(routes: Self.slowRoutes) { server in
            try await withEngine(configuration) { engine in
                try await withThrowingTaskGroup { group in
                    for index in 0..<8 {
                        group.addTask { _ = try await engine.fetch(FetchRequest(url: server.url("/slow/\(index)"))) }
                    }
                    try await group.waitForAll()
                }
                #expect(server.log.requests.count == 8)
                #expect(server.log.maxInFlightOverall == 2)
            }
        }
    }

    @Test("A host's maxConcurrentRequests holds while other hosts run in parallel")
    func perHostConcurrencyLimit() async throws {
        var configuration = FetchEngine.Configuration.forTests(
            maxConcurrency: 10,
            hostPolicy: HostPolicy(maxConcurrentRequests: 3, minimumInterval: .zero)
        )
        configuration.hostOverrides = ["127.0.0.1": HostPolicy(maxConcurrentRequests: 1, minimumInterval: .zero)]
        let gate = ArrivalGate(peaks: ["127.0.0.1": 1, "localhost": 3])
        try await TestServer.with(routes: gate.routes) { server in
            try await withEngine(configuration) { engine in
                // One response per host first: until libcurl has seen whether a host's connection
                // can multiplex (HTTP/2), it holds that host's other transfers back (`PIPEWAIT`).
                for host in ["127.0.0.1", "localhost"] {
                    _ = try await engine.fetch(FetchRequest(url: server.url("/warm-up", host: host)))
                }
                try await withThrowingTaskGroup { group in
                    for index in 0..<6 {
                        group.addTask { _ = try await engine.fetch(FetchRequest(url: server.url("/held/a\(index)"))) }
                        group.addTask {
                            _ = try await engine.fetch(FetchRequest(url: server.url("/held/b\(index)", host: "localhost")))
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(server.log.requests.count(where: { $0.path.hasPrefix("/held/") }) == 12)
                #expect(server.log.maxInFlight(host: "127.0.0.1") == 1)
                #expect(server.log.maxInFlight(host: "localhost") == 3)
            }
        }
    }

    @Test("Request starts to one host are at least minimumInterval apart, as the server saw them")
    func perHostMinimumInterval() async throws {
        let interval = Duration.milliseconds(250)
        let configuration = FetchEngine.Configuration.forTests(
            hostPolicy: HostPolicy(maxConcurrentRequests: 4, minimumInterval: interval)
        )
        try await TestServer.with(routes: { router in
            router.get("/paced/{id}") { _, _ in "ok" }
        }) { server in
            try await withEngine(configuration) { engine in
                // Open the connection first, so that connection set-up does not skew the times below.
                _ = try await engine.fetch(FetchRequest(url: server.url("/paced/warm-up")))
                let launched = ContinuousClock.now
                try await withThrowingTaskGroup { group in
                    for index in 0..<5 {
                        group.addTask { _ = try await engine.fetch(FetchRequest(url: server.url("/paced/\(index)"))) }
                    }
                    try await group.waitForAll()
                }
                let arrivals = server.log.requests.map(\.receivedAt).sorted()
                #expect(arrivals.count == 6)
                // Paced, the k-th of the five starts no sooner than k intervals after they were
                // launched; unpaced, all five would arrive within a few milliseconds of it. The
                // server stamps a request when it gets to it, never before it arrived, so a server
                // held up by a loaded machine (tests run in parallel) only makes stamps later:
                // each is checked against the launch, not against the stamp before it.
                for (index, arrival) in arrivals.dropFirst().enumerated() {
                    #expect(arrival - launched >= interval * index - interval / 10, "arrival \(index) after \(arrival - launched)")
                }
            }
        }
    }

    @Test("A body past the limit aborts with bodyTooLarge, with or without Content-Length")
    func bodySizeCap() async throws {
        let big = String(repeating: "x", count: 10_000)
        try await TestServer.with(routes: { router in
            router.get("/big") { _, _ in big }
            router.get("/streamed") { _, _ in
                Response(
                    status: .ok,
                    body: ResponseBody { writer in
                        for _ in 0..<10 {
                            try await writer.write(ByteBuffer(string: String(repeating: "y", count: 1000)))
                        }
                        try await writer.finish(nil)
                    }
                )
            }
        }) { server in
            var configuration = FetchEngine.Configuration.forTests()
            configuration.maxBodyBytes = 1000
            try await withEngine(configuration) { engine in
                let declared = await fetchError(engine, FetchRequest(url: server.url("/big")))
                #expect(declared == .bodyTooLarge(url: server.url("/big"), limit: 1000))
                let streamed = await fetchError(engine, FetchRequest(url: server.url("/streamed")))
                #expect(streamed == .bodyTooLarge(url: server.url("/streamed"), limit: 1000))
                let raised = try await engine.fetch(FetchRequest(url: server.url("/big"), maxBodyBytes: 20_000))
                #expect(raised.body.count == 10_000)
            }
        }
    }

    @Test("A response slower than totalTimeout fails with timeout")
    func timeout() async throws {
        try await TestServer.with(routes: { router in
            router.get("/sleepy") { _, _ in
                try await Task.sleep(for: .seconds(2))
                return "late"
            }
        }) { server in
            try await withEngine(.forTests(totalTimeout: .milliseconds(300))) { engine in
                let error = await fetchError(engine, FetchRequest(url: server.url("/sleepy")))
                #expect(error == .timeout(url: server.url("/sleepy")))
                #expect(engine.statistics.failures == 1)
            }
        }
    }

    @Test("A refused connection is a connectionFailed error, retried as configured")
    func connectionRefused() async throws {
        let refusing = try RefusingPort()
        defer { withExtendedLifetime(refusing) {} }
        let url = "http://127.0.0.1:\(refusing.port)/"
        let retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(10))
        try await withEngine(.forTests(retry: retry)) { engine in
            let error = await fetchError(engine, FetchRequest(url: url))
            guard case .connectionFailed(let failedURL, _) = error else {
                Issue.record("expected connectionFailed, got \(String(describing: error))")
                return
            }
            #expect(failedURL == url)
            #expect(engine.statistics.transfers == 2)
            #expect(engine.statistics.retries == 1)
        }
    }

    @Test("Loopback addresses are refused before connecting unless private addresses are allowed")
    func privateAddressRefused() async throws {
        try await TestServer.with(routes: { router in
            router.get("/internal") { _, _ in "secret" }
        }) { server in
            var configuration = FetchEngine.Configuration.forTests()
            configuration.allowPrivateAddresses = false
            try await withEngine(configuration) { engine in
                let literal = await fetchError(engine, FetchRequest(url: server.url("/internal")))
                #expect(literal == .privateAddressRefused(url: server.url("/internal"), address: "127.0.0.1"))
                let named = await fetchError(engine, FetchRequest(url: server.url("/internal", host: "localhost")))
                guard case .privateAddressRefused = named else {
                    Issue.record("expected privateAddressRefused, got \(String(describing: named))")
                    return
                }
            }
            #expect(server.log.requests.isEmpty)
        }
    }
}
