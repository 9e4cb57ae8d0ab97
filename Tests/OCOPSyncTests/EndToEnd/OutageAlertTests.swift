import Foundation
import OCOPCore
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// An outage must reach the operator: a pass whose every check fails completes, but is no success.
@Suite struct OutageAlertTests {
    @Test func aPassInWhichEveryCheckIsUnreachableRaisesNoSuccessfulPass() async throws {
        let catalogFolder = FileManager.default.temporaryDirectory.appendingPathComponent("ocw-outage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: catalogFolder) }
        let catalog = try SmallCatalog.write(to: catalogFolder, counts: [.tiki: 3])
        // Nothing listens on port 1: every request is refused, as with the network down.
        let config = try ScratchConfig(
            """
            catalog:
              files: [\(catalog.files.map { "\"\($0)\"" }.joined(separator: ", "))]
            http:
              allow_private_addresses: true
              retries: 0
            marketplaces:
              tiki: {base_url: "http://127.0.0.1:1", min_interval: 0s}

            """
        )
        defer { config.remove() }
        let context = try WatchContext(configPath: config.path, verbose: false, command: "test")

        let outcome = try await context.syncOnce()
        #expect(outcome.counts == [.unreachable: 3])
        let firing = try await context.firingAlerts(json: true)
        #expect(firing.contains("\"no_successful_pass\""), "\(firing)")
    }
}
