import Foundation
import OCOPCore

/// Inline SVG charts: drawn from numbers with fixed geometry, so they need no script and print
/// as crisply as text.
extension HTMLReport {
    static let coveredColour = "#2e7d32"
    static let unverifiedColour = "#f9a825"
    static let uncoveredColour = "#c62828"
    static let productColour = "#1565c0"
    static let producerColour = "#6a1b9a"
    static let gridColour = "#e0e0e0"
    static let inkColour = "#212121"
    static let noteColour = "#555"

    static let legend = """
        <p class="legend"><span class="swatch" style="background:\(coveredColour)"></span>Đã lên sàn / covered \
        <span class="swatch" style="background:\(unverifiedColour)"></span>Chưa xác minh / unverified \
        <span class="swatch" style="background:\(uncoveredColour)"></span>Chưa lên sàn / uncovered \
        <span class="target-mark"></span>Mục tiêu / target</p>
        """

    /// An `<svg>` root. Text attributes are presentation attributes rather than CSS so that
    /// renderers which ignore style sheets inside SVG (PDF converters) draw the same chart.
    static func svg(width: Double, height: Double, label: String, className: String = "chart", _ content: String) -> String {
        element(
            "svg",
            [
                ("class", className), ("viewBox", "0 0 \(coordinate(width)) \(coordinate(height))"),
                ("font-family", "Noto Sans, Segoe UI, Roboto, Arial, sans-serif"), ("font-size", "12"),
                ("role", "img"), ("aria-label", label),
            ],
            "\n" + content + "\n"
        )
    }

    /// `<name attribute="value" …/>`, or with `content` (already HTML) `<name …>content</name>`.
    /// Attribute values are escaped.
    static func element(_ name: String, _ attributes: [(String, any SVGAttributeValue)], _ content: String? = nil)
        -> String
    {
        let text = attributes.map { " \($0.0)=\"\(escape($0.1.svgText))\"" }.joined()
        guard let content else { return "<\(name)\(text)/>" }
        return "<\(name)\(text)>\(content)</\(name)>"
    }

    /// A number for an SVG attribute: one decimal, locale-free.
    static func coordinate(_ value: Double) -> String {
        String(format: "%.1f", value)
    }

    /// The three segments (covered, unverified, uncovered) of a bar `width` wide at `x`, `y`.
    static func segments(_ tally: CoverageTally, x: Double, y: Double, width: Double, height: Double) -> String {
        guard tally.total > 0 else { return "" }
        var offset = x
        var parts = ""
        for (count, colour) in [
            (tally.covered, coveredColour), (tally.unverified, unverifiedColour), (tally.uncovered, uncoveredColour),
        ] where count > 0 {
            let length = width * Double(count) / Double(tally.total)
            parts += element("rect", [("x", offset), ("y", y), ("width", length), ("height", height), ("fill", colour)])
            offset += length
        }
        return parts
    }

