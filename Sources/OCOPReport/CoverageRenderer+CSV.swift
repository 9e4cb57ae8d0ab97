import Foundation
public import OCOPCore

extension CoverageRenderer {
    /// The breakdown as CSV for Excel: RFC 4180 (comma-separated, CRLF line ends, fields quoted
    /// when they hold a comma, quote or line break), UTF-8 with a byte-order mark so Excel reads
    /// Vietnamese names right: the province's total (`dimension` `total`), then one row per
    /// breakdown row. With no dimension chosen, every
    /// dimension's rows follow one another and the `dimension` column tells them apart.
    ///
    /// Percentages use a decimal point. Text is composed (NFC). Text cells that Excel would take for a formula
    /// (starting with `=`, `+`, `-`, `@`) are prefixed with `'`, since names come from a
    /// catalog anyone can edit.
    public func csv(_ figures: CoverageFigures, by dimension: CoverageDimension? = nil) -> String {
        let header = [
            "dimension", "key", "label",
            "products_total", "products_covered", "products_uncovered", "products_unverified", "products_percent",
            "products_target",
            "producers_total", "producers_covered", "producers_uncovered", "producers_unverified",
            "producers_percent", "producers_target",
        ]
        var lines = [header.joined(separator: ",")]
        var percents = ReportFormat.Percents()
        func line(_ dimension: String, _ key: String, _ label: String, _ products: CoverageTally, _ producers: CoverageTally) {
            let text = [dimension, key, label].map { Self.csvField(Self.defused($0)) }
            let numbers = [products, producers].flatMap { tally in
                [
                    "\(tally.total)", "\(tally.covered)", "\(tally.uncovered)", "\(tally.unverified)",
                    percents.text(tally.percent), ReportFormat.target(tally.target),
                ]
            }
            lines.append((text + numbers).joined(separator: ","))
        }
        // The province's own figure first: the one an officer opening the file looks for.
        line("total", "", "Toàn tỉnh / Province", figures.products, figures.producers)
        for dimension in dimension.map({ [$0] }) ?? CoverageDimension.allCases {
            for row in figures.breakdowns[dimension] ?? [] {
                line(dimension.rawValue, row.key, row.label, row.products, row.producers)
            }
        }
        return "\u{FEFF}" + lines.map { $0 + "\r\n" }.joined()
    }

    /// The CSV of a report's figures.
    public func csv(_ report: CoverageReport, by dimension: CoverageDimension? = nil) -> String {
        csv(CoverageFigures(report, includingGaps: false), by: dimension)
    }

    /// One RFC 4180 field: quoted, with quotes doubled, when it holds `,`, `"`, CR or LF.
    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Keeps a spreadsheet from evaluating a text cell as a formula, and composes the text (NFC),
    /// which Excel displays more reliably than combining sequences.
    static func defused(_ value: String) -> String {
        // Plain Latin text (ids, Vietnamese names) is composed already: no Foundation round trip.
        let composed = TextTable.isPlainLatin(value) ? value : value.precomposedStringWithCanonicalMapping
        guard let first = composed.first, "=+-@\t\r".contains(first) else { return composed }
        return "'" + composed
    }
}
