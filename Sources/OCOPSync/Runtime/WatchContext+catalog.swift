import Foundation
import Logging
import OCOPCatalog
import OCOPConfig
import OCOPCore
import OCOPStore

extension WatchContext {
    /// Validates catalog files without touching any store: `catalog validate`.
    public static func validateCatalog(files: [String]) throws -> String {
        let catalog = try parseShowingProgress(files: files)
        let report =
            "OK: \(catalog.products.count) products, \(catalog.producers.count) producers, "
            + "\(catalog.listings.count) listings in \(files.count) file(s); nothing was changed"
        return report + (lapsedCertificatesNote(catalog, now: Date()).map { "\n\n" + $0 } ?? "")
    }

    /// Certificates the sheet marks active whose validity has passed: coverage counts them as the
    /// catalog states (the office decides when a re-evaluation ends one), so the officer who
    /// validates or imports the sheet is told which to look at.
    static func lapsedCertificatesNote(_ catalog: Catalog, now: Date) -> String? {
        let today = AlertRules.provinceTimeZone.civilDate(of: now)
        let lapsed = catalog.products.filter { $0.status == .active && $0.isPastValidUntil(on: today) }
        guard !lapsed.isEmpty else { return nil }
        let sample = lapsed.prefix(3).map(\.id).joined(separator: ", ") + (lapsed.count > 3 ? ", …" : "")
        return "Note: \(lapsed.count) certificate(s) marked active are past their valid_until (\(sample)). Coverage "
            + "counts them as the catalog states; after re-evaluation set their status to expired, or list the new "
            + "certificate."
    }

    /// Validates, then imports in one transaction: `catalog import`.
    ///
    /// An explicit import always parses and validates the files, even when they look unchanged.
    /// When `catalog.files` names other files, the summary says that the next `sync --once`,
    /// reload or restart imports those again and undoes this import.
    public func importCatalog(files: [String]) async throws -> String {
        let store = try openStore()
        let (summary, catalog) = try await parseAndImport(files: files, into: store)
        let described = Self.describe(summary) + (Self.lapsedCertificatesNote(catalog, now: Date()).map { "\n\n" + $0 } ?? "")
        let configured = configuration.catalog.files
        func resolved(_ paths: [String]) -> Set<String> {
            Set(paths.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path })
        }
        guard !configured.isEmpty, resolved(configured) != resolved(files) else { return described }
        let note =
            "catalog.files in \(configuration.sourceFile ?? "the config") names other files ("
            + configured.joined(separator: ", ") + "): the next sync, reload or restart imports those again and "
            + "undoes this import. Edit those files instead, or point catalog.files at these."
        return described + "\n\nNote: " + note
    }

    /// Imports the files into `store` unless they are unchanged since the last import: `sync --once`
    /// and the daemon's start and reload. A file with any error imports nothing.
    ///
    /// Parsing a large catalog costs more than the rest of a quiet pass, and re-importing the same
    /// files changes nothing, so an unchanged ``CatalogFingerprint`` skips the parse altogether.
    func importCatalog(files: [String], into store: any ObservationStore) async throws -> ImportSummary {
        if try await isUnchangedSinceLastImport(files: files, store: store) {
            logger.debug("catalog unchanged since the last import; not parsed", metadata: ["files": "\(files.count)"])
            return ImportSummary()
        }
        return try await parseAndImport(files: files, into: store).summary
    }

    /// Whether the files have the fingerprint saved by the last import.
    private func isUnchangedSinceLastImport(files: [String], store: any ObservationStore) async throws -> Bool {
        guard let saved = try await store.loadState(namespace: CatalogFingerprint.namespace, key: CatalogFingerprint.key),
            let current = CatalogFingerprint(files: files)
        else { return false }
        return current.data == saved
    }

    /// Parses and imports the files, then remembers their fingerprint for ``importCatalog(files:into:)``.
    private func parseAndImport(
        files: [String],
        into store: any ObservationStore
    ) async throws -> (summary: ImportSummary, catalog: Catalog) {
        // Taken before parsing: a file edited meanwhile then differs from it and is parsed again next time.
        let fingerprint = CatalogFingerprint(files: files)
        let catalog = try Self.parseShowingProgress(files: files)
        if TerminalProgress.stderrIsInteractive {
            FileHandle.standardError.write(Data("writing \(catalog.listings.count) listings and their products to the store…\n".utf8))
        }
        let summary = try await store.importCatalog(catalog, source: files.joined(separator: ", "), at: Date())
        if let fingerprint {
            try await store.saveState(
                namespace: CatalogFingerprint.namespace,
                key: CatalogFingerprint.key,
                data: fingerprint.data
            )
        }
        logger.info(
            "catalog imported",
            metadata: [
                "products": "\(catalog.products.count)", "producers": "\(catalog.producers.count)",
                "listings": "\(catalog.listings.count)", "changes": "\(summary.hasChanges)",
            ]
        )
        return (summary, catalog)
    }

    /// Parses the files with a progress line on a terminal (rows read and validated, rate, ETA):
    /// a national catalog takes seconds.
    static func parseShowingProgress(files: [String]) throws(CatalogValidationError) -> Catalog {
        let progress = TerminalProgress(total: 0, label: "reading catalog rows")
        defer { progress.finish() }
        return try CatalogParser.parse(files: files.map { URL(fileURLWithPath: $0) }) { done, total in
            progress.update(done: done, total: total)
        }
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
