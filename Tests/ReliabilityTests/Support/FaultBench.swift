import CurlFetch
import Foundation
import MockMarketplace
import OCOPCore
import OCOPStore
import OCOPTestSupport

@testable import OCOPSync

/// A mock marketplace on 127.0.0.1, a config in a fresh folder pointing every marketplace at it,
/// with short timeouts and quick retries, and helpers to check listings through the real
/// adapter → fetch engine → interpretation path.
struct FaultBench: Sendable {
    let server: MockMarketplaceServer
    let port: Int
    let directory: URL
    let configPath: String

    /// The `http` settings of every bench: a fault must show within a second or two.
    static let defaultHTTP: [String: String] = [
        "allow_private_addresses": "true",
        "timeout": "1s",
        "connect_timeout": "1s",
        "retries": "2",
        "retry_base_delay": "20ms",
        "retry_max_delay": "100ms",
        "max_body_bytes": "1MiB",
        "max_concurrency": "16",
    ]

    /// - Parameters:
    ///   - scenario: What the mock answers.
    ///   - http: Settings merged over ``defaultHTTP``; an empty value removes the key.
    ///   - tikiBaseURL: Where the Tiki adapter sends its requests instead of the mock (a TLS
    ///     server, an unresolvable host …).
    ///   - perHost: Requests in flight at once to one host (every marketplace is the mock's host).
    ///   - extraYAML: Further top-level sections.
    ///   - entityTags: Whether the mock tags its pages and answers `304 Not Modified`.
    ///   - feeds: Marketplaces read from the mock's feed (`/feeds/ID.json`) instead of their pages.
    static func start(
        scenario: MockScenario,
        http: [String: String] = [:],
        tikiBaseURL: String? = nil,
        perHost: Int = 4,
        extraYAML: String = "",
        entityTags: Bool = false,
        feeds: Set<String> = []
    ) async throws -> FaultBench {
        let server = MockMarketplaceServer(
            scenario: scenario,
            configuration: .init(pageSizes: .compact, stallLimit: .seconds(20), entityTags: entityTags)
        )
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocw-reliability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let base = "http://127.0.0.1:\(port)"
        let settings = defaultHTTP.merging(http) { _, new in new }.filter { !$0.value.isEmpty }
        let httpLines = settings.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }
        let marketplaces = ["tiki", "lazada", "shopee", "sendo", "tiktok_shop", "website"].map { id in
            let url = id == "tiki" ? tikiBaseURL ?? base : base
            let feed = feeds.contains(id) ? "source: feed, feed_url: \"\(base)/feeds/\(id).json\", " : ""
            return "  \(id): {\(feed)base_url: \"\(url)\", api_base_url: \"\(url)\", max_concurrent: \(perHost), min_interval: 0s}"
        }
        let yaml = """
            paths:
              state_dir: state
              logs_dir: logs
            operator:
              contact: test@localhost
            http:
            \(httpLines.joined(separator: "\n"))
            marketplaces:
            \(marketplaces.joined(separator: "\n"))
            \(extraYAML)
            """
        let configPath = directory.appendingPathComponent("config.yaml").path
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        return FaultBench(server: server, port: port, directory: directory, configPath: configPath)
    }

    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    func context() throws -> WatchContext {
        try WatchContext(configPath: configPath, verbose: false, command: "reliability")
    }

    /// Checks one listing as a pass does, with an engine of its own.
    func check(_ listing: Listing) async throws -> Observation {
        let context = try context()
        let engine = try context.makeEngine()
        let observation = await context.makeChecker(engine: engine).check(listing)
        await engine.shutdown()
        return observation
    }

    /// A Tiki listing whose API request carries `itemID` (the mock's item id).
    static func tikiListing(_ itemID: String, product: String? = nil) -> Listing {
        Listing(productID: product ?? "TEST-P-\(itemID)", marketplace: .tiki, url: "https://tiki.vn/hang-thu-p\(itemID).html")
    }

    /// A scenario with active Tiki items `ids` and the given faults.
    static func tikiScenario(_ ids: [String], faults: [MockFault] = []) -> MockScenario {
        MockScenario(items: ids.map { MockItem(marketplace: .tiki, itemID: $0) }, faults: faults)
    }
}
