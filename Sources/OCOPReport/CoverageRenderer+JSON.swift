import Foundation
public import OCOPCore

extension CoverageRenderer {
    /// The report as a JSON document (pretty-printed, keys sorted, so diffs between passes are
    /// readable).
    ///
    /// Top-level keys: `generated_at`, `rules`, `products` and `producers` (each `total`,
    /// `covered`, `uncovered`, `unverified`, `percent`, `target`, `meets_target`), `dimension`
    /// (the chosen one, or `null`), `breakdown` (an array of rows for the chosen dimension, or,
    /// when none is chosen, an object with one such array per dimension name), and `gaps` (the
    /// products not covered, with their state and first reason). Percentages are 0–100, rounded
    /// to two decimals.
    ///
    /// The layout is `JSONEncoder`'s (`[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`),
    /// written directly: see ``OCOPCore/JSONWriter``.
    public func json(_ figures: CoverageFigures, by dimension: CoverageDimension? = nil) throws -> String {
        let rows = dimension.map { figures.breakdowns[$0]?.count ?? 0 } ?? figures.breakdowns.values.reduce(0) { $0 + $1.count }
        var json = JSONWriter(layout: .pretty, capacity: 1024 + 560 * rows + 300 * figures.gaps.count)
        json.beginObject()
        json.key("breakdown")
        if let dimension {
            try Self.write(figures.breakdowns[dimension] ?? [], to: &json)
        } else {
            json.beginObject()
            for dimension in Self.dimensionsByName {
                json.key(dimension.rawValue)
                try Self.write(figures.breakdowns[dimension] ?? [], to: &json)
            }
            json.endObject()
        }
        json.key("dimension")
        if let dimension { json.string(dimension.rawValue) } else { json.null() }
        json.key("gaps")
        json.beginArray()
        for gap in figures.gaps {
            json.element()
            Self.write(gap, to: &json)
        }
        json.endArray()
        json.key("generated_at")
        json.string(ReportFormat.timestamp(figures.generatedAt, in: configuration.timeZone))
        json.key("producers")
        try Self.write(figures.producers, to: &json)
        json.key("products")
        try Self.write(figures.products, to: &json)
        json.key("rules")
        try write(figures.rules, to: &json)
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }

    /// The JSON document of a report's figures.
    public func json(_ report: CoverageReport, by dimension: CoverageDimension? = nil) throws -> String {
        try json(CoverageFigures(report), by: dimension)
    }

    /// The dimensions in the order of their names' bytes: the order of keys the encoder sorts.
    private static let dimensionsByName = CoverageDimension.allCases.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }

    private static func write(_ rows: [CoverageBreakdownRow], to json: inout JSONWriter) throws {
        json.beginArray()
        for row in rows {
            json.element()
            json.beginObject()
            json.member("key", row.key)
            json.member("label", row.label)
            json.key("producers")
            try write(row.producers, to: &json)
            json.key("products")
            try write(row.products, to: &json)
            json.endObject()
        }
        json.endArray()
    }

    private static func write(_ tally: CoverageTally, to json: inout JSONWriter) throws {
        try json.tally(
            covered: tally.covered, meetsTarget: tally.meetsTarget, percent: ReportFormat.twoDecimals(tally.percent),
            target: tally.target, total: tally.total, uncovered: tally.uncovered, unverified: tally.unverified)
    }

    /// A gap; `reason` is left out when there is none.
    private static func write(_ gap: CoverageGap, to json: inout JSONWriter) {
        json.beginObject()
        json.member("district", gap.district)
        json.member("name", gap.name)
        json.member("producer_id", gap.producerID)
        json.member("product_id", gap.productID)
        json.member("reason", gap.reason)
        json.member("stars", gap.stars)
        json.member("state", gap.state.rawValue)
        json.endObject()
    }

    /// The rules behind the figure, so a number sent upward says how it was counted. `null` for
    /// `marketplaces` and `seller_relations` means "any".
    private func write(_ rules: CoverageRules, to json: inout JSONWriter) throws {
        func strings(_ values: [String]?) {
            if let values { json.strings(values) } else { json.null() }
        }
        func time(_ date: Date?) {
            if let date { json.string(ReportFormat.timestamp(date, in: configuration.timeZone)) } else { json.null() }
        }
        json.beginObject()
        json.key("certificate_statuses")
        strings(rules.certificateStatuses.map(\.rawValue).sorted())
        json.key("channel_windows")
        json.beginObject()
        for (marketplace, window) in rules.windows.sorted(by: { $0.key.rawValue.utf8.lexicographicallyPrecedes($1.key.rawValue.utf8) }) {
            json.key(marketplace.rawValue)
            json.beginObject()
            json.key("from")
            time(window.from)
            json.key("until")
            time(window.until)
            json.endObject()
        }
        json.endObject()
        json.key("marketplaces")
        strings(rules.marketplaces?.map(\.rawValue).sorted())
        json.key("online_statuses")
        strings(rules.onlineStatuses.map(\.rawValue).sorted())
        json.key("producer_target")
        try json.number(rules.producerTarget)
        json.key("product_target")
        try json.number(rules.productTarget)
        json.key("seller_relations")
        strings(rules.sellerRelations?.map(\.rawValue).sorted())
        json.key("stale_after_seconds")
        try json.number(rules.staleAfter)
        json.endObject()
    }
}
