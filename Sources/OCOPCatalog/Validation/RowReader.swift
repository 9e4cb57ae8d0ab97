import Foundation

/// Reads the cells of one record by column, collecting an issue for every cell that is wrong.
///
/// Accessors return `nil` both for an absent or empty cell and for a wrong one (after recording
/// the issue), so a row is checked completely even when its first cell is already bad.
struct RowReader {
    let file: String
    let line: Int
    let layout: ColumnLayout
    let fields: [String]
    private(set) var issues: [CatalogIssue] = []

    init(file: String, record: CSVTable.Record, layout: ColumnLayout) {
        self.file = file
        self.line = record.line
        self.layout = layout
        self.fields = record.fields
    }

    /// Whether the cell holds anything at all (valid or not).
    func hasText(_ column: CatalogColumn) -> Bool {
        guard let index = layout.position(of: column), index < fields.count else { return false }
        return !fields[index].isEmpty
    }

    /// The cell as the file has it, unchecked, or `nil` when the column is absent or the cell empty.
    func rawText(_ column: CatalogColumn) -> String? {
        guard let index = layout.position(of: column), index < fields.count, !fields[index].isEmpty else {
            return nil
        }
        return fields[index]
    }

    /// The cell's text with line breaks and tabs folded to spaces, or `nil` when the column is
    /// absent, the cell empty, or the cell a spreadsheet formula or holding a control character.
    mutating func text(_ column: CatalogColumn) -> String? {
        guard let raw = rawText(column) else { return nil }
        let text = Self.singleLine(raw)
        if let control = Self.controlCharacter(in: text) {
            // A NUL would also cut the text short in SQLite, merging two ids into one.
            report(
                column,
                "the cell holds an invisible control character (U+\(String(format: "%04X", control.value))); "
                    + "retype the cell, "
                    + "or check the file for damage, and export it again"
            )
            return nil
        }
        if column.holdsText, let marker = Self.formulaMarker(text, column: column) {
            report(
                column,
                "\(CellProblem.quote(text)) starts with \"\(marker)\", which spreadsheets run as a formula; "
                    + "remove the \"\(marker)\""
            )
            return nil
        }
        return text
    }

    /// Like ``text(_:)``, but an empty cell is an issue too.
    mutating func required(_ column: CatalogColumn) -> String? {
        guard let index = layout.position(of: column) else { return nil }
        if index >= fields.count || fields[index].isEmpty {
            report(column, "the cell is empty; fill in the \(column.noun)")
            return nil
        }
        return text(column)
    }

    /// The parsed value of an optional cell.
    mutating func value<Value>(
        _ column: CatalogColumn,
        _ parse: (String) throws(CellProblem) -> Value
    ) -> Value? {
        guard let text = text(column) else { return nil }
        return check(column) { () throws(CellProblem) in try parse(text) }
    }

    /// The parsed value of a cell that must not be empty.
    mutating func requiredValue<Value>(
        _ column: CatalogColumn,
        _ parse: (String) throws(CellProblem) -> Value
    ) -> Value? {
        guard let text = required(column) else { return nil }
        return check(column) { () throws(CellProblem) in try parse(text) }
    }

    /// Runs a check that concerns `column`, recording its problem.
    mutating func check<Value>(_ column: CatalogColumn, _ body: () throws(CellProblem) -> Value) -> Value? {
        do {
            return try body()
        } catch {
            report(column, error.message)
            return nil
        }
    }

    mutating func report(_ column: CatalogColumn?, _ message: String) {
        issues.append(CatalogIssue(file: file, line: line, column: column.map(layout.header), message: message))
    }

    private static func singleLine(_ text: String) -> String {
        guard !text.certainlyHasNoLineBreakOrTab, text.contains(where: { $0.isNewline || $0 == "\t" }) else {
            return text
        }
        return text.split(whereSeparator: { $0.isNewline || $0 == "\t" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }

    /// The first C0 control character or DEL left after line breaks and tabs are folded, if any.
    private static func controlCharacter(in text: String) -> Unicode.Scalar? {
        guard !text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) else { return nil }
        return text.unicodeScalars.first { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// The leading character that makes a spreadsheet evaluate the cell, if any.
    ///
    /// A phone number written `+84 …` is the one legitimate text that starts with one of them.
    private static func formulaMarker(_ text: String, column: CatalogColumn) -> Character? {
        guard let first = text.first, "=+-@".contains(first) else { return nil }
        if column == .phone, first == "+", text.dropFirst().allSatisfy({ $0.isNumber || " .-()".contains($0) }) {
            return nil
        }
        return first
    }
}

extension CatalogColumn {
    /// What an empty required cell should be filled with.
    var noun: String {
        switch self {
        case .productID: "product id"
        case .productName: "product name"
        case .entityID: "producer id (entity_id)"
        case .entityName: "producer name"
        case .entityType: "producer type (e.g. cooperative or household_business)"
        case .starRating: "star rating (3, 4 or 5)"
        case .ocopGroup: "OCOP group (e.g. I.5)"
        case .platform: "platform (e.g. shopee)"
        case .listingURL: "link to the listing"
        default: rawValue.replacingOccurrences(of: "_", with: " ")
        }
    }
}
