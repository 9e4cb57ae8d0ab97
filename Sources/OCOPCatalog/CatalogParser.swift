public import Foundation
public import OCOPCore

/// Reads and validates the province's catalog CSV files (`research/catalog-schema.md`).
///
/// The officer keeps the catalog in Excel or Google Sheets and exports three files: products,
/// producers (the schema's `entities.csv`) and listings. They are recognised by their header row,
/// not their names, in whatever mix of UTF-8 (with or without BOM), `,` or `;`, English or
/// Vietnamese headers the spreadsheet produced. Every problem is collected before giving up, each
/// naming the file, line and column, so one round of corrections fixes the whole sheet.
public enum CatalogParser {
    /// Limits of one parse.
    public struct Configuration: Sendable, Hashable {
        /// The most issues listed in a ``CatalogValidationError``; the rest are only counted.
        public var maximumIssueCount: Int

        public init(maximumIssueCount: Int = 200) {
            self.maximumIssueCount = maximumIssueCount
        }
    }

    /// Reads catalog files from disk.
    ///
    /// - Parameters:
    ///   - files: The products and producers files, and optionally listings files, in any order;
    ///     a kind may be split over several files.
    ///   - configuration: Limits of the parse.
    /// - Returns: The catalog, when every file is valid.
    /// - Throws: ``CatalogValidationError`` listing every problem found.
    public static func parse(
        files: [URL],
        configuration: Configuration = Configuration()
    ) throws(CatalogValidationError) -> Catalog {
        var assembler = CatalogAssembler()
        for url in files {
            let name = url.lastPathComponent
            do {
                assembler.read(CatalogSource(name: name, data: try Data(contentsOf: url)))
            } catch {
                let reason =
                    FileManager.default.fileExists(atPath: url.path)
                    ? "cannot be read (\(error.localizedDescription)); check that this user may read \(url.path)"
                    : "does not exist; check the path \(url.path)"
                assembler.skip(CatalogIssue(file: name, message: "the file \(reason)"))
            }
        }
        return try finish(assembler, configuration: configuration)
    }

    /// Reads catalog files already in memory.
    ///
    /// - Parameters:
    ///   - sources: The files' names and bytes, in any order.
    ///   - configuration: Limits of the parse.
    /// - Returns: The catalog, when every file is valid.
    /// - Throws: ``CatalogValidationError`` listing every problem found.
    public static func parse(
        sources: [CatalogSource],
        configuration: Configuration = Configuration()
    ) throws(CatalogValidationError) -> Catalog {
        var assembler = CatalogAssembler()
        for source in sources {
            assembler.read(source)
        }
        return try finish(assembler, configuration: configuration)
    }

    private static func finish(
        _ assembler: CatalogAssembler,
        configuration: Configuration
    ) throws(CatalogValidationError) -> Catalog {
        let (issues, catalog) = assembler.finish()
        guard !issues.isEmpty else { return catalog }
        let limit = max(configuration.maximumIssueCount, 1)
        throw CatalogValidationError(issues: Array(issues.prefix(limit)), omittedCount: max(issues.count - limit, 0))
    }
}
