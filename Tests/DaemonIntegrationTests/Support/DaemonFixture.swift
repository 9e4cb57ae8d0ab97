import Foundation
import MockMarketplace
import OCOPCore
import OCOPStore
import OCOPTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A temporary folder with a small catalog, a mock marketplace on 127.0.0.1 that serves it, and
/// a config for `ocop-watch sync` (the daemon) with intervals short enough for a test.
///
/// Settings shared by every daemon test: no HTTP retries (one check is one request, so the
/// mock's counts and the store can be compared), a 60 s interval (the config's minimum: no
/// listing is checked twice by schedule during a test), first checks within 1 s, one-second
/// batches, and budgets high enough never to pace.
struct DaemonFixture {
    /// What a test may vary in the config.
    struct Settings {
        var disabled: Set<MarketplaceID> = []
        var report = "report.html"
        var eventLog = "events.jsonl"
        var metricsListen: String?
        var metricsTextfile: String?
        var retryBase = "60s"
        var breakerCooldown = "15m"
        var confirmAfter = "15m"
        var shutdownGrace = "15s"
        var maxConcurrentPerHost = 8
        /// Marketplaces read from a feed file instead of the mock: id → `file://` URL.
        var feeds: [MarketplaceID: String] = [:]
        /// Written verbatim at the end, e.g. to make the file invalid.
        var extraYAML = ""
    }

    let directory: URL
    let server: MockMarketplaceServer
    let port: Int
    let catalog: SmallCatalog

    var configPath: String { directory.appendingPathComponent("config.yaml").path }
    var logsDirectory: URL { directory.appendingPathComponent("logs") }
    var databasePath: String { directory.appendingPathComponent("state/ocop-watch.sqlite").path }

