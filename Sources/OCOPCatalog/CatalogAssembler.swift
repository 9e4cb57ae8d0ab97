import OCOPCore

/// Reads catalog files one by one and then checks what only the whole catalog can show
/// (references between files, missing files).
///
/// Rows with problems are not added to the catalog, but their ids are remembered, so a bad star
/// rating does not also produce "unknown product" for every listing of that product.
struct CatalogAssembler {
    /// Where a row came from, for messages that point back to it.
    struct Location {
        var file: String
        var line: Int

        /// `line 5` inside the same file, `products-2.csv:5` across files.
        func reference(from file: String) -> String {
            file == self.file ? "line \(line)" : "\(self.file):\(line)"
        }
    }

    /// A cross-file reference to check once every file is read.
    struct Reference {
        var id: String
        var location: Location
        var column: String
    }

    private var files: [String] = []
    private var issues: [(fileIndex: Int, issue: CatalogIssue)] = []
    private var kindsSeen: [CatalogFileKind: [String]] = [:]
    /// Kinds with a file whose rows could not be read (broken header): references to them are
    /// not checked, since every one would fail.
    private var unreadKinds: Set<CatalogFileKind> = []
    /// Whether some file could not be decoded at all, so its kind is unknown.
    private var hasUndecodedFile = false
    /// The header of the first file of each kind, and how many rows the kind's files hold.
    private var firstHeaders: [CatalogFileKind: Location] = [:]
    private var rowCounts: [CatalogFileKind: Int] = [:]

    var producers: [Producer] = []
    var products: [Product] = []
    var listings: [Listing] = []
    var producerRows: [String: Location] = [:]
    var productRows: [String: Location] = [:]
    /// The product, link and row that first named each page (``Listing/comparableURL(_:)``).
    var linkOwners: [String: (productID: String, url: String, location: Location)] = [:]
    var producerReferences: [Reference] = []
    var interner = CatalogInterner()
    var productReferences: [Reference] = []

    /// Reads one file, whatever its kind.
    mutating func read(_ source: CatalogSource, progress: inout CatalogParseProgress) {
        files.append(source.name)
        let table: CSVTable
        do {
            table = try CSVTable(data: source.data, file: source.name, progress: &progress)
        } catch {
            hasUndecodedFile = true
            record(error)
            return
        }
        var headerIssues: [CatalogIssue] = []
        let layout = ColumnLayout(header: table.header, file: source.name, issues: &headerIssues)
        guard let kind = CatalogFileKind(columns: layout.columns) else {
            record(
                CatalogIssue(
                    file: source.name,
                    line: table.header.line,
                    message: "the header row is not that of a products file (product_id, product_name, …), "
                        + "a producers file (entity_id, entity_name, entity_type) or a listings file "
                        + "(product_id, platform, listing_url); check that the first row holds the column names"
                )
            )
            return
        }
        kindsSeen[kind, default: []].append(source.name)
        if firstHeaders[kind] == nil {
            firstHeaders[kind] = Location(file: source.name, line: table.header.line)
        }
        rowCounts[kind, default: 0] += table.records.count
        headerIssues.forEach { record($0) }
        let complete = checkRequiredColumns(of: kind, in: layout, header: table.header, file: source.name)
        guard complete && headerIssues.isEmpty else {
            unreadKinds.insert(kind)
            return
        }

        for record in table.records {
            progress.advance()
            var row = RowReader(file: source.name, record: record, layout: layout)
            if checkWidth(of: record, against: layout, delimiter: table.delimiter, file: source.name) {
                switch kind {
                case .products: readProduct(&row)
                case .producers: readProducer(&row)
                case .listings: readListing(&row)
                }
            } else {
                rememberID(of: row, kind: kind)
            }
            row.issues.forEach { self.record($0) }
        }
    }

    /// Notes a file that could not be read at all.
    mutating func skip(_ issue: CatalogIssue) {
        files.append(issue.file)
        hasUndecodedFile = true
        record(issue)
    }

    /// Records an issue that concerns the file being read, or a file read earlier.
    mutating func record(_ issue: CatalogIssue) {
        issues.append((files.lastIndex(of: issue.file) ?? files.count, issue))
    }

