import Foundation
import OCOPConfig
import OCOPCore
import OCOPStore
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// Every key of the `coverage:` config section, read from YAML by the real loader, changes the
/// figure computed from one real pass over the demo.
@Suite(.serialized) struct CoverageRulesOnDemoTests {
    /// The demo's config plus `coverage` lines, next to it (same state folder, same store).
    func coverage(_ demo: DemoRun, _ section: String, now: Date = Date(), catalog: [String]? = nil) async throws -> CoverageReport {
        var yaml = try String(contentsOfFile: demo.configPath, encoding: .utf8)
        if !section.isEmpty { yaml += "\ncoverage:\n" + section.split(separator: "\n").map { "  \($0)" }.joined(separator: "\n") + "\n" }
        let path = URL(fileURLWithPath: demo.configPath).deletingLastPathComponent()
            .appendingPathComponent("rules-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let context = try WatchContext(configPath: path, verbose: false, command: "test")
        let store = try context.openStore()
        if let catalog { _ = try await context.importCatalog(files: catalog, into: store) }
        // The detailed report (every listing's reason) must agree with the lean one `coverage` prints.
        let lean = try await context.currentCoverage(store: store, now: now).report
        let catalog = try await store.catalog()
        let detailed = CoverageCalculator(rules: context.coverageRules).report(
            producers: catalog.producers,
            products: catalog.products,
            evidence: try await store.evidence(),
            now: now
        )
        var summarised = detailed
        for index in summarised.productCoverage.indices {
            summarised.productCoverage[index].reasons = Array(detailed.productCoverage[index].reasons.prefix(1))
            summarised.productCoverage[index].onlineListings = []
        }
        #expect(lean == summarised)
        return detailed
    }

    @Test func eachCoverageKeyChangesTheFigure() async throws {
        let demo = try await DemoRun.start()
        defer { Task { await demo.stop() } }
        try await demo.pass()
        let base = try await coverage(demo, "")
        #expect(base.products.total == 581)
        #expect(base.products.covered > 300)
        #expect(!base.products.meetsTarget)

        let activeOnly = try await coverage(demo, "online_statuses: [active]")
        #expect(activeOnly.products.covered < base.products.covered)
        #expect(activeOnly.products.uncovered > base.products.uncovered)

        let later = Date().addingTimeInterval(2 * 86_400)
        #expect(try await coverage(demo, "", now: later).products.covered == base.products.covered)
        let stale = try await coverage(demo, "stale_after: 1d", now: later)
        #expect(stale.products.covered == 0)
        #expect(stale.products.unverified >= base.products.covered)

        let ownShops = try await coverage(demo, "seller_relations: [own_shop]")
        #expect(ownShops.products.covered < base.products.covered)
        let explicitAny = try await coverage(demo, "seller_relations: [any]")
        #expect(explicitAny.products == base.products)

        let shopeeOnly = try await coverage(demo, "marketplaces: [shopee]")
        #expect(shopeeOnly.products.covered < base.products.covered)
        #expect(shopeeOnly.products.covered == base.breakdowns[.marketplace]?.first { $0.key == "shopee" }?.products.covered)
        #expect(shopeeOnly.breakdowns[.marketplace]?.first { $0.key == "tiktok_shop" }?.label.contains("not counted") == true)

        let shopeeClosed = try await coverage(demo, "channels:\n  shopee: {until: 2025-01-01}")
        #expect(shopeeClosed.products.covered < base.products.covered)

        // Sendo closed on 2025-04-15: by default its listings are not a channel; opened again by
        // the config, the same listings are judged on what the closed site answers (delisted).
        let sendo = try #require(try await demo.context().openStore().catalog().listings.first { $0.marketplace == .sendo })
        let closed = try #require(base.coverage(ofProduct: sendo.productID))
        #expect(closed.reasons.contains("\(sendo.url): sendo not an online channel now"))
        let sendoOpen = try await coverage(demo, "channels:\n  sendo: {until: 2099-01-01}")
        let reopened = try #require(sendoOpen.coverage(ofProduct: sendo.productID))
        #expect(reopened.reasons.contains("\(sendo.url): delisted (offline)"))
        #expect(sendoOpen.breakdowns[.marketplace]?.first { $0.key == "sendo" }?.label == "sendo")
        #expect(base.breakdowns[.marketplace]?.first { $0.key == "sendo" }?.label.contains("not counted") == true)

        let lowTargets = try await coverage(demo, "product_target: 50\nproducer_target: 60")
        #expect(lowTargets.products.target == 50)
        #expect(lowTargets.products.meetsTarget)
        #expect(lowTargets.producers.target == 60)
        #expect(lowTargets.producers.meetsTarget)
        #expect(lowTargets.breakdowns[.region]?.allSatisfy { $0.products.target == 50 } == true)

        // certificate_statuses: ten certificates marked expired in a copy of the catalog.
        let demoFolder = DemoEnvironment.repository.appendingPathComponent("Config/demo")
        var products = try String(contentsOf: demoFolder.appendingPathComponent("products.csv"), encoding: .utf8)
            .components(separatedBy: "\n")
        for index in 1...10 {
            products[index] = products[index].replacingOccurrences(of: ",active,", with: ",expired,")
        }
        let expiredCSV = demo.environment.directory.appendingPathComponent("products.csv")
        try products.joined(separator: "\n").write(to: expiredCSV, atomically: true, encoding: .utf8)
        let catalog = [
            demoFolder.appendingPathComponent("producers.csv").path, expiredCSV.path,
            demoFolder.appendingPathComponent("listings.csv").path,
        ]
        let activeCertificates = try await coverage(demo, "", catalog: catalog)
        #expect(activeCertificates.products.total == 571)
        let withExpired = try await coverage(demo, "certificate_statuses: [active, expired]")
        #expect(withExpired.products.total == 581)
        #expect(try await coverage(demo, "certificate_statuses: [expired]").products.total == 10)
    }
}
