import Foundation
import Logging
import OCOPCatalog
import OCOPConfig
import OCOPCore
import OCOPStore

extension WatchContext {
    /// Validates catalog files without touching any store: `catalog validate`.
    public static func validateCatalog(files: [String]) throws -> String {
        let catalog = try CatalogParser.parse(files: files.map { URL(fileURLWithPath: $0) })
        return "OK: \(catalog.products.count) products, \(catalog.producers.count) producers, "
            + "\(catalog.listings.count) listings in \(files.count) file(s); nothing was changed"
    }

    /// Validates, then imports in one transaction: `catalog import`.
    public func importCatalog(files: [String]) async throws -> String {
        let store = try openStore()
        let summary = try await importCatalog(files: files, into: store)
        return Self.describe(summary)
    }

    /// Imports the files into `store`; a file with any error imports nothing.
    func importCatalog(files: [String], into store: any ObservationStore) async throws -> ImportSummary {
        let catalog = try CatalogParser.parse(files: files.map { URL(fileURLWithPath: $0) })
        let summary = try await store.importCatalog(catalog, source: files.joined(separator: ", "), at: Date())
        logger.info(
            "catalog imported",
            metadata: [
                "products": "\(catalog.products.count)", "producers": "\(catalog.producers.count)",
                "listings": "\(catalog.listings.count)", "changes": "\(summary.hasChanges)",
            ]
        )
        return summary
    }

    static func describe(_ summary: ImportSummary) -> String {
        guard summary.hasChanges else { return "Catalog unchanged: nothing to import." }
        func line(_ name: String, _ changes: ImportSummary.Changes) -> String {
            "  \(name): \(changes.added) added, \(changes.updated) updated, \(changes.removed) removed, \(changes.unchanged) unchanged"
        }
        return ["Catalog imported:", line("producers", summary.producers), line("products", summary.products), line("listings", summary.listings)]
            .joined(separator: "\n")
    }
}
