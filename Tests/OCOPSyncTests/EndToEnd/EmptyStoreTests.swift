import Foundation
import OCOPConfig
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// The reporting commands on a store that holds no catalog yet: they say what to do.
@Suite struct EmptyStoreTests {
    @Test func coverageAndExplainSayToImportTheCatalog() async throws {
        let config = try ScratchConfig()
        defer { config.remove() }
        let context = try WatchContext(configPath: config.path, verbose: false, command: "test")
        _ = try context.openStore()

        let table = try await context.coverageText(by: nil, format: "table")
        #expect(table.contains("No products counted yet: import the catalog"), "\(table)")
        let error = await #expect(throws: WatchError.self) { try await context.explain(productID: "DT-P-404") }
        #expect(error?.description.contains("the store holds no catalog yet; import it first") == true)
    }

    /// A mistyped `paths.state_dir` must not give an empty store, a report of 0 % and "no alert
    /// is firing" that an officer could pass on as true.
    @Test func readingCommandsRefuseAMissingStoreAndCreateNone() async throws {
        let config = try ScratchConfig()
        defer { config.remove() }
        let context = try WatchContext(configPath: config.path, verbose: false, command: "test")
        let database = context.configuration.paths.database
        let attempts: [(String, () async throws -> String)] = [
            ("coverage", { try await context.coverageText(by: nil, format: "table") }),
            ("alerts", { try await context.firingAlerts(json: false) }),
            ("report", { try await context.writeReport(to: config.directory.appendingPathComponent("r.html").path) }),
            ("explain", { try await context.explain(productID: "DT-P-000001") }),
        ]
        for (command, attempt) in attempts {
            let error = await #expect(throws: WatchError.self, "\(command)") { _ = try await attempt() }
            #expect(error?.description.hasPrefix("no store at \(database)") == true, "\(command): \(String(describing: error))")
        }
        #expect(!FileManager.default.fileExists(atPath: database), "no store was created")
        #expect(!FileManager.default.fileExists(atPath: config.directory.appendingPathComponent("r.html").path))
    }
}
