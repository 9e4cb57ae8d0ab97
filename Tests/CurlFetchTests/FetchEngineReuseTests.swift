import Hummingbird
import Testing

@testable import CurlFetch

/// The engine keeps libcurl handles and body buffers between transfers; nothing of one transfer
/// may reach the next.
@Suite("Handles and bodies reused between transfers")
struct FetchEngineReuseTests {
    @Test("A reused handle sends only its own request's headers and applies only its own body limit")
    func reusedHandleForgetsThePreviousTransfer() async throws {
        try await TestServer.with(routes: { router in
            router.get("/page/{id}") { _, context in "page \(context.parameters.get("id") ?? "")" }
            router.get("/large") { _, _ in String(repeating: "x", count: 5_000) }
        }) { server in
            // One transfer at a time: every request after the first runs on the first one's handle.
            try await withEngine(.forTests(maxConcurrency: 1)) { engine in
                _ = try await engine.fetch(
                    FetchRequest(url: server.url("/page/1"), headers: [FetchHeader("X-Trace", "first")]))
                let second = try await engine.fetch(FetchRequest(url: server.url("/page/2")))
                #expect(String(decoding: second.body, as: UTF8.self) == "page 2")
                let limited = await fetchError(engine, FetchRequest(url: server.url("/large"), maxBodyBytes: 100))
                #expect(limited == .bodyTooLarge(url: server.url("/large"), limit: 100))
                let unlimited = try await engine.fetch(FetchRequest(url: server.url("/large")))
                #expect(unlimited.body.count == 5_000)

                #expect(server.log.requests(path: "/page/1").first?.headers["x-trace"] == "first")
                let later = server.log.requests.filter { $0.path != "/page/1" }
                #expect(later.count == 3)
                #expect(later.allSatisfy { $0.headers["x-trace"] == nil })
                #expect(
                    later.allSatisfy { $0.headers["user-agent"] == "ocop-watch/0.0.1-test (+ops@example.invalid)" })
            }
        }
    }

    @Test("A body handed back is filled by the next transfer, and the engine lets go of it when it stops")
    func bodiesAreReused() async throws {
        try await TestServer.with(routes: { router in
            router.get("/page/{id}") { _, context in
                String(repeating: context.parameters.get("id") ?? "?", count: 2_000)
            }
        }) { server in
            let engine = try FetchEngine(configuration: .forTests(maxConcurrency: 1))
            let first = try await engine.fetch(FetchRequest(url: server.url("/page/a")))
            #expect(engine.core.bodies.count == 0)
            engine.reuseBody(first.body)
            #expect(engine.core.bodies.count == 1)

            let second = try await engine.fetch(FetchRequest(url: server.url("/page/b")))
            #expect(engine.core.bodies.count == 0)
            #expect(second.body == Array(repeating: UInt8(ascii: "b"), count: 2_000))
            // The first body is still the caller's to read: handing it back emptied a copy.
            #expect(first.body == Array(repeating: UInt8(ascii: "a"), count: 2_000))

            engine.reuseBody(second.body)
            #expect(engine.core.bodies.count == 1)
            await engine.shutdown()
            #expect(engine.core.bodies.count == 0)
        }
    }
}
