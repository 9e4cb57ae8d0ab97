import CurlFetch
import Hummingbird
import Testing

@Suite("Cancellation and shutdown")
struct FetchEngineLifecycleTests {
    static func hangingRoutes(_ router: Router<TestContext>) {
        // Answers only after a minute (the server's stop cancels the wait): a fetch that ends
        // sooner did not wait for the answer, however slow a busy machine makes the test.
        router.get("/hang") { _, _ in
            try await Task.sleep(for: .seconds(60))
            return "too late"
        }
        router.get("/quick") { _, _ in "quick" }
    }

    /// Waits (bounded) until the server has seen `count` requests to `path`.
    static func waitForRequests(_ server: TestServer, path: String, count: Int) async throws {
        for _ in 0..<200 where server.log.requests(path: path).count < count {
            try await Task.sleep(for: .milliseconds(10))
        }
        try #require(server.log.requests(path: path).count >= count)
    }

    @Test("Cancelling the task of an in-flight fetch ends it with cancelled, long before the server answers")
    func cancelInFlight() async throws {
        try await TestServer.with(routes: Self.hangingRoutes) { server in
            try await withEngine(.forTests()) { engine in
                let started = ContinuousClock.now
                let task = Task { await fetchError(engine, FetchRequest(url: server.url("/hang"))) }
                try await Self.waitForRequests(server, path: "/hang", count: 1)
                task.cancel()
                let error = await task.value
                #expect(error == .cancelled(url: server.url("/hang")))
                #expect(ContinuousClock.now - started < .seconds(30))
                let response = try await engine.fetch(FetchRequest(url: server.url("/quick")))
                #expect(response.status == 200)
            }
        }
    }

    @Test("Cancelling a fetch that waits for its host's interval ends it without sending anything")
    func cancelWhileQueued() async throws {
        let configuration = FetchEngine.Configuration.forTests(
            hostPolicy: HostPolicy(maxConcurrentRequests: 1, minimumInterval: .seconds(30))
        )
        try await TestServer.with(routes: Self.hangingRoutes) { server in
            try await withEngine(configuration) { engine in
                _ = try await engine.fetch(FetchRequest(url: server.url("/quick")))
                let task = Task { await fetchError(engine, FetchRequest(url: server.url("/quick"))) }
                try await Task.sleep(for: .milliseconds(50))
                task.cancel()
                #expect(await task.value == .cancelled(url: server.url("/quick")))
                #expect(server.log.requests.count == 1)
            }
        }
    }

    @Test("An already-cancelled task does not send its request")
    func cancelledBeforeStart() async throws {
        try await TestServer.with(routes: Self.hangingRoutes) { server in
            try await withEngine(.forTests()) { engine in
                let task = Task {
                    try? await Task.sleep(for: .seconds(10))
                    return await fetchError(engine, FetchRequest(url: server.url("/quick")))
                }
                task.cancel()
                #expect(await task.value == .cancelled(url: server.url("/quick")))
                #expect(server.log.requests.isEmpty)
            }
        }
    }

    @Test("Shutdown fails in-flight fetches with shutdown, and every later fetch too")
    func shutdownFailsInFlight() async throws {
        try await TestServer.with(routes: Self.hangingRoutes) { server in
            let engine = try FetchEngine(configuration: .forTests())
            let task = Task { await fetchError(engine, FetchRequest(url: server.url("/hang"))) }
            try await Self.waitForRequests(server, path: "/hang", count: 1)
            await engine.shutdown()
            #expect(await task.value == .shutdown(url: server.url("/hang")))
            #expect(await fetchError(engine, FetchRequest(url: server.url("/quick"))) == .shutdown(url: server.url("/quick")))
            await engine.shutdown()
        }
    }
}
