import Foundation
import OCOPCore
import OCOPTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The daemon as systemd sees it: `READY=1` once it can work, `STATUS=` lines, `WATCHDOG=1`
/// from the loop at half of `WATCHDOG_USEC`, `STOPPING=1` and exit 0 on SIGTERM; its event log
/// and metrics; and one daemon per store.
@Suite struct DaemonLifecycleTests {
    @Test func speaksTheNotifyProtocolServesMetricsAndStopsCleanly() async throws {
        let port = try DaemonFixture.freePort()
        var settings = DaemonFixture.Settings()
        settings.metricsListen = "127.0.0.1:\(port)"
        try await DaemonFixture.with(counts: [.tiki: 3, .lazada: 3, .shopee: 4], settings: settings) { fixture in
            settings.metricsTextfile = fixture.directory.appendingPathComponent("metrics/ocop.prom").path
            try fixture.writeConfig(settings)
            let notify = try NotifySocketReceiver()
            defer { notify.stop() }
            // WATCHDOG_USEC = 1 s: a ping is due every 0.5 s.
            let daemon = try fixture.launch(notify: notify, watchdogMicroseconds: 1_000_000)

            try await waitUntil("READY=1") { !notify.messages(containing: "READY=1").isEmpty }
            let ready = try #require(notify.messages(containing: "READY=1").first)
            #expect(ready.contains("STATUS=coverage"), "READY carries the first STATUS line: \(ready)")

            let total = fixture.catalog.listings.count
            try await waitUntil("every listing checked once") {
                await fixture.requests().values.reduce(0, +) >= total
            }
            try await waitUntil("batches holding every check in the event log") {
                fixture.events("batch").compactMap { Int($0.metadata["checks"] ?? "") }.reduce(0, +) >= total
            }
            try await waitUntil("several watchdog pings") { notify.messages(containing: "WATCHDOG=1").count >= 3 }
            #expect(notify.statuses.contains { $0.contains("listings due") && $0.contains("last error: none") })

            let metrics = try await Self.get("http://127.0.0.1:\(port)/metrics")
            #expect(metrics.contains("# TYPE ocop_checks_total counter"))
            #expect(metrics.contains("ocop_checks_total{marketplace=\"shopee\",status=\"active\"} 4"))
            #expect(metrics.contains("ocop_fetch_duration_seconds_count{marketplace=\"tiki\"} 3"))
            #expect(metrics.contains("ocop_circuit_breaker_state{marketplace=\"lazada\",state=\"closed\"} 1"))
            #expect(metrics.contains("ocop_coverage_products_ratio{dimension=\"overall\""))
            #expect(metrics.contains("ocop_last_pass_completed_timestamp_seconds "))

            let textfile = try String(contentsOfFile: try #require(settings.metricsTextfile), encoding: .utf8)
            #expect(textfile.contains("ocop_circuit_breaker_state{marketplace=\"shopee\",state=\"closed\"} 1"))
            #expect(textfile.contains("ocop_fetch_duration_seconds_bucket{marketplace=\"shopee\""))

            daemon.send(SIGTERM)
            let termination = await daemon.waitForExit(timeout: .seconds(30))
            #expect(termination == .exited(0), "\(daemon.standardError)")
            let stopping = try #require(notify.messages.lastIndex { $0.contains("STOPPING=1") })
            let lastReady = try #require(notify.messages.lastIndex { $0.contains("READY=1") })
            #expect(lastReady < stopping)
            let kinds = fixture.events().compactMap(\.event)
            #expect(kinds.first == "start")
            #expect(kinds.last == "stopped")
            #expect(kinds.contains("stopping"))
        }
    }

    @Test("Start-up names each service in a word, not by printing the session with every listing")
    func startUpNamesItsServicesBriefly() async throws {
        try await DaemonFixture.with(counts: [.tiki: 20, .lazada: 20]) { fixture in
            let notify = try NotifySocketReceiver()
            defer { notify.stop() }
            let daemon = try fixture.launch(notify: notify, verbose: true)
            try await waitUntil("READY=1") { !notify.messages(containing: "READY=1").isEmpty }
            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0))

            let lines = daemon.standardError.split(separator: "\n")
            let starting = lines.filter { $0.contains("Starting service ") }
            #expect(starting.contains { $0.hasSuffix("sl-service=WatchDaemon") }, "\(starting)")
            #expect(starting.contains { $0.hasSuffix("sl-service=HangupService") }, "\(starting)")
            // A listing URL in a lifecycle line means a service was printed whole.
            let lifecycle = lines.filter { $0.contains("sl-") }
            #expect(!lifecycle.isEmpty)
            #expect(lifecycle.allSatisfy { !$0.contains("https://") && $0.utf8.count < 1000 }, "\(lifecycle.map(\.utf8.count))")
        }
    }

    @Test func aSecondInstanceOnTheSameStoreIsRefused() async throws {
        try await DaemonFixture.with(counts: [.tiki: 2]) { fixture in
            let notify = try NotifySocketReceiver()
            defer { notify.stop() }
            let first = try fixture.launch(notify: notify)
            try await waitUntil("the first daemon's READY=1") { !notify.messages(containing: "READY=1").isEmpty }

            let second = try fixture.launch(name: "second")
            let termination = await second.waitForExit(timeout: .seconds(30))
            #expect(termination != nil && termination != .exited(0))
            #expect(second.standardError.contains("another process (PID \(first.pid)) is already using this state directory"))
            #expect(first.isRunning)

            first.send(SIGTERM)
            #expect(await first.waitForExit(timeout: .seconds(30)) == .exited(0))
        }
    }

    @Test func aMetricsPortInUseStopsTheStartWithAClearError() async throws {
        try await DaemonFixture.with(counts: [.tiki: 1]) { fixture in
            // The mock marketplace holds this port.
            var settings = DaemonFixture.Settings()
            settings.metricsListen = "127.0.0.1:\(fixture.port)"
            try fixture.writeConfig(settings)
            let daemon = try fixture.launch()
            let termination = await daemon.waitForExit(timeout: .seconds(30))
            #expect(termination == .exited(1), "\(daemon.standardError)")
            #expect(daemon.standardError.contains("cannot serve metrics on 127.0.0.1:\(fixture.port)"))
            #expect(fixture.events().last?.event == "stopped")
        }
    }

    static func get(_ url: String) async throws -> String {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: url)))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        return String(decoding: data, as: UTF8.self)
    }
}
