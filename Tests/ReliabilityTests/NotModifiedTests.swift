import CurlFetch
import MockMarketplace
import OCOPCore
import Synchronization
import Testing

@testable import OCOPSync

/// The daemon's conditional requests: a `304 Not Modified` repeats what the last whole page said.
@Suite(.timeLimit(.minutes(1))) struct NotModifiedTests {
    @Test(
        "A 304 after a failure or a redirect repeats the page read before it",
        arguments: [
            MockFault.Kind.status(code: 503, retryAfter: nil),
            // A redirect home reads the home page (delisted); its validators are the home page's.
            .redirect(location: "/", status: 302),
        ]
    )
    func notModifiedRepeatsTheLastWholePage(_ interruption: MockFault.Kind) async throws {
        let scenario = FaultBench.tikiScenario(["930001"])
        let bench = try await FaultBench.start(scenario: scenario, http: ["retries": "0"], entityTags: true)
        let context = try bench.context()
        let engine = try context.makeEngine()
        let checker = context.makeChecker(engine: engine)
        let listing = FaultBench.tikiListing("930001")
        // The listing's history, newest first, as the store would give it.
        let history = Mutex<[Observation]>([])
        func check() async -> Observation {
            let observation = await checker.check(listing) { history.withLock { $0 } }
            history.withLock { $0.insert(observation, at: 0) }
            return observation
        }

        let whole = await check()
        #expect(whole.status == .active)
        #expect(whole.httpStatus == 200)

        var failing = scenario
        failing.faults = [MockFault(interruption, marketplace: .tiki, itemID: "930001")]
        await bench.server.update(scenario: failing)
        let interrupted = await check()
        #expect(interrupted.status != .active)

        await bench.server.update(scenario: scenario)
        let unchanged = await check()
        #expect(unchanged.httpStatus == 304)
        #expect(unchanged.status == .active)
        #expect(unchanged.verdict.evidence.first?.hasPrefix("304 Not Modified") == true)

        await engine.shutdown()
        await bench.stop()
    }

    @Test("A 304 with nothing to repeat fetches the page again whole")
    func notModifiedWithoutHistoryFetchesAgain() async throws {
        let bench = try await FaultBench.start(scenario: FaultBench.tikiScenario(["930002"]), entityTags: true)
        let context = try bench.context()
        let engine = try context.makeEngine()
        let checker = context.makeChecker(engine: engine)
        let listing = FaultBench.tikiListing("930002")

        #expect(await checker.check(listing).httpStatus == 200)
        // The engine now sends the page's tag; the store knows nothing (a history lost, say).
        let again = await checker.check(listing) { [] }
        #expect(again.status == .active)
        #expect(again.httpStatus == 200)
        #expect(await bench.server.requestCount(marketplace: .tiki, itemID: "930002") == 3)

        await engine.shutdown()
        await bench.stop()
    }
}
