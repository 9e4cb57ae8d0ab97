import Foundation
import MockMarketplace
import OCOPCore
import OCOPStore
import OCOPTestSupport
import Testing

/// A marketplace that starts blocking: the breaker opens and traffic stops, one probe goes after
/// each cooldown, and once the marketplace answers again traffic resumes; the breaker's state
/// survives a restart.
@Suite struct DaemonCircuitBreakerTests {
    @Test func blockingMarketplaceIsLeftAloneThenProbedThenResumed() async throws {
        var settings = DaemonFixture.Settings()
        settings.breakerCooldown = "1s"
        settings.retryBase = "1s"
        settings.maxConcurrentPerHost = 2
        try await DaemonFixture.with(counts: [.shopee: 12], settings: settings) { fixture in
            let shopee = fixture.catalog.listings(of: .shopee)
            for listing in shopee {
                await fixture.server.setState(.blocked, marketplace: .shopee, itemID: DemoEnvironment.itemID(of: listing))
            }
            var daemon = try fixture.launch()
            func opened() -> [EventRecord] { fixture.events("breaker_opened") }

            try await waitUntil("the breaker opens") { !opened().isEmpty }
            #expect(opened().first?.metadata["marketplace"] == "shopee")
            let firstOpening = await fixture.requests()[.shopee] ?? 0
            #expect(firstOpening >= 10, "the breaker needs 10 answers to judge")

            // Persisted: a restart knows the breaker is open.
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")
            daemon = try fixture.launch(name: "restarted")
            try await waitUntil("the restarted daemon restores the breaker") {
                fixture.events("breaker_restored").contains { $0.metadata["marketplace"] == "shopee" }
            }

            // Still blocked: each cooldown ends with exactly one probe, which re-opens the breaker.
            let restartedOpenings = opened().count
            try await waitUntil("a failed probe re-opens the breaker") { opened().count >= restartedOpenings + 1 }
            let afterProbe = await fixture.requests()[.shopee] ?? 0
            try await waitUntil("the next failed probe") { opened().count >= restartedOpenings + 2 }
            #expect(await fixture.requests()[.shopee] ?? 0 == afterProbe + 1, "one request per open → half-open → open cycle")
            #expect(fixture.events("breaker_probe").count >= 2)

            // The marketplace heals: the next probe closes the breaker and the listings are checked again.
            for listing in shopee {
                await fixture.server.setState(.active, marketplace: .shopee, itemID: DemoEnvironment.itemID(of: listing))
            }
            try await waitUntil("the breaker closes") { !fixture.events("breaker_closed").isEmpty }
            #expect(fixture.events("breaker_closed").first?.metadata["marketplace"] == "shopee")
            let store = try fixture.openStore()
            try await waitUntil("normal traffic: every Shopee listing answered active") {
                var active = 0
                for listing in shopee where try await store.history(for: listing.key, limit: 1).first?.status == .active {
                    active += 1
                }
                return active == shopee.count
            }
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")
        }
    }
}
