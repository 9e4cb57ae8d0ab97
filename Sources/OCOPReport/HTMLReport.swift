public import Foundation
public import OCOPCore

/// The page an officer opens or prints and sends upward: coverage against the target, where the
/// gaps are, how the figure moved, and what is alerting.
///
/// One self-contained HTML document: inline CSS and inline SVG charts, no script, no font,
/// image or stylesheet fetched from anywhere, so it works from `file://`, behind nginx and
/// offline, and prints on A4. Vietnamese first, English labels where an IT reader needs them.
/// Every piece of text from the catalog is escaped (names come from a CSV anyone can edit), and
/// listing URLs are shown as text, never as links, so a `javascript:` URL in the catalog is inert.
/// The output is a pure function of the inputs: the same inputs give the same bytes.
public struct HTMLReport: Sendable {
    public var title: String
    /// The figures; fixed when the report is made, since the gap lists are chosen from them.
    public let coverage: CoverageReport
    /// Producers of the catalog, for names in the gap lists: those of the products not covered
    /// are enough.
    public var producers: [Producer]
    /// Evidence per listing, for the "last evidence" of each product not covered.
    public var evidence: [ListingEvidence]
    /// Headline figures of past passes, oldest first or in any order.
    public var trend: [CoverageTrendPoint]
    /// Alerts currently firing (``AlertLifecycle/active``); entries still pending are ignored.
    public var alerts: [AlertLifecycle.Entry]
    /// What changed since an earlier snapshot (usually a week ago); `nil` without history.
    public var changes: CoverageChanges?
    /// The zone in which dates are shown (the province's).
    public var timeZone: TimeZone
    /// False when no pass has completed yet (the catalog just imported, a `sync --once`
    /// interrupted): the figures then count only the listings checked so far and no alert has
    /// been evaluated, which the page says before it is sent upward.
    public var passCompleted = true
    /// Each list of products not covered (uncovered, then unverified): the rows it shows and how
    /// many it stands for. Chosen once, so that publishing can read the evidence of exactly
    /// these products before rendering without sorting them again.
    let gapLists: [(state: CoverageState, shown: [ProductCoverage], total: Int)]

    public init(
        coverage: CoverageReport,
        producers: [Producer] = [],
        evidence: [ListingEvidence] = [],
        trend: [CoverageTrendPoint] = [],
        alerts: [AlertLifecycle.Entry] = [],
        changes: CoverageChanges? = nil,
        title: String = "Báo cáo sản phẩm OCOP trên sàn thương mại điện tử",
        timeZone: TimeZone = AlertRules.provinceTimeZone
    ) {
        self.title = title
        self.coverage = coverage
        self.producers = producers
        self.evidence = evidence
        self.trend = trend
        self.alerts = alerts
        self.changes = changes
        self.timeZone = timeZone
        gapLists = [CoverageState.uncovered, .unverified].map { state in
            let (shown, total) = Self.gaps(of: coverage, state: state)
            return (state, shown, total)
        }
    }

    /// The stored trend with its last point the headline's: a report made later than the last
    /// pass, or under other rules, would otherwise end its line on a figure the cards above it
    /// do not show. Without history there is still no line.
    var trendEndingAtHeadline: [CoverageTrendPoint] {
        guard !trend.isEmpty else { return [] }
        let headline = CoverageTrendPoint(
            date: coverage.generatedAt,
            productPercent: coverage.products.percent,
            producerPercent: coverage.producers.percent
        )
        return trend.filter { $0.date < coverage.generatedAt } + [headline]
    }

    /// Every product the report lists (uncovered, then unverified): only their evidence and
    /// producers need reading.
    public var listedProducts: [Product] {
        gapLists.flatMap { $0.shown.map(\.product) }
    }

