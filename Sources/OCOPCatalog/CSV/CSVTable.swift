import CSV
import Foundation

/// One CSV file decoded into records, each tagged with the physical line it starts on.
///
/// Spreadsheets export what they like: UTF-8 with or without a byte-order mark, `,` or `;`
/// (Excel uses `;` where the decimal separator is `,`), quoted cells with line breaks inside. This
/// type absorbs those differences so that the validators only see trimmed NFC text.
struct CSVTable {
    struct Record {
        /// The physical line the record starts on (1-based).
        var line: Int
        var fields: [String]
    }

    var delimiter: Unicode.Scalar
    var header: Record
    /// The data records after the header; blank rows (no text in any cell) are left out.
    var records: [Record]

    /// Decodes and splits a file.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The name to report issues under.
    /// - Throws: A ``CatalogIssue`` when the file cannot be read as CSV at all (wrong encoding,
    ///   no header, broken quoting): then no line after the fault can be trusted.
    init(data: Data, file: String, progress: inout CatalogParseProgress) throws(CatalogIssue) {
        let text = try Self.decodeText(data, file: file)
        let delimiter = Self.sniffDelimiter(text)
        let starts = try RecordScanner(delimiter: delimiter).recordStartLines(in: text, file: file)

        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter)
        } catch {
            throw CatalogIssue(file: file, line: 1, message: "cannot read the header row (\(error))")
        }
        var records: [Record] = []
        var index = 0
        while let row = reader.next() {
            defer { index += 1 }
            progress.advance()
            let fields = row.map(Self.clean)
            guard fields.contains(where: { !$0.isEmpty }) else { continue }
            records.append(Record(line: index < starts.count ? starts[index] : starts.last ?? 1, fields: fields))
        }
        guard !records.isEmpty else {
            throw CatalogIssue(file: file, message: "the file is empty; export the sheet again with its header row")
        }
        self.delimiter = delimiter
        self.header = records.removeFirst()
        self.records = records
    }

    /// Trims the padding spreadsheets and hand edits leave around cells, non-breaking spaces included.
    private static func clean(_ field: String) -> String {
        field.trimmingWhitespaceAndNewlines
    }
}

extension CSVTable {
    /// UTF-8 (a leading byte-order mark is dropped) to NFC text, or an issue that names the line of
    /// the first bad byte and how to re-export the file.
    static func decodeText(_ data: Data, file: String) throws(CatalogIssue) -> String {
        // A workbook instead of its CSV export: .xlsx is a ZIP archive, .xls an OLE2 compound file.
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw CatalogIssue(
                file: file,
                line: 1,
                message: "the file is an Excel workbook (.xlsx or .xls), not CSV; in Excel use Save As "
                    + "\"CSV UTF-8 (Comma delimited)\" for each sheet, or download each sheet from Google Sheets as CSV"
            )
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) || looksLikeUTF16(data) {
            throw CatalogIssue(
                file: file,
                line: 1,
                message: "the file is UTF-16 (Excel \"Unicode Text\"), not UTF-8; "
                    + "save it as \"CSV UTF-8 (Comma delimited)\" or download it from Google Sheets as CSV"
            )
        }
        if let offset = firstInvalidUTF8Offset(in: data) {
            let line = 1 + data.prefix(offset).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let byte = String(data[data.startIndex + offset], radix: 16, uppercase: true)
            throw CatalogIssue(
                file: file,
                line: line,
                message: "the file is not valid UTF-8 (byte 0x\(byte) at offset \(offset)), probably saved as "
                    + "\"CSV (Comma delimited)\" in a Windows code page; "
                    + "save it as \"CSV UTF-8 (Comma delimited)\" or download it from Google Sheets as CSV"
            )
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" {
            text.unicodeScalars.removeFirst()
        }
        return text.canonicallyComposed
    }

    /// UTF-16 without a byte-order mark: text whose every other byte is NUL, which is valid UTF-8
    /// as far as the bytes go, and would otherwise be reported as an unrecognised header.
    private static func looksLikeUTF16(_ data: Data) -> Bool {
        let sample = data.prefix(512)
        guard sample.count >= 8 else { return false }
        var zeros = [0, 0]
        for (offset, byte) in sample.enumerated() where byte == 0 {
            zeros[offset % 2] += 1
        }
        return zeros.max()! * 4 >= sample.count
    }

    /// The byte offset of the first ill-formed UTF-8 sequence, or `nil` when the data is valid.
    private static func firstInvalidUTF8Offset(in data: Data) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var bytes = data.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The separator the header line uses most outside quotes: `,`, `;` (spreadsheets in a
    /// Vietnamese locale) or a tab (a sheet saved as "Text (Tab delimited)", or pasted); `,` on a tie.
    ///
    /// Only the header is looked at: it never holds free text, so its separators are reliable.
    static func sniffDelimiter(_ text: String) -> Unicode.Scalar {
        let candidates: [Unicode.Scalar] = [",", ";", "\t"]
        var counts = [0, 0, 0]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" {
                quoted.toggle()
            } else if !quoted {
                if scalar == "\n" || scalar == "\r" { break }
                if let index = candidates.firstIndex(of: scalar) { counts[index] += 1 }
            }
        }
        // The first of the most used, so that a tie always goes the same way.
        let index = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0
        return candidates[index]
    }
}
