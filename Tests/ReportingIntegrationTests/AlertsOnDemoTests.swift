import Foundation
import MockMarketplace
import OCOPConfig
import OCOPCore
import OCOPStore
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// Alerts end to end over the demo: the mock marketplace changes what it says, `sync --once`
/// passes run, and the alert log, the district digests and `ocop-watch alerts` are read back.
@Suite(.serialized) struct AlertsOnDemoTests {
    @Test func aDelistingFiresOnceSurvivesARestartAndResolvesOnce() async throws {
        // The config raises delistings to critical (default warning); lost coverage keeps its own.
        let demo = try await DemoRun.start(
            extraYAML: "alerts:\n  region_digests: true\n  severities: {listing_delisted: critical}")
        defer { Task { await demo.stop() } }
        try await demo.pass()
        let (product, listing) = try await demo.productWithOneActiveListing(on: .tiktokShop)
        let listingKey = "listing_delisted:\(product.id):\(listing.url)"
        let productKey = "product_lost_coverage:\(product.id)"
        func lines(_ key: String, _ state: AlertEvent.State) throws -> [AlertEvent] {
            try demo.alertLog().filter { $0.key == key && $0.state == state }
        }

        await demo.set(.delisted, listing)
        try await demo.pass()
        #expect(try lines(listingKey, .firing).isEmpty, "one delisted check is not enough (fire_after: 2)")
        #expect(try lines(productKey, .firing).isEmpty)

        try await demo.pass()
        #expect(try lines(listingKey, .firing).count == 1)
        #expect(try lines(productKey, .firing).count == 1)
        let firing = try #require(try lines(listingKey, .firing).first)
        #expect(firing.product == product.id)
        #expect(firing.listing == listing.url)
        #expect(firing.marketplace == .tiktokShop)
        #expect(firing.region == product.region.districtLabel)
        #expect(firing.severity == .critical)
        #expect(try lines(productKey, .firing).first?.severity == .warning)

        // A restart: a new context on the same store, another pass, still one line each.
        try await demo.pass()
        #expect(try lines(listingKey, .firing).count == 1, "no re-fire after a restart")
        #expect(try lines(productKey, .firing).count == 1)
        #expect(try demo.alertLog().filter { $0.key == listingKey || $0.key == productKey }.count == 2)

        let listed = try await demo.tool(["alerts", "--format", "json"])
        #expect(listed.succeeded, "\(listed.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let keys = Set(array.compactMap { $0["key"] as? String })
        #expect(keys.isSuperset(of: [listingKey, productKey]))
        #expect(array.allSatisfy { $0["since"] is String && $0["severity"] is String })
        let table = try await demo.tool(["alerts"])
        #expect(table.succeeded)
        #expect(table.stdout.contains("Firing alerts: \(array.count)"))
        #expect(table.stdout.contains(product.id))

        await demo.set(.active, listing)
        try await demo.pass()
        #expect(try lines(listingKey, .resolved).isEmpty, "one good check is not enough (resolve_after: 2)")
        try await demo.pass()
        #expect(try lines(listingKey, .resolved).count == 1)
        #expect(try lines(productKey, .resolved).count == 1)
        #expect(try lines(listingKey, .firing).count == 1)
        let after = try await demo.context().firingAlerts(json: true)
        #expect(!after.contains(listingKey))
        #expect(!after.contains(productKey))

        // The district digest holds the product's events, and no other district's file does.
        let folder = URL(fileURLWithPath: try demo.context().configuration.paths.alertLog).deletingLastPathComponent()
        let district = product.region.districtCode ?? product.region.districtLabel
        let digest = try demo.alertLog(folder.appendingPathComponent(AlertDigest.fileName(forDistrict: district)).path)
        #expect(digest.filter { $0.key == listingKey }.map(\.state) == [.firing, .resolved])
        #expect(digest.filter { $0.key == productKey }.map(\.state) == [.firing, .resolved])
        #expect(digest.contains { $0.key == "coverage_below_target:district:\(district)" })
        #expect(!digest.contains { $0.key == "coverage_below_target:products" }, "province-wide alerts stay in the main log")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("alerts-") }
        #expect(files.count == Set(try await demo.context().openStore().catalog().products.compactMap(\.region.districtCode)).count)
        for file in files where file != AlertDigest.fileName(forDistrict: district) {
            let events = try demo.alertLog(folder.appendingPathComponent(file).path)
            #expect(!events.contains { $0.product == product.id })
        }
    }

