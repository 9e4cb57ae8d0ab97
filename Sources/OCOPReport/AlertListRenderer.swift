public import Foundation
public import OCOPCore

/// Renders `ocop-watch alerts`: the alerts firing now, as an aligned table or JSON.
///
/// The input is ``AlertLifecycle/active``, so the list agrees with the alert log (every entry
/// here had a `firing` line and no `resolved` one yet) and with the report's alert section.
public struct AlertListRenderer: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// The zone in which times are shown (the province's).
        public var timeZone: TimeZone
        /// The terminal's width, which the table keeps within by wrapping its last text column;
        /// nil (a pipe, a file): one line per row.
        public var maximumWidth: Int?

        public init(timeZone: TimeZone = AlertRules.provinceTimeZone, maximumWidth: Int? = nil) {
            self.timeZone = timeZone
            self.maximumWidth = maximumWidth
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Most severe first, then by key.
    static func firing(_ entries: [AlertLifecycle.Entry]) -> [(AlertLifecycle.Entry, Date)] {
        entries.compactMap { entry in entry.firingSince.map { (entry, $0) } }
            .sorted { ($1.0.condition.severity, $0.0.condition.key) < ($0.0.condition.severity, $1.0.condition.key) }
    }

    public func table(_ entries: [AlertLifecycle.Entry]) -> String {
        let firing = Self.firing(entries)
        guard !firing.isEmpty else { return "Không có cảnh báo / No alert is firing.\n" }
        let rows = firing.map { entry, since in
            let condition = entry.condition
            return [
                ReportFormat.minute(since, in: configuration.timeZone), condition.severity.rawValue,
                condition.kind.rawValue, condition.region ?? "",
                condition.product ?? condition.marketplace?.rawValue ?? "", condition.message,
            ]
        }
        var table = TextTable(
            columns: [
                TextTable.Column("Từ / Since", alignment: .left), TextTable.Column("Mức / Severity", alignment: .left),
                TextTable.Column("Loại / Kind", alignment: .left), TextTable.Column("Huyện / District", alignment: .left),
                TextTable.Column("Đối tượng / Subject", alignment: .left),
                TextTable.Column("Nội dung / Message", alignment: .left, wraps: true),
            ],
            rows: rows
        )
        table.maximumWidth = configuration.maximumWidth
        return "Cảnh báo đang bật / Firing alerts: \(firing.count)\n\n" + table.render() + "\n"
    }

    /// A JSON array, most severe first: `key`, `kind`, `severity`, `since` (ISO 8601, province
    /// zone), `message`, and `product`, `listing`, `region`, `marketplace` when they apply.
    public func json(_ entries: [AlertLifecycle.Entry]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let documents = Self.firing(entries).map { entry, since in
            FiringDocument(
                condition: entry.condition,
                since: ReportFormat.timestamp(since, in: configuration.timeZone)
            )
        }
        return String(decoding: try encoder.encode(documents), as: UTF8.self) + "\n"
    }
}

private struct FiringDocument: Encodable {
    var condition: AlertCondition
    var since: String

    enum CodingKeys: String, CodingKey {
        case key, kind, severity, since, message, product, listing, region, marketplace
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(condition.key, forKey: .key)
        try container.encode(condition.kind, forKey: .kind)
        try container.encode(condition.severity, forKey: .severity)
        try container.encode(since, forKey: .since)
        try container.encode(condition.message, forKey: .message)
        try container.encodeIfPresent(condition.product, forKey: .product)
        try container.encodeIfPresent(condition.listing, forKey: .listing)
        try container.encodeIfPresent(condition.region, forKey: .region)
        try container.encodeIfPresent(condition.marketplace, forKey: .marketplace)
    }
}
