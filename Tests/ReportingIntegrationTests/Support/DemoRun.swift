import Foundation
import MockMarketplace
import OCOPConfig
import OCOPCore
import OCOPStore
import OCOPTestSupport

@testable import OCOPSync

/// The demo catalog checked against the loopback mock marketplace, pass after pass, with the
/// helpers the reporting tests share: a fresh `WatchContext` per pass (as separate
/// `ocop-watch sync --once` runs would have), the alert log, and a product to delist.
struct DemoRun {
    let environment: DemoEnvironment

    /// The demo scenario without its random-looking faults (a share of Shopee captchas), so that
    /// pass-to-pass differences come only from what a test changes.
    static func start(extraYAML: String = "") async throws -> DemoRun {
        var scenario = try MockScenario(
            contentsOfFile: DemoEnvironment.repository.appendingPathComponent("Config/demo/scenario.json").path
        )
        scenario.faults = []
        return DemoRun(environment: try await DemoEnvironment.start(scenario: scenario, extraYAML: extraYAML))
    }

    func stop() async {
        await environment.stop()
    }

    var configPath: String { environment.configPath }

    /// A new context on the same config and store: a restart, as far as state goes.
    func context() throws -> WatchContext {
        try WatchContext(configPath: configPath, verbose: false, command: "test")
    }

    /// One `sync --once`, by a fresh context.
    @discardableResult
    func pass() async throws -> PassOutcome {
        try await context().syncOnce()
    }

    /// Every line of the alert log, decoded.
    func alertLog(_ path: String? = nil) throws -> [AlertEvent] {
        let file = try path ?? context().configuration.paths.alertLog
        guard FileManager.default.fileExists(atPath: file) else { return [] }
        return try String(contentsOfFile: file, encoding: .utf8)
            .split(separator: "\n")
            .map { try JSONDecoder().decode(AlertEvent.self, from: Data($0.utf8)) }
    }

    /// A counted product whose only listing is on `marketplace` and shown active by the scenario,
    /// in an open channel: delisting that listing uncovers the product.
    func productWithOneActiveListing(on marketplace: MarketplaceID) async throws -> (Product, Listing) {
        let catalog = try await context().openStore().catalog()
        let listingsByProduct = Dictionary(grouping: catalog.listings, by: \.productID)
        for product in catalog.products.sorted(by: { $0.id < $1.id }) {
            guard let listings = listingsByProduct[product.id], listings.count == 1, let listing = listings.first,
                listing.marketplace == marketplace, environment.expectedStatus(of: listing) == .active
            else { continue }
            return (product, listing)
        }
        throw DemoRunError("the demo has no product whose only listing is an active \(marketplace) one")
    }

    /// Makes the mock marketplace say `state` for the listing.
    func set(_ state: MockItemState, _ listing: Listing) async {
        await environment.server.setState(state, marketplace: listing.marketplace, itemID: DemoEnvironment.itemID(of: listing))
    }

    /// Makes the mock marketplace say `state` for every item of `marketplace`.
    func set(_ state: MockItemState, everyItemOf marketplace: MarketplaceID) async {
        var scenario = await environment.server.scenario
        for index in scenario.items.indices where scenario.items[index].marketplace == marketplace {
            scenario.items[index].state = state
        }
        await environment.server.update(scenario: scenario)
    }

    /// `ocop-watch ARGUMENTS --config …` as a separate process.
    func tool(_ arguments: [String]) async throws -> ToolResult {
        try await Tool.run(try Tool.ocopWatch, arguments + ["--config", configPath])
    }
}

struct DemoRunError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
