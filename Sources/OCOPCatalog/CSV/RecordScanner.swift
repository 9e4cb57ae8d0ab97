/// Finds where each CSV record starts and checks the RFC 4180 quoting before any cell is read.
///
/// `CSVReader` splits records but neither reports line numbers nor complains about broken quoting
/// (an unclosed quote silently swallows the rest of the file). This scanner walks the text once
/// with the same record rules (CR, LF and CRLF end a record outside quotes, `""` escapes a quote
/// inside them), so its record *n* is the reader's record *n*.
struct RecordScanner {
    var delimiter: Unicode.Scalar

    /// The physical line (1-based) on which every record starts, blank records included.
    ///
    /// - Throws: A ``CatalogIssue`` naming the line of an unclosed quote, or of text after a
    ///   closing quote.
    func recordStartLines(in text: String, file: String) throws(CatalogIssue) -> [Int] {
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return scalars.next()
        }

        var line = 1
        var starts: [Int] = []
        /// Consumes the LF of a CRLF pair and counts the line break.
        func endLine(after scalar: Unicode.Scalar) {
            line += 1
            if scalar == "\r" {
                let following = next()
                if following != "\n" { pending = following }
            }
        }

        while let first = next() {
            starts.append(line)
            var scalar: Unicode.Scalar? = first
            record: while true {
                // At the start of a field.
                if scalar == "\"" {
                    let openedOn = line
                    quoted: while true {
                        guard let inner = next() else {
                            throw CatalogIssue(
                                file: file,
                                line: openedOn,
                                message: "a quoted cell opened here is never closed; add the missing closing quote (\")"
                            )
                        }
                        switch inner {
                        case "\"":
                            guard let after = next() else { break record }
                            switch after {
                            case "\"": continue quoted
                            case "\r", "\n":
                                endLine(after: after)
                                break record
                            case delimiter:
                                scalar = next()
                                break quoted
                            default:
                                guard openedOn == line else {
                                    // Most likely an opening quote that was never closed, which
                                    // swallowed the following lines up to the next quote.
                                    throw CatalogIssue(
                                        file: file,
                                        line: openedOn,
                                        message: "a quoted cell opened here runs on to line \(line) and ends in "
                                            + "unexpected text; add its missing closing quote (\") or write quotes "
                                            + "inside it as two quotes (\"\")"
                                    )
                                }
                                throw CatalogIssue(
                                    file: file,
                                    line: line,
                                    message: "unexpected text after the closing quote of a cell; "
                                        + "write a quote inside a quoted cell as two quotes (\"\")"
                                )
                            }
                        case "\r", "\n":
                            endLine(after: inner)
                        default:
                            continue quoted
                        }
                    }
                } else {
                    var current = scalar
                    while let unquoted = current {
                        if unquoted == "\r" || unquoted == "\n" {
                            endLine(after: unquoted)
                            break record
                        }
                        if unquoted == delimiter { break }
                        current = next()
                    }
                    if current == nil { break record }
                    scalar = next()
                }
            }
        }
        return starts
    }
}
