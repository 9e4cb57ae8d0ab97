import Foundation
import Logging
import OCOPConfig
import OCOPCore
import OCOPStore

extension DaemonSession {
    /// Follows a catalog imported while the daemon runs (`ocop-watch catalog import`): new
    /// listings are scheduled and removed ones dropped at the next look, not at the next reload.
    ///
    /// Every import that changes the catalog commits a `catalog_imports` row with it, so the
    /// newest row tells whether anything changed; looking costs one small query per `daemon.tick`.
    mutating func followCatalogImports(at now: Date) async {
        guard now >= nextCatalogLook else { return }
        nextCatalogLook = now.addingTimeInterval(configuration.daemon.tick)
        do {
            let newest = try await store.imports(limit: 1).first
            guard newest != lastImport else { return }
            let catalog = try await store.catalog()
            lastImport = newest
            adopt(catalog, at: now)
            eventLog.record(
                "catalog_changed",
                "the stored catalog changed (an import); its listings are checked from now on",
                level: .notice,
                metadata: ["source": "\(newest?.source ?? "")", "listings": "\(planner.schedule.count)"]
            )
        } catch {
            report(error, "cannot read the stored catalog")
        }
    }

    /// Makes `catalog` the one checked: its listings are scheduled, others dropped.
    mutating func adopt(_ catalog: Catalog, at now: Date) {
        listings = Dictionary(catalog.listings.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        catalogProducts = Set(catalog.listings.map(\.productID))
        planner.sync(with: context.checkedListings(catalog.listings), at: now)
    }
}
