public import Foundation

/// One line of the alert log: an alert started, is still going, or ended.
///
/// Encoded as one JSON object per line with ISO 8601 `time`, whatever the encoder's date
/// strategy, so `jq`, logrotate and a log shipper all read the file the same way. Absent fields
/// are omitted rather than `null`.
public struct AlertEvent: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What happened to the alert.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// The condition has held long enough: sent once when it starts.
        case firing
        /// The condition still holds: repeated at most once per reminder interval.
        case reminder
        /// The condition has been absent long enough: sent once when it ends.
        case resolved
    }

    public var time: Date
    public var kind: AlertKind
    public var severity: AlertSeverity
    public var key: String
    public var state: State
    /// The sentence, as the condition keeps it (``AlertText``): written out when read.
    private var text: AlertText
    public var message: String {
        get { text.string }
        set { text = .written(newValue) }
    }
    public var product: String?
    public var listing: String?
    public var region: String?
    public var marketplace: MarketplaceID?
    /// For a grouped event: how many alerts it stands for.
    public var count: Int?
    /// For a grouped event: a few of the items it stands for (listing URLs or product ids).
    public var sample: [String]?

    public init(
        time: Date,
        kind: AlertKind,
        severity: AlertSeverity,
        key: String,
        state: State,
        message: String,
        product: String? = nil,
        listing: String? = nil,
        region: String? = nil,
        marketplace: MarketplaceID? = nil,
        count: Int? = nil,
        sample: [String]? = nil
    ) {
        self.time = time
        self.kind = kind
        self.severity = severity
        self.key = key
        self.state = state
        self.text = .written(message)
        self.product = product
        self.listing = listing
        self.region = region
        self.marketplace = marketplace
        self.count = count
        self.sample = sample
    }

    /// An event about one condition.
    public init(_ condition: AlertCondition, state: State, time: Date) {
        self.init(
            time: time,
            kind: condition.kind,
            severity: condition.severity,
            key: condition.key,
            state: state,
            message: "",
            product: condition.product,
            listing: condition.listing,
            region: condition.region,
            marketplace: condition.marketplace
        )
        text = condition.text
    }

    /// The event as one line of JSON, without a trailing newline, its fields always in the
    /// documented order (`time`, `kind`, `severity`, `key`, `state`, `message`, then the
    /// optional ones) so that `tail -f` output lines up for a person as well as for `jq`.
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        func field(_ key: CodingKeys, _ value: (some Encodable)?) throws -> String? {
            guard let value else { return nil }
            return "\"\(key.rawValue)\":" + String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        let fields = [
            try field(.time, time.formatted(.iso8601)),
            try field(.kind, kind),
            try field(.severity, severity),
            try field(.key, key),
            try field(.state, state),
            try field(.message, message),
            try field(.product, product),
            try field(.listing, listing),
            try field(.region, region),
            try field(.marketplace, marketplace),
            try field(.count, count),
            try field(.sample, sample),
        ]
        return "{" + fields.compactMap { $0 }.joined(separator: ",") + "}"
    }

    /// The operational log line, e.g.
    /// `FIRING warning listing_delisted listing_delisted:P001:https://… — Tin đăng bị gỡ … / …`.
    public var description: String {
        var line = "\(state.rawValue.uppercased()) \(severity.rawValue) \(kind.rawValue) \(key)"
        if let count { line += " count=\(count)" }
        line += " — \(message)"
        return line
    }

    private enum CodingKeys: String, CodingKey {
        case time, kind, severity, key, state, message, product, listing, region, marketplace, count, sample
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let timeText = try container.decode(String.self, forKey: .time)
        guard let time = try? Date(timeText, strategy: .iso8601) else {
            throw DecodingError.dataCorruptedError(
                forKey: .time,
                in: container,
                debugDescription: "'\(timeText)' is not an ISO 8601 time such as 2025-06-01T08:00:00Z"
            )
        }
        self.time = time
        kind = try container.decode(AlertKind.self, forKey: .kind)
        severity = try container.decode(AlertSeverity.self, forKey: .severity)
        key = try container.decode(String.self, forKey: .key)
        state = try container.decode(State.self, forKey: .state)
        text = .written(try container.decode(String.self, forKey: .message))
        product = try container.decodeIfPresent(String.self, forKey: .product)
        listing = try container.decodeIfPresent(String.self, forKey: .listing)
        region = try container.decodeIfPresent(String.self, forKey: .region)
        marketplace = try container.decodeIfPresent(MarketplaceID.self, forKey: .marketplace)
        count = try container.decodeIfPresent(Int.self, forKey: .count)
        sample = try container.decodeIfPresent([String].self, forKey: .sample)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time.formatted(.iso8601), forKey: .time)
        try container.encode(kind, forKey: .kind)
        try container.encode(severity, forKey: .severity)
        try container.encode(key, forKey: .key)
        try container.encode(state, forKey: .state)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(product, forKey: .product)
        try container.encodeIfPresent(listing, forKey: .listing)
        try container.encodeIfPresent(region, forKey: .region)
        try container.encodeIfPresent(marketplace, forKey: .marketplace)
        try container.encodeIfPresent(count, forKey: .count)
        try container.encodeIfPresent(sample, forKey: .sample)
    }
}
