public import Foundation
public import OCOPCore

/// Renders a ``CoverageReport`` for `ocop-watch coverage`: an aligned table for people, JSON for
/// scripts, and CSV for the officer's spreadsheet.
///
/// All three are pure functions of the figures (a report's, or those stored after a pass), so the figures printed, exported and sent upward
/// are the same figures.
public struct CoverageRenderer: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// The zone in which times are shown (the province's).
        public var timeZone: TimeZone
        /// The breakdowns the table shows when no dimension is chosen.
        public var defaultDimensions: [CoverageDimension]

        public init(
            timeZone: TimeZone = AlertRules.provinceTimeZone,
            defaultDimensions: [CoverageDimension] = [.region, .stars]
        ) {
            self.timeZone = timeZone
            self.defaultDimensions = defaultDimensions
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The headline for products and producers (covered, uncovered, unverified, percentage
    /// against target), then one table per breakdown: `dimension` alone, or the configured
    /// defaults (district and star level) when it is `nil`.
    public func table(_ figures: CoverageFigures, by dimension: CoverageDimension? = nil) -> String {
        var sections = [
            "Độ phủ OCOP trên sàn TMĐT / OCOP e-commerce coverage — "
                + ReportFormat.timestamp(figures.generatedAt, in: configuration.timeZone),
            headline(figures),
        ]
        for dimension in dimensions(by: dimension) {
            sections.append(dimension.sectionTitle)
            sections.append(breakdownTable(dimension, rows: figures.breakdowns[dimension] ?? []))
            sections += [dimension.basisNote, dimension.producerCountNote].compactMap { $0 }
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The table of a report's figures.
    public func table(_ report: CoverageReport, by dimension: CoverageDimension? = nil) -> String {
        table(CoverageFigures(report, includingGaps: false), by: dimension)
    }

    /// The breakdowns a table prints: `dimension` alone, or the configured defaults. Figures read
    /// back in part for a table need these only.
    public func dimensions(by dimension: CoverageDimension?) -> [CoverageDimension] {
        dimension.map { [$0] } ?? configuration.defaultDimensions
    }

    func headline(_ figures: CoverageFigures) -> String {
        func row(_ title: String, _ tally: CoverageTally) -> [String] {
            [
                title, "\(tally.total)", "\(tally.covered)", "\(tally.uncovered)", "\(tally.unverified)",
                ReportFormat.percent(tally.percent), ReportFormat.target(tally.target),
                tally.meetsTarget ? "đạt / met" : "chưa đạt / below",
            ]
        }
        return TextTable(
            ["", "Total", "Covered", "Uncovered", "Unverified", "%", "Target %", "Mục tiêu / Target"],
            rows: [row("Sản phẩm / Products", figures.products), row("Chủ thể / Producers", figures.producers)]
        )
        .render()
    }

    func breakdownTable(_ dimension: CoverageDimension, rows: [CoverageBreakdownRow]) -> String {
        let showKey = dimension.keyIsCode && rows.contains { $0.key != $0.label }
        var columns = [TextTable.Column(dimension.columnTitle, alignment: .left)]
        if showKey { columns.append(TextTable.Column("Mã / Code", alignment: .left)) }
        columns += ["Products", "Covered", "Uncovered", "Unverified", "%", "Target %"]
            .map { TextTable.Column($0, alignment: .right) }
        columns.append(TextTable.Column("Mục tiêu / Target", alignment: .left))
        columns += ["Producers", "Covered", "%"].map { TextTable.Column($0, alignment: .right) }
        var percents = ReportFormat.Percents()
        let body = rows.map { row in
            [row.label] + (showKey ? [row.key] : []) + [
                "\(row.products.total)", "\(row.products.covered)", "\(row.products.uncovered)",
                "\(row.products.unverified)", percents.text(row.products.percent),
                ReportFormat.target(row.products.target), row.products.meetsTarget ? "đạt / met" : "chưa đạt / below",
                "\(row.producers.total)", "\(row.producers.covered)", percents.text(row.producers.percent),
            ]
        }
        return TextTable(columns: columns, rows: body).render()
    }
}
