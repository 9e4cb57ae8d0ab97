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
        /// The largest file accepted, in bytes. A province's export is a few megabytes (a thousand
        /// products take about 1 MB); a much larger file is the wrong file, and a file is parsed
        /// whole, so without a bound its size would decide the memory taken.
        public var maximumFileBytes: Int

        public init(maximumIssueCount: Int = 200, maximumFileBytes: Int = 32 << 20) {
            self.maximumIssueCount = maximumIssueCount
            self.maximumFileBytes = maximumFileBytes
        }
    }

    /// Reads catalog files from disk.
    ///
    /// - Parameters:
    ///   - files: The products and producers files, and optionally listings files, in any order;
    ///     a kind may be split over several files.
    ///   - configuration: Limits of the parse.
    ///   - progress: Called now and then with the steps done and their total (``CatalogParseProgress``),
    ///     for a progress line: a national catalog takes seconds.
    /// - Returns: The catalog, when every file is valid.
    /// - Throws: ``CatalogValidationError`` listing every problem found.
    public static func parse(
        files: [URL],
        configuration: Configuration = Configuration(),
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(CatalogValidationError) -> Catalog {
        var assembler = CatalogAssembler()
        var seen = Set<String>()
        // Every file is read before the first is parsed, so that the progress has its total.
        var contents: [(name: String, url: URL, data: Result<Data, any Error>?)] = []
        for (url, name) in zip(files, displayNames(of: files)) {
            let first = seen.insert(url.standardizedFileURL.resolvingSymlinksInPath().path).inserted
            contents.append((name, url, first ? Result { try read(url, limit: configuration.maximumFileBytes) } : nil))
        }
        let total = contents.reduce(0) { sum, file in
            sum + ((try? file.data?.get()).map { CatalogParseProgress.steps(of: $0) } ?? 0)
        }
        var counter = CatalogParseProgress(total: total, report: progress)
        for index in contents.indices {
            let (name, url, data) = contents[index]
            contents[index].data = nil
            guard let data else {
                assembler.record(CatalogIssue(file: name, message: "the file is listed twice; list each file once"))
                continue
            }
            do {
                let data = try data.get()
                let mark = counter.done + CatalogParseProgress.steps(of: data)
                assembler.read(CatalogSource(name: name, data: data), progress: &counter)
                counter.complete(upTo: mark)
            } catch let issue as CatalogIssue {
                assembler.skip(issue)
            } catch {
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
                let reason =
                    !exists
                    ? "does not exist; check the path \(url.path)"
                    : isFolder.boolValue
                        ? "is a folder; name the CSV files inside it"
                        : "cannot be read (\(error.localizedDescription)); check that this user may read \(url.path)"
                assembler.skip(CatalogIssue(file: name, message: "the file \(reason)"))
            }
        }
        return try finish(assembler, configuration: configuration)
    }

    /// The names messages give the files: the file name, or the path as given when two files in
    /// different folders share a name (`2023/products.csv`, `2024/products.csv`).
    static func displayNames(of files: [URL]) -> [String] {
        var folders: [String: Set<String>] = [:]
        for url in files {
            folders[url.lastPathComponent, default: []].insert(url.deletingLastPathComponent().standardizedFileURL.path)
        }
        return files.map { url in
            folders[url.lastPathComponent, default: []].count > 1 ? url.relativePath : url.lastPathComponent
        }
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
            if source.data.count > configuration.maximumFileBytes {
                assembler.skip(tooLarge(source.name, configuration.maximumFileBytes))
            } else {
                var silent = CatalogParseProgress.silent
                assembler.read(source, progress: &silent)
            }
        }
        return try finish(assembler, configuration: configuration)
    }

    /// Reads at most `limit` bytes: a file past the limit is refused by its size before reading,
    /// a device or pipe that never ends after `limit + 1` bytes, so the input never decides the
    /// memory taken.
    private static func read(_ url: URL, limit: Int) throws -> Data {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        // `fstat`, not `FileManager.attributesOfItem`, which also looks up the file's owner by name.
        var status = stat()
        if fstat(handle.fileDescriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size > limit {
            throw tooLarge(url.lastPathComponent, limit)
        }
        let data = try handle.read(upToCount: limit + 1) ?? Data()
        guard data.count <= limit else { throw tooLarge(url.lastPathComponent, limit) }
        return data
    }

    private static func tooLarge(_ name: String, _ limit: Int) -> CatalogIssue {
        CatalogIssue(
            file: name,
            message: "the file is larger than \(sizeText(limit)), far more than a province's catalog; check that this "
                + "is the products, producers or listings export, or split it into several files of the same kind"
        )
    }

    /// `32 MB`, or the bytes when the limit is under a megabyte.
    private static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
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