    /// A dashed vertical or horizontal marker, for the target.
    static func targetLine(x1: Double, y1: Double, x2: Double, y2: Double) -> String {
        element(
            "line",
            [
                ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2), ("stroke", inkColour), ("stroke-width", 1.5),
                ("stroke-dasharray", "4 3"),
            ]
        )
    }

    static func progressBar(_ tally: CoverageTally) -> String {
        let width = 300.0
        let target = 4 + width * min(max(tally.target, 0), 100) / 100
        return svg(
            width: width + 8,
            height: 26,
            label: "\(ReportFormat.percent(tally.percent, comma: true)) %",
            className: "progress",
            element("rect", [("x", 4.0), ("y", 5.0), ("width", width), ("height", 16.0), ("fill", gridColour)])
                + segments(tally, x: 4, y: 5, width: width, height: 16)
                + targetLine(x1: target, y1: 1, x2: target, y2: 25)
        )
    }

    /// Horizontal stacked bars, one per breakdown row, with the product target as a dashed line.
    static func barChart(_ rows: [CoverageBreakdownRow], target: Double, caption: String) -> String {
        let labelWidth = 210.0
        let barWidth = 380.0
        let rowHeight = 24.0
        let width = 720.0
        guard !rows.isEmpty else {
            return svg(
                width: width,
                height: 40,
                label: caption,
                element("text", [("x", 8.0), ("y", 24.0), ("fill", noteColour)], "Không có dữ liệu / No data")
            )
        }
        let height = rowHeight * Double(rows.count) + 12
        var content: [String] = []
        for (index, row) in rows.enumerated() {
            let y = 6 + Double(index) * rowHeight
            let tally = row.products
            let tooltip =
                "\(row.label): \(tally.covered)/\(tally.total) đã lên sàn / covered, "
                + "\(tally.unverified) chưa xác minh / unverified, \(tally.uncovered) chưa lên sàn / uncovered"
            let label = escape(truncated(row.label, width: labelWidth - 12))
            let value = "\(ReportFormat.percent(tally.percent, comma: true)) % (\(tally.covered)/\(tally.total))"
            content.append(
                element(
                    "g",
                    [],
                    element("title", [], escape(tooltip))
                        + element("text", [("x", labelWidth - 8), ("y", y + 16), ("text-anchor", "end")], label)
                        + element(
                            "rect",
                            [("x", labelWidth), ("y", y + 3), ("width", barWidth), ("height", 18.0), ("fill", gridColour)]
                        )
                        + segments(tally, x: labelWidth, y: y + 3, width: barWidth, height: 18)
                        + element("text", [("x", labelWidth + barWidth + 8), ("y", y + 16)], escape(value))
                )
            )
        }
        let x = labelWidth + barWidth * min(max(target, 0), 100) / 100
        content.append(targetLine(x1: x, y1: 2, x2: x, y2: height - 2))
        return svg(width: width, height: height, label: caption, content.joined(separator: "\n"))
    }

    /// Products and producers covered over past passes, 0–100 %, with the target dashed.
    static func trendChart(_ points: [CoverageTrendPoint], target: Double, timeZone: TimeZone) -> String {
        let (width, height) = (720.0, 256.0)
        let (left, right, top, bottom) = (52.0, 700.0, 14.0, 200.0)
        let sorted = points.sorted { $0.date < $1.date }
        func y(_ percent: Double) -> Double { bottom - (bottom - top) * min(max(percent, 0), 100) / 100 }
        var content: [String] = []
        for tick in stride(from: 0.0, through: 100.0, by: 25.0) {
            content.append(
                element("line", [("x1", left), ("y1", y(tick)), ("x2", right), ("y2", y(tick)), ("stroke", gridColour)])
                    + element("text", [("x", left - 6), ("y", y(tick) + 4), ("text-anchor", "end")], "\(Int(tick)) %")
            )
        }
        content.append(targetLine(x1: left, y1: y(target), x2: right, y2: y(target)))
        let caption = "Diễn biến độ phủ / Coverage trend"
        guard let first = sorted.first, let last = sorted.last else {
            content.append(
                element(
                    "text",
                    [("x", (left + right) / 2), ("y", (top + bottom) / 2), ("fill", noteColour), ("text-anchor", "middle")],
                    "Chưa có lịch sử / No history yet"
                )
            )
            return svg(width: width, height: height, label: caption, content.joined(separator: "\n"))
        }
        let span = last.date.timeIntervalSince(first.date)
        func x(_ date: Date) -> Double {
            span <= 0 ? (left + right) / 2 : left + (right - left) * date.timeIntervalSince(first.date) / span
        }
        for (series, colour, value) in [
            ("Sản phẩm / Products", productColour, \CoverageTrendPoint.productPercent),
            ("Chủ thể / Producers", producerColour, \CoverageTrendPoint.producerPercent),
        ] {
            let path = sorted.map { "\(coordinate(x($0.date))),\(coordinate(y($0[keyPath: value])))" }
            content.append(
                element(
                    "polyline",
                    [("fill", "none"), ("stroke", colour), ("stroke-width", 2.0), ("points", path.joined(separator: " "))]
                )
            )
            for point in sorted {
                let label =
                    "\(series) \(ReportFormat.vietnameseDay(point.date, in: timeZone)): "
                    + "\(ReportFormat.percent(point[keyPath: value], comma: true)) %"
                content.append(
                    element(
                        "circle",
                        [("cx", x(point.date)), ("cy", y(point[keyPath: value])), ("r", 3.0), ("fill", colour)],
                        element("title", [], escape(label))
                    )
                )
            }
        }
        // The latest value of each series, the higher one above its point and the lower below,
        // kept inside the chart (a label over 100 % lost its top; one under 0 % sat on the date)
        // and a line apart.
        let latest = [
            (last.productPercent, productColour), (last.producerPercent, producerColour),
        ]
        .sorted { $0.0 > $1.0 }
        let line = 13.0
        var baselines = [max(y(latest[0].0) - 7, line), min(y(latest[1].0) + 15, bottom - 4)]
        if baselines[1] - baselines[0] < line { baselines[0] = baselines[1] - line }
        if baselines[0] < line { baselines = [line, 2 * line] }
        for (rank, (value, colour)) in latest.enumerated() {
            content.append(
                element(
                    "text",
                    [
                        ("x", x(last.date) - 6), ("y", baselines[rank]), ("fill", colour),
                        ("text-anchor", "end"), ("font-weight", "bold"),
                    ],
                    "\(ReportFormat.percent(value, comma: true)) %"
                )
            )
        }
        var ticks = [(first, span > 0 ? "start" : "middle")]
        if sorted.count > 2 { ticks.append((sorted[sorted.count / 2], "middle")) }
        if span > 0 { ticks.append((last, "end")) }
        for (point, anchor) in ticks {
            content.append(
                element(
                    "text",
                    [("x", x(point.date)), ("y", bottom + 18), ("fill", noteColour), ("text-anchor", anchor)],
                    escape(ReportFormat.vietnameseDay(point.date, in: timeZone))
                )
            )
        }
        for (offset, colour, name) in [
            (0.0, productColour, "Sản phẩm / Products"), (200.0, producerColour, "Chủ thể / Producers"),
        ] {
            content.append(
                element("rect", [("x", left + offset), ("y", height - 16), ("width", 10.0), ("height", 10.0), ("fill", colour)])
                    + element("text", [("x", left + offset + 14), ("y", height - 7), ("fill", noteColour)], name)
            )
        }
        return svg(width: width, height: height, label: caption, content.joined(separator: "\n"))
    }
}

/// A value an SVG attribute can take: numbers print with one decimal, whatever the locale.
protocol SVGAttributeValue {
    var svgText: String { get }
}

extension Double: SVGAttributeValue {
    var svgText: String { HTMLReport.coordinate(self) }
}

extension String: SVGAttributeValue {
    var svgText: String { self }
}
