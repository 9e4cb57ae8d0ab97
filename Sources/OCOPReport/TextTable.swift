import Foundation

/// A plain-text table for the terminal: columns aligned by what the eye sees, not by bytes.
///
/// Widths count grapheme clusters (Swift `Character`s), so a Vietnamese name typed in NFC
/// (`ồ` as one scalar) and one pasted in NFD (`o` + two combining marks) take the same room;
/// East Asian wide characters and emoji count two. Numbers are right-aligned, text left-aligned.
/// Every line, the header rule included, is padded to the same display width.
public struct TextTable: Sendable, Hashable {
    /// How a column's cells sit in their width.
    public enum Alignment: Sendable, Hashable {
        case left
        case right
        /// Right when every non-empty cell of the column is a number (`12`, `77.5`, `1,234`,
        /// `98 %`), else left.
        case automatic
    }

    public struct Column: Sendable, Hashable {
        public var title: String
        public var alignment: Alignment
        /// Whether the column's text may break onto more lines when the table is wider than
        /// ``TextTable/maximumWidth`` (an alert's message, not an id or a number).
        public var wraps: Bool

        public init(_ title: String, alignment: Alignment = .automatic, wraps: Bool = false) {
            self.title = title
            self.alignment = alignment
            self.wraps = wraps
        }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// Put between columns.
    public var separator: String
    /// Repeated under each column title to draw the header rule.
    public var ruleCharacter: Character
    /// The width to keep within by wrapping the columns that wrap (a terminal's), or nil: a
    /// pipe or a file gets each row on one line, for `grep`.
    public var maximumWidth: Int?

    public init(columns: [Column], rows: [[String]] = [], separator: String = "  ", ruleCharacter: Character = "-") {
        self.columns = columns
        self.rows = rows
        self.separator = separator
        self.ruleCharacter = ruleCharacter
    }

    /// A table whose columns are all aligned automatically.
    public init(_ titles: [String], rows: [[String]] = []) {
        self.init(columns: titles.map { Column($0) }, rows: rows)
    }

    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The table as lines joined by `\n`, without a trailing newline. Cells are shown in NFC and
    /// cleaned of control characters (a newline in a catalog name must not break the table);
    /// rows shorter than the header are padded, and longer ones add untitled columns.
    public func render() -> String {
        let count = max(columns.count, rows.map(\.count).max() ?? 0)
        let header = (0..<count).map { Self.clean($0 < columns.count ? columns[$0].title : "") }
        let body = rows.map { row in (0..<count).map { Self.clean($0 < row.count ? row[$0] : "") } }
        // Each cell's width, measured once: for the column's width and again for its padding.
        let headerWidths = header.map(Self.displayWidth(of:))
        let bodyWidths = body.map { $0.map(Self.displayWidth(of:)) }
        var widths = (0..<count).map { index in
            bodyWidths.reduce(headerWidths[index]) { max($0, $1[index]) }
        }
        // Wider than the terminal: the last column that wraps breaks onto more lines in its
        // place or, with fewer than `narrowestWrap` columns left for it, goes under its row.
        var wrapped: (column: Int, beneath: Bool)?
        if let maximumWidth, let column = (0..<min(count, columns.count)).last(where: { columns[$0].wraps }) {
            let total = widths.reduce(0, +) + Self.displayWidth(of: separator) * (count - 1)
            if total > maximumWidth {
                let left = widths[column] - (total - maximumWidth)
                wrapped = (column, left < max(Self.narrowestWrap, headerWidths[column]))
                if wrapped?.beneath == false { widths[column] = left }
            }
        }
        let visible = (0..<count).filter { wrapped?.beneath != true || $0 != wrapped?.column }
        let rightAligned = (0..<count).map { index in
            switch index < columns.count ? columns[index].alignment : .automatic {
            case .left: false
            case .right: true
            case .automatic:
                body.contains { !$0[index].isEmpty } && body.allSatisfy { $0[index].isEmpty || Self.isNumeric($0[index]) }
            }
        }
        func line(_ cells: [String], _ cellWidths: [Int]) -> String {
            visible.map { index in
                let padding = String(repeating: " ", count: widths[index] - cellWidths[index])
                return rightAligned[index] ? padding + cells[index] : cells[index] + padding
            }
            .joined(separator: separator)
        }
        let rule = visible.map { String(repeating: ruleCharacter, count: widths[$0]) }.joined(separator: separator)
        var lines = [line(header, headerWidths), rule]
        for (cells, cellWidths) in zip(body, bodyWidths) {
            guard let (column, beneath) = wrapped, let maximumWidth, beneath || cellWidths[column] > widths[column] else {
                lines.append(line(cells, cellWidths))
                continue
            }
            if beneath {
                lines.append(line(cells, cellWidths))
                let indent = String(repeating: " ", count: 4)
                lines += Self.wrap(cells[column], width: max(maximumWidth - indent.count, Self.narrowestWrap)).map { indent + $0 }
                continue
            }
            // The first part beside the other cells, the rest under it with the others blank.
            for (part, piece) in Self.wrap(cells[column], width: widths[column]).enumerated() {
                var shown = part == 0 ? cells : Array(repeating: "", count: count)
                var shownWidths = part == 0 ? cellWidths : Array(repeating: 0, count: count)
                shown[column] = piece
                shownWidths[column] = Self.displayWidth(of: piece)
                lines.append(line(shown, shownWidths))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The fewest columns a wrapping column is given beside the others; with less room it goes
    /// under its row, where a message reads as a sentence, not a word a line.
    static let narrowestWrap = 40

    /// A cell as shown: composed (NFC), which terminals draw more reliably than combining
    /// sequences, with control characters turned into spaces.
    static func clean(_ text: String) -> String {
        // Printable ASCII and plain Latin text are composed and free of control characters already.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) || isPlainLatin(text) { return text }
        let composed = text.precomposedStringWithCanonicalMapping
        guard composed.unicodeScalars.contains(where: isControl) else { return composed }
        return String(String.UnicodeScalarView(composed.unicodeScalars.map { isControl($0) ? " " : $0 }))
    }

    /// General category `Cc`, which Unicode fixes for ever as C0, DEL and C1: compared by value,
    /// without a lookup in the property tables.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    static func isNumeric(_ text: String) -> Bool {
        var digits = false
        for character in text {
            if character.isASCII, character.isNumber {
                digits = true
            } else if !".,+-% ".contains(character) {
                return false
            }
        }
        return digits
    }
}
