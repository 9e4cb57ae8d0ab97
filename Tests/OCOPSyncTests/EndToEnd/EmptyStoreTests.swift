import Foundation
import OCOPTestSupport
import Testing

@testable import OCOPSync

/// The reporting commands on a store that holds no catalog yet: they say what to do.
@Suite struct EmptyStoreTests {
    @Test func coverageAndExplainSayToImportTheCatalog() async throws {
        let config = try ScratchConfig()
        defer { config.remove() }
        let context = try WatchContext(configPath: config.path, verbose: false, command: "test")

        let table = try await context.coverageText(by: nil, format: "table")
        #expect(table.contains("No products counted yet: import the catalog"), "\(table)")
        let error = await #expect(throws: WatchError.self) { try await context.explain(productID: "DT-P-404") }
        #expect(error?.description.contains("product_id column of the products file") == true)
    }
}