    @Test func aBlockingMarketplaceIsOneAlertAndAMassDelistingIsOneGroupedLine() async throws {
        let demo = try await DemoRun.start()
        defer { Task { await demo.stop() } }
        // Two passes, so that the demo's own listing alerts (which need two checks) have fired.
        try await demo.pass()
        let before = try await demo.pass()
        var seen = try demo.alertLog().count
        func newLines() throws -> [AlertEvent] {
            let log = try demo.alertLog()
            defer { seen = log.count }
            return Array(log.dropFirst(seen))
        }

        await demo.set(.blocked, everyItemOf: .lazada)
        let blocked = try await demo.pass()
        #expect(blocked.counts[.blocked, default: 0] >= 62)
        // Nothing else: no product lost coverage because its checks could not look.
        let degraded = try newLines()
        #expect(degraded.map(\.key) == ["adapter_degraded:lazada"], "\(degraded.map(\.key))")
        #expect(degraded.first?.state == .firing)
        #expect(degraded.first?.severity == .critical)
        #expect(blocked.coverage.products == before.coverage.products)
        #expect(blocked.coverage.producers == before.coverage.producers)
        try await demo.pass()
        #expect(try newLines().isEmpty, "a degraded marketplace raises nothing more")

        func firingDelistedOnTikTok() async throws -> Int {
            let text = try await demo.context().firingAlerts(json: true)
            let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            return array.filter { $0["kind"] as? String == "listing_delisted" && $0["marketplace"] as? String == "tiktok_shop" }
                .count
        }
        func firingOutOfStockOnTikTok() async throws -> Int {
            let text = try await demo.context().firingAlerts(json: true)
            let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            return array.filter { $0["kind"] as? String == "listing_out_of_stock" && $0["marketplace"] as? String == "tiktok_shop" }
                .count
        }
        let firingBefore = try await firingDelistedOnTikTok()
        let outOfStockBefore = try await firingOutOfStockOnTikTok()
        try #require(outOfStockBefore > 0, "the demo has TikTok Shop listings out of stock")
        await demo.set(.delisted, everyItemOf: .tiktokShop)
        try await demo.pass()
        #expect(try newLines().filter { $0.marketplace == .tiktokShop }.isEmpty, "pending after one pass")
        try await demo.pass()
        let lines = try newLines()
        let delisted = lines.filter { $0.kind == .listingDelisted }
        #expect(delisted.map(\.key) == ["listing_delisted:group:tiktok_shop"], "\(delisted.map(\.key))")
        let group = try #require(delisted.first)
        #expect((group.count ?? 0) > 100)
        #expect(group.sample?.count == 5)
        let lost = lines.filter { $0.kind == .productLostCoverage }
        #expect(lost.map(\.key) == ["product_lost_coverage:group:all"], "\(lost.map(\.key))")
        #expect((lost.first?.count ?? 0) > 20)
        let fired = lines.filter { $0.state == .firing }
        #expect(fired.count < 10, "one incident, a handful of lines: \(fired.map(\.key))")
        // Listings that were out of stock are now delisted: each of those alerts resolves exactly.
        let resolved = lines.filter { $0.state == .resolved }
        #expect(!resolved.isEmpty)
        #expect(resolved.allSatisfy { $0.kind == .listingOutOfStock && $0.marketplace == .tiktokShop })
        #expect(resolved.reduce(0) { $0 + ($1.count ?? 1) } == outOfStockBefore, "\(resolved.map(\.key))")
        #expect(try await firingOutOfStockOnTikTok() == 0)

        #expect(try await firingDelistedOnTikTok() == firingBefore + (group.count ?? 0), "each item is still tracked")
        let firing = try await demo.context().firingAlerts(json: true)
        #expect(firing.contains("\"adapter_degraded:lazada\""))
    }

    /// An alert log that cannot be written loses nothing: the lines wait in the store and reach
    /// the log, in order, at the next publication that can write it.
    @Test func linesTheAlertLogCouldNotTakeAreWrittenLater() async throws {
        let demo = try await DemoRun.start(extraYAML: "alerts:\n  region_digests: true")
        defer { Task { await demo.stop() } }
        let path = try demo.context().configuration.paths.alertLog
        let digest = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("alerts-866.jsonl").path
        // Folders where the files should be: opening them fails, whoever runs the test.
        for file in [path, digest] { try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: true) }
        let first = try await demo.pass()
        try FileManager.default.removeItem(atPath: path)
        #expect(try demo.alertLog().isEmpty)

