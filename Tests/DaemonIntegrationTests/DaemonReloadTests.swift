import Foundation
import MockMarketplace
import OCOPCore
import OCOPTestSupport
import Testing

/// SIGHUP: the config and the catalog it names are re-read and applied without a restart, log
/// files renamed by logrotate are reopened, and an invalid config is refused while the old one
/// stays in force.
@Suite struct DaemonReloadTests {
    @Test func sighupAppliesConfigAndCatalogAndReopensTheEventLog() async throws {
        try await DaemonFixture.with(
            counts: [.tiki: 3, .lazada: 3],
            scenarioCounts: [.tiki: 4, .lazada: 4]
        ) { fixture in
            let notify = try NotifySocketReceiver()
            defer { notify.stop() }
            let daemon = try fixture.launch(notify: notify)
            try await waitUntil("every listing checked") { await fixture.requests().values.reduce(0, +) >= 6 }
            try await waitUntil("a report written") {
                FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("state/report.html").path)
            }

            // The operator grows the catalog by one listing per marketplace, switches Tiki off and
            // moves the report; logrotate renames the event log, then sends SIGHUP.
            let grown = try SmallCatalog.write(to: fixture.directory.appendingPathComponent("catalog"), counts: [.tiki: 4, .lazada: 4])
            var settings = DaemonFixture.Settings()
            settings.disabled = [.tiki]
            settings.report = "moved/report.html"
            try fixture.writeConfig(settings)
            let events = fixture.logsDirectory.appendingPathComponent("events.jsonl")
            let rotated = fixture.logsDirectory.appendingPathComponent("events.jsonl.1")
            try FileManager.default.moveItem(at: events, to: rotated)
            let tikiBefore = await fixture.requests()[.tiki] ?? 0
            daemon.send(SIGHUP)

            try await waitUntil("RELOADING=1 then READY=1") {
                let messages = notify.messages
                guard let reloading = messages.firstIndex(where: { $0.contains("RELOADING=1") }) else { return false }
                return messages[reloading...].contains { $0.contains("READY=1") }
            }
            #expect(notify.messages(containing: "RELOADING=1").first?.contains("MONOTONIC_USEC=") == true)
            try await waitUntil("the reload record in a new events.jsonl") { !fixture.events("reload").isEmpty }
            #expect(fixture.events("reload", file: "events.jsonl.1").isEmpty)

            let newLazada = try #require(grown.listings(of: .lazada).last)
            let newTiki = try #require(grown.listings(of: .tiki).last)
            try await waitUntil("the new Lazada listing checked") {
                await fixture.server.requestCount(marketplace: .lazada, itemID: DemoEnvironment.itemID(of: newLazada)) > 0
            }
            try await waitUntil("the report written to its new path") {
                FileManager.default.fileExists(atPath: fixture.directory.appendingPathComponent("state/moved/report.html").path)
            }
            #expect(await fixture.server.requestCount(marketplace: .tiki, itemID: DemoEnvironment.itemID(of: newTiki)) == 0)
            #expect(await fixture.requests()[.tiki] ?? 0 == tikiBefore, "Tiki is disabled: no request after the reload")

            // An invalid config is refused; the daemon keeps running on the previous one.
            settings.extraYAML = "http_typo: {timeout: 5s}\n"
            try fixture.writeConfig(settings)
            let readyCount = notify.messages(containing: "READY=1").count
            daemon.send(SIGHUP)
            try await waitUntil("the reload refused") { !fixture.events("reload_rejected").isEmpty }
            try await waitUntil("READY=1 after the refused reload") { notify.messages(containing: "READY=1").count > readyCount }
            let rejected = try #require(fixture.events("reload_rejected").first)
            #expect(rejected.metadata["error"]?.contains("http_typo") == true)
            #expect(notify.statuses.last?.contains("reload rejected") == true)
            #expect(daemon.isRunning)

            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")
            #expect(await fixture.requests()[.tiki] ?? 0 == tikiBefore)
        }
    }

    /// `ocop-watch catalog import` while the daemon runs: the daemon takes the new catalog in at
    /// its next look at the store, without SIGHUP. New listings are checked, and a good reload
    /// after a rejected one clears the rejection from STATUS.
    @Test func aCatalogImportedWhileTheDaemonRunsIsFollowed() async throws {
        try await DaemonFixture.with(counts: [.tiki: 3, .lazada: 3], scenarioCounts: [.tiki: 4, .lazada: 4]) { fixture in
            let notify = try NotifySocketReceiver()
            defer { notify.stop() }
            let daemon = try fixture.launch(notify: notify)
            try await waitUntil("every listing checked") { await fixture.requests().values.reduce(0, +) >= 6 }

            let grown = try SmallCatalog.write(to: fixture.directory.appendingPathComponent("grown"), counts: [.tiki: 4, .lazada: 4])
            let importer = try ChildProcess(
                executable: BuiltProducts.executable("ocop-watch"),
                arguments: ["catalog", "import", "--config", fixture.configPath] + grown.files,
                standardErrorPath: fixture.directory.appendingPathComponent("import.stderr").path
            )
            #expect(await importer.waitForExit() == .exited(0), "\(importer.standardError)")
            let newLazada = try #require(grown.listings(of: .lazada).last)
            try await waitUntil("the imported listing checked") {
                await fixture.server.requestCount(marketplace: .lazada, itemID: DemoEnvironment.itemID(of: newLazada)) > 0
            }
            let changed = try #require(fixture.events("catalog_changed").first)
            #expect(changed.metadata["listings"] == "8")
            #expect(fixture.events("reload").isEmpty, "no reload was asked for")

            var settings = DaemonFixture.Settings()
            settings.extraYAML = "http_typo: {timeout: 5s}\n"
            try fixture.writeConfig(settings, catalogFiles: grown.files)
            daemon.send(SIGHUP)
            try await waitUntil("the reload refused") { notify.statuses.last?.contains("reload rejected") == true }
            settings.extraYAML = ""
            try fixture.writeConfig(settings, catalogFiles: grown.files)
            daemon.send(SIGHUP)
            try await waitUntil("the good reload") { !fixture.events("reload").isEmpty }
            try await waitUntil("STATUS after the good reload") { notify.statuses.last?.contains("reload rejected") == false }

            daemon.send(SIGTERM)
            #expect(await daemon.waitForExit(timeout: .seconds(30)) == .exited(0), "\(daemon.standardError)")
        }
    }

    /// The metrics textfile, shared by the daemon and `sync --once` on one store: the counter of
    /// checks never falls from one writer to the next, and a reload that changes the coverage
    /// target shows at once, not at the next batch (a listing's next check, a minute away here,
    /// hours in production), with the last pass's times kept.
    @Test func theMetricsFollowEveryWriterAndANewTargetAtOnce() async throws {
        var settings = DaemonFixture.Settings()
        settings.metricsTextfile = "metrics.prom"
        try await DaemonFixture.with(counts: [.tiki: 3], settings: settings) { fixture in
            let textfile = fixture.directory.appendingPathComponent("metrics.prom").path
            func samples(_ prefix: String) -> [Double] {
                ((try? String(contentsOfFile: textfile, encoding: .utf8)) ?? "").split(separator: "\n")
                    .filter { $0.hasPrefix(prefix) }.compactMap { Double($0.split(separator: " ").last ?? "") }
            }
            func checks() -> Double { samples("ocop_checks_total{").reduce(0, +) }
            let first = try fixture.launch()
            try await waitUntil("the first batch's metrics") { checks() >= 3 }
            first.send(SIGTERM)
            #expect(await first.waitForExit(timeout: .seconds(30)) == .exited(0), "\(first.standardError)")
            let byDaemon = checks()

            let pass = try ChildProcess(
                executable: BuiltProducts.executable("ocop-watch"), arguments: ["sync", "--once", "--config", fixture.configPath],
                environment: [:], standardErrorPath: fixture.directory.appendingPathComponent("once.stderr").path)
            #expect(await pass.waitForExit(timeout: .seconds(60)) == .exited(0), "\(pass.standardError)")
            #expect(checks() == byDaemon + 3, "the pass's checks added to the daemon's, not in their place")

            // Nothing is due for half an interval: what the restarted daemon writes is an idle
            // publication's, after the reload.
            let second = try fixture.launch(name: "second")
            try await Task.sleep(for: .seconds(2))
            settings.extraYAML = "coverage:\n  product_target: 80\n"
            try fixture.writeConfig(settings)
            second.send(SIGHUP)
            try await waitUntil("the new target in the metrics", timeout: .seconds(15)) {
                samples(#"ocop_coverage_target_ratio{subject="products"}"#) == [0.8]
            }
            #expect(checks() == byDaemon + 3)
            #expect(samples("ocop_last_pass_completed_timestamp_seconds").first.map { $0 > 0 } == true, "the last pass's time kept")
            second.send(SIGTERM)
            #expect(await second.waitForExit(timeout: .seconds(30)) == .exited(0), "\(second.standardError)")
        }
    }
}