    /// Writes the catalog (`counts` listings per marketplace) and starts the mock. The mock also
    /// knows the listings of `scenarioCounts` (a catalog a test grows to later), all `active`.
    static func start(
        counts: [MarketplaceID: Int],
        scenarioCounts: [MarketplaceID: Int]? = nil,
        faults: [MockFault] = [],
        settings: Settings = Settings()
    ) async throws -> DaemonFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocop-daemon-\(UUID().uuidString)")
        let catalog = try SmallCatalog.write(to: directory.appendingPathComponent("catalog"), counts: counts)
        let known = try SmallCatalog.write(
            to: directory.appendingPathComponent("scenario-catalog"),
            counts: scenarioCounts ?? counts
        )
        let server = MockMarketplaceServer(
            scenario: MockScenario(items: known.items(), faults: faults),
            configuration: .init(pageSizes: .compact)
        )
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)
        let fixture = DaemonFixture(directory: directory, server: server, port: port, catalog: catalog)
        try fixture.writeConfig(settings)
        return fixture
    }

    /// Runs `body` with a fixture made by ``start(counts:scenarioCounts:faults:settings:)`` and
    /// stops it afterwards, also when `body` throws.
    static func with(
        counts: [MarketplaceID: Int],
        scenarioCounts: [MarketplaceID: Int]? = nil,
        faults: [MockFault] = [],
        settings: Settings = Settings(),
        _ body: (DaemonFixture) async throws -> Void
    ) async throws {
        let fixture = try await start(counts: counts, scenarioCounts: scenarioCounts, faults: faults, settings: settings)
        do {
            try await body(fixture)
        } catch {
            let requests = await fixture.requests().map { "\($0.key.rawValue): \($0.value)" }.sorted()
            Issue.record("mock requests: \(requests); what the daemons wrote:\n\(fixture.daemonOutput())")
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    /// The last lines of every daemon's standard error and of the event log: a failure in CI is
    /// read from its output alone, and the folder is removed when the test ends.
    func daemonOutput(lines: Int = 15) -> String {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let paths =
            files.filter { $0.hasSuffix(".stderr") }.sorted().map { directory.appendingPathComponent($0) }
            + [logsDirectory.appendingPathComponent("events.jsonl")]
        return paths.map { url in
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? "(none)"
            return "--- \(url.lastPathComponent)\n" + text.split(separator: "\n").suffix(lines).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// Stops the mock and removes the folder.
    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// (Re)writes the config file.
    func writeConfig(_ settings: Settings, catalogFiles: [String]? = nil) throws {
        let base = "http://127.0.0.1:\(port)"
        let marketplaces = ["tiki", "lazada", "shopee", "tiktok_shop"].map { id in
            let feed = settings.feeds[MarketplaceID(id)].map { "source: feed, feed_url: \"\($0)\", " } ?? ""
            return "  \(id): {\(feed)enabled: \(!settings.disabled.contains(MarketplaceID(id))), base_url: \"\(base)\", "
                + "api_base_url: \"\(base)\", max_concurrent: \(settings.maxConcurrentPerHost), min_interval: 0s, "
                + "interval: 60s, requests_per_hour: 36000}"
        }
        let files = (catalogFiles ?? catalog.files).map { "\"\($0)\"" }.joined(separator: ", ")
        let feedDirectories = settings.feeds.values.compactMap { URL(string: $0)?.deletingLastPathComponent().path }
            .map { "\"\($0)\"" }
        var metrics = ""
        if let listen = settings.metricsListen { metrics += "  listen: \"\(listen)\"\n" }
        if let textfile = settings.metricsTextfile { metrics += "  textfile: \"\(textfile)\"\n" }
        let yaml = """
            paths:
              state_dir: state
              logs_dir: logs
              report: \(settings.report)
              event_log: \(settings.eventLog)
            catalog:
              files: [\(files)]
            operator:
              contact: test@localhost
            http:
              allow_private_addresses: true
              max_concurrency: 16
              retries: 0
              timeout: 10s
              feed_directories: [\(feedDirectories.joined(separator: ", "))]
            marketplaces:
            \(marketplaces.joined(separator: "\n"))
            daemon:
              batch_window: 1s
              flush_interval: 200ms
              tick: 1s
              first_check_within: 1s
              retry_base: \(settings.retryBase)
              breaker_cooldown: \(settings.breakerCooldown)
              confirm_after: \(settings.confirmAfter)
              shutdown_grace: \(settings.shutdownGrace)
            \(metrics.isEmpty ? "" : "metrics:\n" + metrics)\(settings.extraYAML)
            """
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts `ocop-watch sync --config …` (the daemon), with a fake systemd when `notify` is given
    /// and debug lines in its standard error when `verbose`.
    func launch(
        notify: NotifySocketReceiver? = nil,
        watchdogMicroseconds: Int? = nil,
        verbose: Bool = false,
        name: String = "daemon"
    ) throws -> ChildProcess {
        var environment: [String: String] = [:]
        if let notify { environment["NOTIFY_SOCKET"] = notify.address }
        if let watchdogMicroseconds { environment["WATCHDOG_USEC"] = String(watchdogMicroseconds) }
        return try ChildProcess(
            executable: BuiltProducts.executable("ocop-watch"),
            arguments: ["sync", "--config", configPath] + (verbose ? ["--verbose"] : []),
            environment: environment,
            standardErrorPath: directory.appendingPathComponent("\(name).stderr").path
        )
    }

    /// The records of an event log file (`events.jsonl` unless named), oldest first.
    func events(file: String = "events.jsonl") -> [EventRecord] {
        let url = logsDirectory.appendingPathComponent(file)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { EventRecord(line: String($0)) }
    }

    /// Records of one kind (`meta.event`), oldest first.
    func events(_ kind: String, file: String = "events.jsonl") -> [EventRecord] {
        events(file: file).filter { $0.event == kind }
    }

    /// The daemon's database, opened read-write as a second client (SQLite WAL allows it).
    func openStore() throws -> SQLiteStore {
        try SQLiteStore(path: databasePath)
    }

    /// Observations stored per marketplace.
    func storedObservations() async throws -> [MarketplaceID: Int] {
        let store = try openStore()
        var counts: [MarketplaceID: Int] = [:]
        for listing in try await store.catalog().listings {
            let stored = try await store.history(for: listing.key, limit: 1000).count
            // Like the mock's request counts: a marketplace nothing was stored for has no entry.
            if stored > 0 { counts[listing.marketplace, default: 0] += stored }
        }
        return counts
    }

    /// The statuses of every stored observation, counted.
    func storedStatuses() async throws -> [ListingStatus: Int] {
        let store = try openStore()
        var counts: [ListingStatus: Int] = [:]
        for listing in try await store.catalog().listings {
            for observation in try await store.history(for: listing.key, limit: 1000) {
                counts[observation.verdict.status, default: 0] += 1
            }
        }
        return counts
    }

    /// Requests the mock answered per marketplace.
    func requests() async -> [MarketplaceID: Int] {
        let stats = await server.stats()
        var counts: [MarketplaceID: Int] = [:]
        for (name, count) in stats.marketplaces { counts[MarketplaceID(name)] = count }
        return counts
    }

    /// A loopback port free right now, for `metrics.listen`: one that refused connections an
    /// instant ago and is let go.
    static func freePort() throws -> Int {
        try RefusingPort().port
    }
}

/// One line of the daemon's event log.
struct EventRecord: CustomStringConvertible {
    var timestamp: String
    var level: String
    var message: String
    var metadata: [String: String]

    var event: String? { metadata["event"] }

    init?(line: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            let timestamp = object["ts"] as? String, let level = object["level"] as? String,
            let message = object["msg"] as? String
        else { return nil }
        self.timestamp = timestamp
        self.level = level
        self.message = message
        var metadata: [String: String] = [:]
        for (key, value) in object["meta"] as? [String: Any] ?? [:] {
            metadata[key] = "\(value)"
        }
        self.metadata = metadata
    }

    var description: String { "\(timestamp) \(level) \(message) \(metadata)" }
}
