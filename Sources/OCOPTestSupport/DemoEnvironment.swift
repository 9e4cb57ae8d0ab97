public import Foundation
public import MockMarketplace
public import OCOPCore

/// The demo catalog and scenario served by a real mock marketplace on 127.0.0.1, with a config
/// file in a fresh temporary folder: what `make demo` runs, inside a test.
public struct DemoEnvironment: Sendable {
    /// The checkout: the nearest folder above this file that holds `Package.swift`.
    public static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }()

    /// Where `swift build` put the executables (`ocop-watch`, `mock-marketplace`).
    public static var binaries: URL { repository.appendingPathComponent(".build/debug") }

    public let server: MockMarketplaceServer
    public let port: Int
    public let directory: URL
    public let configPath: String
    public let scenario: MockScenario

    /// Starts the mock and writes the config. Call ``stop()`` at the end.
    public static func start(scenario override: MockScenario? = nil, extraYAML: String = "") async throws -> DemoEnvironment {
        let scenario = try override ?? MockScenario(contentsOfFile: repository.appendingPathComponent("Config/demo/scenario.json").path)
        let server = MockMarketplaceServer(scenario: scenario)
        let port = try await server.start(on: DedicatedTaskExecutor.mockServers)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocop-watch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let demo = repository.appendingPathComponent("Config/demo").path
        let base = "http://127.0.0.1:\(port)"
        let marketplaces = ["tiki", "lazada", "shopee", "sendo", "tiktok_shop", "website"].map { id in
            "  \(id): {base_url: \"\(base)\", api_base_url: \"\(base)\", max_concurrent: 8, min_interval: 0s}"
        }
        let yaml = """
            paths:
              state_dir: state
              logs_dir: logs
            catalog:
              files: ["\(demo)/producers.csv", "\(demo)/products.csv", "\(demo)/listings.csv"]
            operator:
              contact: test@localhost
            http:
              allow_private_addresses: true
              max_concurrency: 32
              retries: 2
              retry_base_delay: 50ms
              timeout: 10s
            marketplaces:
            \(marketplaces.joined(separator: "\n"))
            \(extraYAML)
            """
        let configPath = directory.appendingPathComponent("config.yaml").path
        try yaml.write(toFile: configPath, atomically: true, encoding: .utf8)
        return DemoEnvironment(server: server, port: port, directory: directory, configPath: configPath, scenario: scenario)
    }

    public func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// What a check of `listing` must conclude when no fault interferes.
    public func expectedStatus(of listing: Listing) -> ListingStatus {
        if listing.marketplace == .sendo, scenario.sendoClosed { return .delisted }
        let itemID = Self.itemID(of: listing)
        guard let item = scenario.items.first(where: { $0.marketplace == listing.marketplace && $0.itemID == itemID }) else {
            return .delisted
        }
        switch item.state {
        case .active: return .active
        case .outOfStock: return .outOfStock
        case .delisted, .notFound, .regionUnavailable: return .delisted
        case .blocked: return .blocked
        }
    }

    /// The scenario's item id: the marketplace's numeric id, or the whole URL for websites.
    public static func itemID(of listing: Listing) -> String {
        if listing.marketplace == .website { return listing.url }
        if listing.marketplace == .shopee { return String(listing.url.split(separator: ".").last ?? "") }
        if listing.marketplace == .lazada {
            let name = listing.url.split(separator: "/").last ?? ""
            let item = name.split(separator: "-").first { $0.hasPrefix("i") && $0.dropFirst().allSatisfy(\.isNumber) }
            return item.map { String($0.dropFirst()) } ?? ""
        }
        if listing.marketplace == .tiki {
            let name = listing.url.split(separator: "?").first?.split(separator: "/").last ?? ""
            return String(name.split(separator: "-").last?.dropFirst().dropLast(5) ?? "")
        }
        return String(listing.url.split(separator: "/").last?.split(separator: ".").first?.split(separator: "-").last ?? "")
    }
}
