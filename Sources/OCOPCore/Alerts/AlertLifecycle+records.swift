public import Foundation

extension AlertLifecycle {
    /// Reads an alert state stored whole, as earlier versions did: one JSON object per alert and
    /// line (the second format), or one JSON document (the first). The next publication stores
    /// it as ``records(changedSince:)``.
    public init(storedData data: Data) throws {
        guard !data.starts(with: Array(#"{"entries""#.utf8)) else {
            self = try JSONDecoder().decode(AlertLifecycle.self, from: data)
            return
        }
        try self.init(records: data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true))
    }

    /// The stored form: one record per alert, keyed by its condition's key and holding its entry
    /// as one JSON object, so that publishing rewrites only the alerts it changed.
    ///
    /// At 100,000 listings a pass tracks some 13,000 listing alerts. Stored as one document they
    /// were 9 MB, and Foundation's coders built it as a tree of values on the way in and out;
    /// as one value of JSON lines, 8 MB that took 30 MB at the peak of every publication to save
    /// (docs/0012). Most publications change a few alerts.
    ///
    /// - Returns: The records to save (new or changed since `previous`), written as the store
    ///   saves them, and the keys to remove.
    ///
    /// Each record is the entry as `JSONEncoder` writes it with `.sortedKeys`,
    /// `.withoutEscapingSlashes` and dates in seconds since 1970, written directly
    /// (``JSONWriter``): at 13,000 changed alerts the encoder took 0.12 s. Written all at once
    /// before saving, they held 8.7 MB at the peak of a 100,000-listing publication (docs/0012).
    public func records(changedSince previous: AlertLifecycle) -> (saving: AlertRecords, removing: [String]) {
        let changed = entries.compactMap { key, entry in previous.entries[key] == entry ? nil : key }
        return (
            AlertRecords(keys: changed.sorted(), entries: entries),
            previous.entries.keys.filter { entries[$0] == nil }
        )
    }

    /// Reads the records ``records(changedSince:)`` gave, in any order.
    ///
    /// Each is read with the byte-level ``JSONValue`` reader, and with `JSONDecoder` only when
    /// that finds a shape it does not expect, so that a record any version wrote is read, or
    /// fails with the decoder's error. At 13,000 records the decoder alone took 0.23 s.
    public init(records: some Sequence<Data>) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        var entries: [String: Entry] = [:]
        for record in records {
            let entry = try Entry(record: [UInt8](record)) ?? decoder.decode(Entry.self, from: record)
            entries[entry.condition.key] = entry
        }
        self.init(entries: entries)
    }

    init(entries: [String: Entry]) {
        self.init()
        self.entries = entries
    }
}

extension AlertLifecycle.Entry {
    /// Writes the entry as its synthesised `Codable` conformance encodes it, keys sorted.
    func write(to json: inout JSONWriter) throws {
        json.beginObject()
        json.key("condition")
        json.beginObject()
        if let evidenceTime = condition.evidenceTime {
            json.key("evidenceTime")
            try json.number(evidenceTime.timeIntervalSince1970)
        }
        json.member("key", condition.key)
        json.member("kind", condition.kind.rawValue)
        json.member("listing", condition.listing)
        json.member("marketplace", condition.marketplace?.rawValue)
        json.member("message", condition.message)
        json.member("product", condition.product)
        json.member("region", condition.region)
        json.member("severity", condition.severity.rawValue)
        json.endObject()
        json.key("state")
        json.beginObject()
        switch state {
        case .pending(let count):
            json.key("pending")
            json.beginObject()
            json.member("count", count)
        case .firing(let since, let lastNotified):
            json.key("firing")
            json.beginObject()
            try Self.write(lastNotified: lastNotified, since: since, to: &json)
        case .resolving(let count, let since, let lastNotified):
            json.key("resolving")
            json.beginObject()
            json.member("count", count)
            try Self.write(lastNotified: lastNotified, since: since, to: &json)
        }
        json.endObject()
        json.endObject()
        json.endObject()
    }

    private static func write(lastNotified: Date, since: Date, to json: inout JSONWriter) throws {
        json.key("lastNotified")
        try json.number(lastNotified.timeIntervalSince1970)
        json.key("since")
        try json.number(since.timeIntervalSince1970)
    }

    /// Reads an entry in the shape ``write(to:)`` and the synthesised conformance write, or
    /// `nil` for any other shape (the caller then asks `JSONDecoder`, for its error).
    init?(record: [UInt8]) {
        guard let entry = JSONValue(parsing: record)?.object,
            let condition = entry["condition"]?.object, let state = entry["state"]?.object,
            let key = condition["key"]?.string,
            let kind = condition["kind"]?.string.flatMap(AlertKind.init(rawValue:)),
            let severity = condition["severity"]?.string.flatMap(AlertSeverity.init(rawValue:)),
            let message = condition["message"]?.string,
            let product = Self.optionalString(condition["product"]),
            let listing = Self.optionalString(condition["listing"]),
            let region = Self.optionalString(condition["region"]),
            let marketplace = Self.optionalString(condition["marketplace"]),
            case let members = state.members, members.count == 1, let fields = members[0].value.object
        else { return nil }
        func date(_ key: String) -> Date? { fields[key]?.double.map(Date.init(timeIntervalSince1970:)) }
        let lifecycleState: AlertLifecycle.State
        switch members[0].key {
        case "pending":
            guard let count = fields["count"]?.int else { return nil }
            lifecycleState = .pending(count: count)
        case "firing":
            guard let since = date("since"), let lastNotified = date("lastNotified") else { return nil }
            lifecycleState = .firing(since: since, lastNotified: lastNotified)
        case "resolving":
            guard let count = fields["count"]?.int, let since = date("since"), let lastNotified = date("lastNotified")
            else { return nil }
            lifecycleState = .resolving(count: count, since: since, lastNotified: lastNotified)
        default:
            return nil
        }
        self.init(
            condition: AlertCondition(
                key: key,
                kind: kind,
                severity: severity,
                message: message,
                product: product,
                listing: listing,
                region: region,
                marketplace: marketplace.map(MarketplaceID.init(rawValue:)),
                evidenceTime: condition["evidenceTime"]?.double.map(Date.init(timeIntervalSince1970:))
            ),
            state: lifecycleState
        )
    }

    /// An optional member: absent or `null` gives `.some(nil)`, a string `.some(text)`, and
    /// anything else `nil`.
    private static func optionalString(_ value: JSONValue?) -> String?? {
        guard let value, !value.isNull else { return .some(nil) }
        return value.string.map { .some($0) }
    }
}