        try await demo.pass()
        let log = try demo.alertLog()
        let products = log.filter { $0.key == "coverage_below_target:products" }
        #expect(products.map(\.state) == [.firing], "fired once, in the first pass, written by the second")
        #expect(products.first.map { $0.time <= first.endedAt } == true)
        #expect(log.map(\.time) == log.map(\.time).sorted(), "the waiting lines come first")

        // The district's digest could take nothing in two passes; the third has no event for it
        // (its listing alerts fired in the second), and writes its waiting lines all the same.
        try FileManager.default.removeItem(atPath: digest)
        let lines = try demo.alertLog().count
        try await demo.pass()
        #expect(try demo.alertLog().count == lines, "no line written twice, no new event")
        let district = try demo.alertLog(digest)
        #expect(district.filter { $0.key == "coverage_below_target:district:866" }.map(\.state) == [.firing])
        #expect(district.map(\.time) == district.map(\.time).sorted())
        #expect(district.contains { $0.time > first.endedAt }, "the second pass's lines too")
    }

    /// The operator follows the error and points `logs_dir` elsewhere: the lines that waited
    /// for the old folder reach the logs in the new one, never retried to the old path for ever.
    @Test func linesThatWaitedForAnOldFolderReachTheNewOne() async throws {
        let demo = try await DemoRun.start(extraYAML: "alerts:\n  region_digests: true")
        defer { Task { await demo.stop() } }
        let old = URL(fileURLWithPath: try demo.context().configuration.paths.alertLog).deletingLastPathComponent()
        // A file where the log folder should be: nothing can be written under it.
        try FileManager.default.createDirectory(at: old.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data().write(to: old)
        let first = try await demo.pass()
        let config = try String(contentsOfFile: demo.configPath, encoding: .utf8)
        try config.replacingOccurrences(of: "logs_dir: logs", with: "logs_dir: fixed-logs")
            .write(toFile: demo.configPath, atomically: true, encoding: .utf8)
        let path = try demo.context().configuration.paths.alertLog
        #expect(!path.hasPrefix(old.path + "/"), "\(path)")

        try await demo.pass()
        let log = try demo.alertLog(path)
        let products = log.filter { $0.key == "coverage_below_target:products" }
        #expect(products.map(\.state) == [.firing], "fired in the first pass, written after the fix")
        #expect(products.first.map { $0.time <= first.endedAt } == true)
        #expect(log.map(\.time) == log.map(\.time).sorted(), "the waiting lines come first")
        let digest = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("alerts-866.jsonl").path
        #expect(try demo.alertLog(digest).contains { $0.key == "coverage_below_target:district:866" && $0.time <= first.endedAt })
        let waiting = try await demo.context().openStore().loadStates(namespace: "alerts.undelivered")
        #expect(waiting.isEmpty, "still waiting: \(waiting.keys.sorted())")
    }

    /// An alert log named like a digest (`alerts-2025.jsonl`) is still the alert log: its waiting
    /// lines reach the one the config names next, not a digest of that name.
    @Test func linesThatWaitedForALogNamedLikeADigestReachTheLog() async throws {
        let demo = try await DemoRun.start()
        defer { Task { await demo.stop() } }
        let blocked = URL(fileURLWithPath: demo.configPath).deletingLastPathComponent().appendingPathComponent("blocked")
        try Data().write(to: blocked)
        let config = try String(contentsOfFile: demo.configPath, encoding: .utf8)
        try (config + "\n").replacingOccurrences(of: "logs_dir: logs", with: "logs_dir: logs\n  alert_log: \(blocked.path)/alerts-2025.jsonl")
            .write(toFile: demo.configPath, atomically: true, encoding: .utf8)
        let first = try await demo.pass()
        try config.write(toFile: demo.configPath, atomically: true, encoding: .utf8)
        try await demo.pass()
        let log = try demo.alertLog()
        #expect(log.contains { $0.key == "coverage_below_target:products" && $0.time <= first.endedAt }, "\(log.count) lines")
        let folder = URL(fileURLWithPath: try demo.context().configuration.paths.alertLog).deletingLastPathComponent()
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("alerts-2025.jsonl").path))
    }
}
