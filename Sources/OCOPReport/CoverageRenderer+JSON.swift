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
    public func json(_ figures: CoverageFigures, by dimension: CoverageDimension? = nil) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = CoverageDocument(figures: figures, dimension: dimension, timeZone: configuration.timeZone)
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    /// The JSON document of a report's figures.
    public func json(_ report: CoverageReport, by dimension: CoverageDimension? = nil) throws -> String {
        try json(CoverageFigures(report), by: dimension)
    }
}

private struct CoverageDocument: Encodable {
    var figures: CoverageFigures
    var dimension: CoverageDimension?
    var timeZone: TimeZone

    enum CodingKeys: String, CodingKey {
        case generatedAt = "generated_at"
        case rules, products, producers, dimension, breakdown, gaps
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ReportFormat.timestamp(figures.generatedAt, in: timeZone), forKey: .generatedAt)
        try container.encode(RulesDocument(rules: figures.rules, timeZone: timeZone), forKey: .rules)
        try container.encode(TallyDocument(figures.products), forKey: .products)
        try container.encode(TallyDocument(figures.producers), forKey: .producers)
        try container.encode(dimension?.rawValue, forKey: .dimension)
        if let dimension {
            try container.encode((figures.breakdowns[dimension] ?? []).map(RowDocument.init), forKey: .breakdown)
        } else {
            var all: [String: [RowDocument]] = [:]
            for dimension in CoverageDimension.allCases {
                all[dimension.rawValue] = (figures.breakdowns[dimension] ?? []).map(RowDocument.init)
            }
            try container.encode(all, forKey: .breakdown)
        }
        try container.encode(figures.gaps.map(GapDocument.init), forKey: .gaps)
    }
}

private struct TallyDocument: Encodable {
    var total: Int
    var covered: Int
    var uncovered: Int
    var unverified: Int
    var percent: Double
    var target: Double
    var meetsTarget: Bool

    init(_ tally: CoverageTally) {
        total = tally.total
        covered = tally.covered
        uncovered = tally.uncovered
        unverified = tally.unverified
        percent = ReportFormat.rounded(tally.percent)
        target = tally.target
        meetsTarget = tally.meetsTarget
    }

    enum CodingKeys: String, CodingKey {
        case total, covered, uncovered, unverified, percent, target
        case meetsTarget = "meets_target"
    }
}

private struct RowDocument: Encodable {
    var key: String
    var label: String
    var products: TallyDocument
    var producers: TallyDocument

    init(_ row: CoverageBreakdownRow) {
        key = row.key
        label = row.label
        products = TallyDocument(row.products)
        producers = TallyDocument(row.producers)
    }
}

private struct GapDocument: Encodable {
    var productID: String
    var name: String
    var producerID: String
    var district: String
    var stars: Int
    var state: String
    var reason: String?

    init(_ gap: CoverageGap) {
        productID = gap.productID
        name = gap.name
        producerID = gap.producerID
        district = gap.district
        stars = gap.stars
        state = gap.state.rawValue
        reason = gap.reason
    }

    enum CodingKeys: String, CodingKey {
        case productID = "product_id"
        case producerID = "producer_id"
        case name, district, stars, state, reason
    }
}

/// The rules behind the figure, so a number sent upward says how it was counted. `null` for
/// `marketplaces` and `seller_relations` means "any".
private struct RulesDocument: Encodable {
    var rules: CoverageRules
    var timeZone: TimeZone

    enum CodingKeys: String, CodingKey {
        case onlineStatuses = "online_statuses"
        case staleAfterSeconds = "stale_after_seconds"
        case marketplaces
        case sellerRelations = "seller_relations"
        case certificateStatuses = "certificate_statuses"
        case productTarget = "product_target"
        case producerTarget = "producer_target"
        case channelWindows = "channel_windows"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rules.onlineStatuses.map(\.rawValue).sorted(), forKey: .onlineStatuses)
        try container.encode(rules.staleAfter, forKey: .staleAfterSeconds)
        try container.encode(rules.marketplaces?.map(\.rawValue).sorted(), forKey: .marketplaces)
        try container.encode(rules.sellerRelations?.map(\.rawValue).sorted(), forKey: .sellerRelations)
        try container.encode(rules.certificateStatuses.map(\.rawValue).sorted(), forKey: .certificateStatuses)
        try container.encode(rules.productTarget, forKey: .productTarget)
        try container.encode(rules.producerTarget, forKey: .producerTarget)
        var windows: [String: [String: String?]] = [:]
        for (marketplace, window) in rules.windows {
            windows[marketplace.rawValue] = [
                "from": window.from.map { ReportFormat.timestamp($0, in: timeZone) },
                "until": window.until.map { ReportFormat.timestamp($0, in: timeZone) },
            ]
        }
        try container.encode(windows, forKey: .channelWindows)
    }
}