    /// The complete document.
    public func render() -> String {
        let rules = coverage.rules
        let generated = ReportFormat.minute(coverage.generatedAt, in: timeZone)
        var body = """
            <header>
            <h1>\(Self.escape(title))</h1>
            <p class="meta">Số liệu lúc / As of <b>\(Self.escape(generated))</b> (\(Self.escape(Self.zoneName(timeZone)))) · \
            \(Self.escape(rulesSummary(rules)))</p>
            </header>

            """
        body += headline()
        body += chartSection(
            id: "trend",
            title: "Diễn biến độ phủ / Coverage trend",
            chart: Self.trendChart(trendEndingAtHeadline, target: rules.productTarget, timeZone: timeZone)
        )
        body += changesSection()
        for dimension in [CoverageDimension.region, .stars, .marketplace] {
            body += chartSection(
                id: dimension.rawValue,
                title: dimension.sectionTitle,
                chart: Self.barChart(
                    coverage.breakdowns[dimension] ?? [],
                    target: rules.productTarget,
                    caption: dimension.sectionTitle
                ),
                note: dimension.basisNote
            )
        }
        body += alertSection()
        body += productSection(
            id: "uncovered",
            title: "Sản phẩm chưa lên sàn / Uncovered products",
            state: .uncovered
        )
        body += productSection(
            id: "unverified",
            title: "Sản phẩm chưa xác minh được / Unverified products",
            state: .unverified
        )
        body += """
            <footer>OCOP Watch · \(Self.escape(ReportFormat.timestamp(coverage.generatedAt, in: timeZone)))</footer>

            """
        return """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(title))</title>
            <style>
            \(Self.styleSheet)</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    func headline() -> String {
        func card(_ title: String, _ tally: CoverageTally, unit: String) -> String {
            let status = tally.meetsTarget ? "met" : "below"
            return """
                <div class="card \(status)">
                <h2>\(Self.escape(title))</h2>
                <p class="figure">\(ReportFormat.percent(tally.percent, comma: true)) %</p>
                <p>\(tally.covered)/\(tally.total) \(Self.escape(unit)) đã lên sàn · mục tiêu / target \
                \(ReportFormat.target(tally.target, comma: true)) % · \
                <b>\(tally.meetsTarget ? "đạt / met" : "chưa đạt / below target")</b></p>
                \(Self.progressBar(tally))
                <p class="small">Chưa lên sàn / uncovered \(tally.uncovered) · chưa xác minh / unverified \(tally.unverified)</p>
                </div>

                """
        }
        // 0/0 reads as 0 %: the page says why there is nothing to count, for whoever it is sent to.
        let empty =
            coverage.products.total > 0
            ? ""
            : """
            <p class="note"><b>Chưa có sản phẩm OCOP nào được tính: danh mục chưa được nhập, hoặc không sản phẩm \
            nào thuộc diện tính / No OCOP product is counted: the catalog has not been imported, or none of \
            its products is in scope.</b></p>

            """
        let partial =
            passCompleted || coverage.products.total == 0
            ? ""
            : """
            <p class="note"><b>Chưa có lượt kiểm tra nào hoàn tất: số liệu chỉ tính các liên kết đã kiểm tra / \
            No pass has completed yet: these figures count only the listings checked so far.</b></p>

            """
        return """
            \(empty)\(partial)<section class="headline">
            \(card("Sản phẩm / Products", coverage.products, unit: "sản phẩm"))\
            \(card("Chủ thể / Producers", coverage.producers, unit: "chủ thể"))\
            </section>
            \(Self.legend)

            """
    }

    func chartSection(id: String, title: String, chart: String, note: String? = nil) -> String {
        """
        <section class="chart" id="\(Self.escape(id))">
        <h2>\(Self.escape(title))</h2>
        \(chart)\(note.map { "\n<p class=\"note\">\(Self.escape($0))</p>" } ?? "")
        </section>

        """
    }

    func rulesSummary(_ rules: CoverageRules) -> String {
        let online = rules.onlineStatuses.map(\.rawValue).sorted().joined(separator: ", ")
        let sellers = rules.sellerRelations.map { $0.map(\.rawValue).sorted().joined(separator: ", ") } ?? "mọi / any"
        return "Tính là trên sàn / online: \(online); kết quả cũ sau / stale after "
            + "\(CoverageChangesRenderer.span(rules.staleAfter)); "
            + "người bán / sellers: \(sellers)"
    }

    static func zoneName(_ zone: TimeZone) -> String {
        let seconds = zone.secondsFromGMT()
        let sign = seconds < 0 ? "-" : "+"
        return String(format: "UTC%@%02d:%02d", sign, abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }
}
