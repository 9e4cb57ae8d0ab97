/// Where each known column sits in one file, and how the file's header spells it.
struct ColumnLayout {
    private var positions: [CatalogColumn: Int] = [:]
    private var headers: [CatalogColumn: String] = [:]
    /// The number of header cells, blank trailing ones included.
    let width: Int

    /// Maps a header row, reporting columns that appear twice under different spellings.
    init(header: CSVTable.Record, file: String, issues: inout [CatalogIssue]) {
        width = header.fields.count
        for (index, name) in header.fields.enumerated() {
            guard let column = CatalogColumn(header: name) else { continue }
            if let earlier = headers[column] {
                issues.append(
                    CatalogIssue(
                        file: file,
                        line: header.line,
                        column: name,
                        message: "repeats column \(CellProblem.quote(earlier)) (both mean \(column.rawValue)); "
                            + "delete one of them"
                    )
                )
                continue
            }
            positions[column] = index
            headers[column] = name
        }
    }

    var columns: Set<CatalogColumn> { Set(positions.keys) }

    func contains(_ column: CatalogColumn) -> Bool { positions[column] != nil }

    func position(of column: CatalogColumn) -> Int? { positions[column] }

    /// The header as written in the file, or the schema name when the column is absent.
    func header(_ column: CatalogColumn) -> String { headers[column] ?? column.rawValue }
}
