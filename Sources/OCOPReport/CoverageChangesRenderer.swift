public import Foundation
public import OCOPCore

/// Renders `ocop-watch coverage --changes`: which products became covered, uncovered or
/// unverified since a stored snapshot, as a table, JSON or CSV.
///
/// The lists are what an officer acts on ("these five products disappeared from Shopee this
/// week"), so each row names the product, its producer id and district, the state it came from
/// and the calculator's reason for the state it is in.
public struct CoverageChangesRenderer: Sendable {
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

    /// The sections in the order they are printed: gaps first.
    static let sections: [(state: CoverageState, title: String, key: String)] = [
        (.uncovered, "Mới chưa lên sàn / Newly uncovered", "newly_uncovered"),
        (.unverified, "Mới chưa xác minh / Newly unverified", "newly_unverified"),
        (.covered, "Mới lên sàn / Newly covered", "newly_covered"),
    ]

    /// - Parameters:
    ///   - changes: The comparison.
    ///   - requested: The age the caller asked the baseline to have (`--since`); when the
    ///     baseline is younger (no snapshot is that old) the output says so.
    public func table(_ changes: CoverageChanges, requested: TimeInterval? = nil) -> String {
        let zone = configuration.timeZone
        var sections = [
            "Thay đổi độ phủ / Coverage changes: "
                + "\(ReportFormat.minute(changes.since, in: zone)) → \(ReportFormat.minute(changes.until, in: zone)) "
                + "(\(Self.span(changes.until.timeIntervalSince(changes.since))))",
            headline(changes),
        ]
        if let note = note(changes, requested: requested) { sections.insert(note, at: 1) }
        for section in Self.sections {
            sections.append(changeTable(section.title, changes.changes(to: section.state)))
        }
        if !changes.noLongerCounted.isEmpty {
            sections.append(
                "Không còn được tính / No longer counted (\(changes.noLongerCounted.count)): "
                    + changes.noLongerCounted.joined(separator: ", ")
            )
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    func changeTable(_ title: String, _ rows: [CoverageChanges.Change]) -> String {
        guard !rows.isEmpty else { return "\(title) (0): không có / none" }
        var table = TextTable(
            columns: [
                TextTable.Column("Mã / ID", alignment: .left),
                TextTable.Column("Sản phẩm / Product", alignment: .left),
                TextTable.Column("Chủ thể / Producer", alignment: .left),
                TextTable.Column("Huyện / District", alignment: .left),
                TextTable.Column("Trước / Before", alignment: .left),
                TextTable.Column("Lý do / Reason", alignment: .left, wraps: true),
            ],
            rows: rows.map { change in
                [
                    change.product.id, change.product.name, change.product.producerID,
                    change.product.region.districtLabel, Self.stateName(change.from), change.reason ?? "",
                ]
            }
        )
        table.maximumWidth = configuration.maximumWidth
        return "\(title) (\(rows.count))\n" + table.render()
    }

    func headline(_ changes: CoverageChanges) -> String {
        func row(_ title: String, _ states: ProductStates) -> [String] {
            let percent = states.count == 0 ? 0 : Double(states.covered.count) * 100 / Double(states.count)
            return [
                title, "\(states.count)", "\(states.covered.count)", "\(states.uncovered.count)",
                "\(states.unverified.count)", ReportFormat.percent(percent),
            ]
        }
        return TextTable(
            ["Sản phẩm / Products", "Total", "Covered", "Uncovered", "Unverified", "%"],
            rows: [row("Trước / Before", changes.before), row("Nay / Now", changes.after)]
        )
        .render()
    }

    func note(_ changes: CoverageChanges, requested: TimeInterval?) -> String? {
        guard let requested, changes.until.timeIntervalSince(changes.since) + 1 < requested else { return nil }
        let (vietnamese, english) = Self.spanWords(requested)
        return "Lưu ý / Note: chưa có số liệu lưu nào cũ \(vietnamese), so với số liệu cũ nhất / "
            + "no stored snapshot is \(english) old; compared with the oldest one."
    }

    /// The changes as a JSON document (pretty-printed, keys sorted).
    ///
    /// Keys: `since`, `until` (ISO 8601 in the province's zone), `span_seconds`,
    /// `requested_seconds` (or `null`), `before` and `after` (`total`, `covered`, `uncovered`,
    /// `unverified`), `newly_covered`, `newly_uncovered`, `newly_unverified` (arrays of
    /// `{product_id, name, producer_id, district, stars, from, to, reason}`, `from` `null` for a
    /// product not counted before), and `no_longer_counted` (product ids).
    public func json(_ changes: CoverageChanges, requested: TimeInterval? = nil) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document = ChangesDocument(changes: changes, requested: requested, timeZone: configuration.timeZone)
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    /// The changes as CSV for Excel (same conventions as ``CoverageRenderer/csv(_:by:)``): one
    /// row per product that changed, `change` being `newly_uncovered`, `newly_unverified`,
    /// `newly_covered` or `no_longer_counted`.
    public func csv(_ changes: CoverageChanges) -> String {
        var lines = ["change,product_id,name,producer_id,district,stars,from,to,reason"]
        for section in Self.sections {
            for change in changes.changes(to: section.state) {
                let fields = [
                    section.key, change.product.id, change.product.name, change.product.producerID,
                    change.product.region.districtLabel, "\(change.product.stars)", change.from?.rawValue ?? "",
                    change.to.rawValue, change.reason ?? "",
                ]
                lines.append(fields.map { CoverageRenderer.csvField(CoverageRenderer.defused($0)) }.joined(separator: ","))
            }
        }
        for id in changes.noLongerCounted {
            lines.append("no_longer_counted,\(CoverageRenderer.csvField(CoverageRenderer.defused(id))),,,,,,,")
        }
        return "\u{FEFF}" + lines.map { $0 + "\r\n" }.joined()
    }

    static func stateName(_ state: CoverageState?) -> String {
        guard let state else { return "chưa tính / not counted" }
        return ExplanationRenderer.stateText(state)
    }

    /// `7 ngày / days`, `36 giờ / hours`, `5 phút / minutes`.
    static func span(_ interval: TimeInterval) -> String {
        let (vietnamese, english) = spanWords(interval)
        return "\(vietnamese) / \(english)"
    }

    /// `("7 ngày", "7 days")`: days from two days up, hours from two hours up, minutes from two
    /// minutes up, else seconds.
    static func spanWords(_ interval: TimeInterval) -> (String, String) {
        if interval < 120 {
            let seconds = Int(interval.rounded())
            return ("\(seconds) giây", "\(seconds) seconds")
        }
        let minutes = Int((interval / 60).rounded())
        if minutes >= 2 * 24 * 60 {
            let days = Int((interval / 86_400).rounded())
            return ("\(days) ngày", "\(days) days")
        }
        if minutes >= 120 {
            let hours = Int((interval / 3600).rounded())
            return ("\(hours) giờ", "\(hours) hours")
        }
        return ("\(minutes) phút", "\(minutes) minutes")
    }
}

private struct ChangesDocument: Encodable {
    var changes: CoverageChanges
    var requested: TimeInterval?
    var timeZone: TimeZone

    struct Counts: Encodable {
        var total: Int
        var covered: Int
        var uncovered: Int
        var unverified: Int

        init(_ states: ProductStates) {
            total = states.count
            covered = states.covered.count
            uncovered = states.uncovered.count
            unverified = states.unverified.count
        }
    }

    struct Row: Encodable {
        var productID: String
        var name: String
        var producerID: String
        var district: String
        var stars: Int
        var from: String?
        var to: String
        var reason: String?

        init(_ change: CoverageChanges.Change) {
            productID = change.product.id
            name = change.product.name
            producerID = change.product.producerID
            district = change.product.region.districtLabel
            stars = change.product.stars
            from = change.from?.rawValue
            to = change.to.rawValue
            reason = change.reason
        }

        enum CodingKeys: String, CodingKey {
            case productID = "product_id"
            case producerID = "producer_id"
            case name, district, stars, from, to, reason
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(productID, forKey: .productID)
            try container.encode(name, forKey: .name)
            try container.encode(producerID, forKey: .producerID)
            try container.encode(district, forKey: .district)
            try container.encode(stars, forKey: .stars)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(reason, forKey: .reason)
        }
    }

    enum CodingKeys: String, CodingKey {
        case since, until, before, after
        case spanSeconds = "span_seconds"
        case requestedSeconds = "requested_seconds"
        case newlyCovered = "newly_covered"
        case newlyUncovered = "newly_uncovered"
        case newlyUnverified = "newly_unverified"
        case noLongerCounted = "no_longer_counted"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ReportFormat.timestamp(changes.since, in: timeZone), forKey: .since)
        try container.encode(ReportFormat.timestamp(changes.until, in: timeZone), forKey: .until)
        try container.encode(Int(changes.until.timeIntervalSince(changes.since).rounded()), forKey: .spanSeconds)
        try container.encode(requested.map { Int($0.rounded()) }, forKey: .requestedSeconds)
        try container.encode(Counts(changes.before), forKey: .before)
        try container.encode(Counts(changes.after), forKey: .after)
        try container.encode(changes.newlyCovered.map(Row.init), forKey: .newlyCovered)
        try container.encode(changes.newlyUncovered.map(Row.init), forKey: .newlyUncovered)
        try container.encode(changes.newlyUnverified.map(Row.init), forKey: .newlyUnverified)
        try container.encode(changes.noLongerCounted, forKey: .noLongerCounted)
    }
}