    /// Every issue found, in file order then line order; the catalog is only meaningful when
    /// there are none.
    func finish() -> (issues: [CatalogIssue], catalog: Catalog) {
        var all = issues
        var global: [CatalogIssue] = []
        for kind in [CatalogFileKind.products, .producers] where kindsSeen[kind] == nil && !hasUndecodedFile {
            let columns = kind.requiredColumns.map(\.rawValue).joined(separator: ", ")
            global.append(
                CatalogIssue(
                    file: "catalog",
                    message: "no \(kind.noun) file among \(files.joined(separator: ", ")); "
                        + "add the CSV whose header row has \(columns)"
                )
            )
        }
        // References are checked only into kinds read whole: a file that could not be decoded may
        // hold any kind, and a kind without rows is reported once, not once per reference.
        var checkedKinds = hasUndecodedFile ? [] : Set(kindsSeen.keys).subtracting(unreadKinds)
        for kind in [CatalogFileKind.products, .producers] where checkedKinds.contains(kind) {
            guard let header = firstHeaders[kind], rowCounts[kind, default: 0] == 0 else { continue }
            checkedKinds.remove(kind)
            let issue = CatalogIssue(
                file: header.file,
                line: header.line,
                message: "the file has a header row but no \(kind.noun); export the sheet again with its rows "
                    + "(an import without \(kind.noun) would mark every stored one as removed)"
            )
            all.append((files.firstIndex(of: header.file) ?? files.count, issue))
        }
        if checkedKinds.contains(.producers), let producerFiles = kindsSeen[.producers] {
            let names = producerFiles.joined(separator: ", ")
            for reference in producerReferences where producerRows[reference.id] == nil {
                all.append(
                    unresolved(reference, message: "is not in \(names); add the producer there or correct the id")
                )
            }
        }
        if checkedKinds.contains(.products), let productFiles = kindsSeen[.products] {
            let names = productFiles.joined(separator: ", ")
            for reference in productReferences where productRows[reference.id] == nil {
                all.append(
                    unresolved(reference, message: "is not in \(names); add the product there or correct the id")
                )
            }
        }
        let ordered = all.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.fileIndex, lhs.element.issue.line ?? 0, lhs.offset)
            let right = (rhs.element.fileIndex, rhs.element.issue.line ?? 0, rhs.offset)
            return left < right
        }
        let catalog = Catalog(
            producers: producers,
            products: products,
            listings: listings,
            includesListings: kindsSeen[.listings] != nil
        )
        return (ordered.map(\.element.issue) + global, catalog)
    }

    private func unresolved(_ reference: Reference, message: String) -> (Int, CatalogIssue) {
        let issue = CatalogIssue(
            file: reference.location.file,
            line: reference.location.line,
            column: reference.column,
            message: "\(CellProblem.quote(reference.id)) \(message)"
        )
        return (files.firstIndex(of: reference.location.file) ?? files.count, issue)
    }

    private mutating func checkRequiredColumns(
        of kind: CatalogFileKind,
        in layout: ColumnLayout,
        header: CSVTable.Record,
        file: String
    ) -> Bool {
        // A listings sheet that lost its platform column, but names each listing's product, is
        // read as products: say which file it may be rather than list a products file's columns.
        if kind == .products, layout.contains(.listingURL), !layout.contains(.platform),
            kind.requiredColumns.contains(where: { !layout.contains($0) })
        {
            record(
                CatalogIssue(
                    file: file,
                    line: header.line,
                    message: "the header has a link column and product names but no \(CatalogColumn.platform.displayName) "
                        + "column; if this is the listings file, add \(CatalogColumn.platform.displayName); if it is "
                        + "the products file, the columns below are missing"
                )
            )
        }
        var complete = true
        for column in kind.requiredColumns where !layout.contains(column) {
            complete = false
            record(
                CatalogIssue(
                    file: file,
                    line: header.line,
                    message: "the header has no \(column.displayName) column, which every \(kind.noun) file needs; "
                        + "add it"
                )
            )
        }
        // A sheet of certificates issued after the 2025 reform names communes, not districts; it
        // says so in its admin_set_as_issued column.
        if kind == .products, !CatalogFileKind.districtColumns.contains(where: layout.contains),
            !layout.contains(.adminSet)
        {
            complete = false
            record(
                CatalogIssue(
                    file: file,
                    line: header.line,
                    message: "the header has no district column; add \(CatalogColumn.districtName.displayName), "
                        + "\(CatalogColumn.districtCode.rawValue) or \(CatalogColumn.legacyDistrictCode.rawValue) "
                        + "(or, for certificates of the 2025 units, \(CatalogColumn.adminSet.rawValue) and "
                        + "\(CatalogColumn.communeCode.rawValue))"
                )
            )
        }
        return complete
    }

    /// Remembers the id of a row too wide or too narrow to read (most often an unquoted comma in a
    /// name or address), so that the rows naming it elsewhere are not reported as well.
    private mutating func rememberID(of row: RowReader, kind: CatalogFileKind) {
        let location = Location(file: row.file, line: row.line)
        switch kind {
        case .products:
            if let id = row.rawText(.productID), productRows[id] == nil { productRows[id] = location }
        case .producers:
            if let id = row.rawText(.entityID), producerRows[id] == nil { producerRows[id] = location }
        case .listings:
            break
        }
    }

    /// Whether the record has as many cells as the header (extra empty cells at the end are harmless).
    private mutating func checkWidth(
        of record: CSVTable.Record,
        against layout: ColumnLayout,
        delimiter: Unicode.Scalar,
        file: String
    ) -> Bool {
        let count = record.fields.count
        if count == layout.width || (count > layout.width && record.fields[layout.width...].allSatisfy(\.isEmpty)) {
            return true
        }
        self.record(
            CatalogIssue(
                file: file,
                line: record.line,
                message: "the row has \(count) cells but the header has \(layout.width); look for a missing or "
                    + "extra \"\(delimiter)\" and put quotes around cells that contain one"
                    + (count < layout.width
                        ? " (if its last cells are empty, the export dropped their separators: save the sheet "
                            + "again as \"CSV UTF-8\")" : "")
            )
        )
        return false
    }
}
