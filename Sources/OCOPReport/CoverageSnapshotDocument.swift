public import Foundation
public import OCOPCore

/// The coverage document stored after every pass: the headline, the breakdowns the report
/// charts, and every counted product's state.
///
/// Compact on purpose (no producer or commune rows, no gap list, no indentation): the daemon
/// stores one after every batch, so a year of history must stay small. The per-product states
/// are what `coverage --changes` compares; the headline is the report's trend line.
///
/// Decoding is lenient: documents stored before `format` existed (the full `coverage --format
/// json` output) still give their headline and breakdowns, with ``states`` `nil`.
public struct CoverageSnapshotDocument: Sendable, Hashable, Codable {
    /// The current format name, `ocop-coverage-snapshot/2`.
    public static let currentFormat = "ocop-coverage-snapshot/2"
    /// The breakdowns kept: those the HTML report draws.
    public static let dimensions: [CoverageDimension] = [.region, .stars, .marketplace]

    /// Headline figures of one subject (products or producers).
    public struct Tally: Sendable, Hashable, Codable {
        public var total: Int
        public var covered: Int
        public var uncovered: Int
        public var unverified: Int
        /// Covered share, 0–100, two decimals.
        public var percent: Double
        public var target: Double

        public init(_ tally: CoverageTally) {
            total = tally.total
            covered = tally.covered
            uncovered = tally.uncovered
            unverified = tally.unverified
            percent = ReportFormat.twoDecimals(tally.percent)
            target = tally.target
        }
    }

    public var format: String?
    public var generatedAt: String?
    public var products: Tally
    public var producers: Tally
    /// Rows by dimension name (`region`, `stars`, `marketplace`).
    public var breakdown: [String: [CoverageBreakdownRow]]?
    /// Every counted product's state; `nil` in documents stored by older versions.
    public var states: ProductStates?

    enum CodingKeys: String, CodingKey {
        case format
        case generatedAt = "generated_at"
        case products, producers, breakdown, states
    }

    /// The document of `report`, times shown in `timeZone`.
    public init(_ report: CoverageReport, timeZone: TimeZone = AlertRules.provinceTimeZone) {
        format = Self.currentFormat
        generatedAt = ReportFormat.timestamp(report.generatedAt, in: timeZone)
        products = Tally(report.products)
        producers = Tally(report.producers)
        var rows: [String: [CoverageBreakdownRow]] = [:]
        for dimension in Self.dimensions {
            rows[dimension.rawValue] = report.breakdowns[dimension] ?? []
        }
        breakdown = rows
        states = ProductStates(report)
    }

    /// Reads a stored document.
    ///
    /// - Throws: `DecodingError` when the data is not a coverage document of any version.
    public init(json: Data) throws {
        self = try JSONDecoder().decode(Self.self, from: json)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decodeIfPresent(String.self, forKey: .format)
        generatedAt = try container.decodeIfPresent(String.self, forKey: .generatedAt)
        products = try container.decode(Tally.self, forKey: .products)
        producers = try container.decode(Tally.self, forKey: .producers)
        // Older documents held every dimension, some as a single array when one was chosen.
        breakdown = try? container.decodeIfPresent([String: [CoverageBreakdownRow]].self, forKey: .breakdown)
        states = try container.decodeIfPresent(ProductStates.self, forKey: .states)
    }

    /// One line of JSON, keys sorted, for the store: what `JSONEncoder` writes with
    /// `[.sortedKeys, .withoutEscapingSlashes]`, written directly (``OCOPCore/JSONWriter``).
    ///
    /// The encoder built a boxed value for each of a national catalog's 50,000 product ids
    /// first, and the daemon stores a snapshot whenever a product's state changes: written
    /// directly, storing it raises the heap 0.5 MB instead of 1.6 MB at 100,000 listings and
    /// takes 8 ms less (docs/0012, twelfth round).
    public func json() throws -> Data {
        var json = JSONWriter(layout: .compact, capacity: 2048 + 16 * (states?.count ?? 0))
        json.beginObject()
        if let breakdown {
            json.key("breakdown")
            json.beginObject()
            for name in breakdown.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                json.key(name)
                json.beginArray()
                for row in breakdown[name] ?? [] {
                    json.element()
                    json.beginObject()
                    json.member("key", row.key)
                    json.member("label", row.label)
                    json.key("producers")
                    try Self.write(row.producers, to: &json)
                    json.key("products")
                    try Self.write(row.products, to: &json)
                    json.endObject()
                }
                json.endArray()
            }
            json.endObject()
        }
        json.member("format", format)
        json.member("generated_at", generatedAt)
        json.key("producers")
        try Self.write(producers, to: &json)
        json.key("products")
        try Self.write(products, to: &json)
        if let states {
            json.key("states")
            json.beginObject()
            json.key("covered")
            json.strings(states.covered)
            json.key("uncovered")
            json.strings(states.uncovered)
            json.key("unverified")
            json.strings(states.unverified)
            json.endObject()
        }
        json.endObject()
        return Data(json.bytes)
    }

    private static func write(_ tally: Tally, to json: inout JSONWriter) throws {
        try json.tally(
            covered: tally.covered, percent: tally.percent, target: tally.target, total: tally.total,
            uncovered: tally.uncovered, unverified: tally.unverified)
    }

    private static func write(_ tally: CoverageTally, to json: inout JSONWriter) throws {
        try json.tally(
            covered: tally.covered, target: tally.target, total: tally.total, uncovered: tally.uncovered,
            unverified: tally.unverified)
    }
}
