import CurlFetch
import Hummingbird
import Testing

@Suite("The engine's task executor")
struct FetchEngineExecutorTests {
    static func routes(_ router: Router<TestContext>) {
        router.get("/quick") { _, _ in "quick" }
        // Answers only after a minute (the server's stop cancels the wait).
        router.get("/hang") { _, _ in
            try await Task.sleep(for: .seconds(60))
            return "too late"
        }
    }

    @Test("A task that prefers it goes on after each response on the engine's thread, and starts elsewhere")
    func continuesOnTheLoopThread() async throws {
        try await TestServer.with(routes: Self.routes) { server in
            try await withEngine(.forTests()) { engine in
                let threads = try await Task(executorPreference: engine.taskExecutor) {
                    let first = currentThreadName()
                    var afterResponses: [String] = []
                    for _ in 0..<3 {
                        let response = try await engine.fetch(FetchRequest(url: server.url("/quick")))
                        #expect(response.status == 200)
                        afterResponses.append(currentThreadName())
                    }
                    return (first, afterResponses)
                }.value
                #expect(threads.0 != "ocw-fetch")
                #expect(threads.1 == ["ocw-fetch", "ocw-fetch", "ocw-fetch"])
            }
        }
    }

    @Test("Many tasks at once all finish, the engine's thread taking what its turns have time for")
    func manyTasks() async throws {
        let configuration = FetchEngine.Configuration.forTests(
            maxConcurrency: 64,
            hostPolicy: HostPolicy(maxConcurrentRequests: 64, minimumInterval: .zero)
        )
        try await TestServer.with(routes: Self.routes) { server in
            try await withEngine(configuration) { engine in
                let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                    for _ in 0..<600 {
                        group.addTask(executorPreference: engine.taskExecutor) {
                            let response = try await engine.fetch(FetchRequest(url: server.url("/quick")))
                            return (response.status, currentThreadName())
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(results.count == 600)
                #expect(results.allSatisfy { $0.0 == 200 })
                // Each turn runs at least the first task it resumed.
                #expect(results.contains { $0.1 == "ocw-fetch" })
            }
        }
    }

    @Test("Shutdown hands the tasks it ends, and every later one, to the global executor")
    func shutdownHandsTasksOver() async throws {
        try await TestServer.with(routes: Self.routes) { server in
            let engine = try FetchEngine(configuration: .forTests())
            let inFlight = Task(executorPreference: engine.taskExecutor) {
                let error = await fetchError(engine, FetchRequest(url: server.url("/hang")))
                return (error, currentThreadName())
            }
            for _ in 0..<200 where server.log.requests(path: "/hang").isEmpty {
                try await Task.sleep(for: .milliseconds(10))
            }
            try #require(server.log.requests(path: "/hang").count == 1)
            await engine.shutdown()
            // A task left waiting for the stopped loop would never end: wait for it, bounded.
            let ended = try #require(await value(of: inFlight, within: .seconds(20)))
            #expect(ended.0 == .shutdown(url: server.url("/hang")))
            #expect(ended.1 != "ocw-fetch")
            let later = await Task(executorPreference: engine.taskExecutor) {
                await fetchError(engine, FetchRequest(url: server.url("/quick")))
            }.value
            #expect(later == .shutdown(url: server.url("/quick")))
        }
    }
}
