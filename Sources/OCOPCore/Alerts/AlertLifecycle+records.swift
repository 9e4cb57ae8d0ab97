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
    /// - Returns: The records to save (new or changed since `previous`) and the keys to remove.
    public func records(changedSince previous: AlertLifecycle) throws -> (saving: [String: Data], removing: [String]) {
        let encoder = Self.entryEncoder()
        var saving: [String: Data] = [:]
        for (key, entry) in entries where previous.entries[key] != entry {
            saving[key] = try encoder.encode(entry)
        }
        return (saving, previous.entries.keys.filter { entries[$0] == nil })
    }

    /// Reads the records ``records(changedSince:)`` gave, in any order.
    public init(records: some Sequence<Data>) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        var entries: [String: Entry] = [:]
        for record in records {
            let entry = try decoder.decode(Entry.self, from: record)
            entries[entry.condition.key] = entry
        }
        self.init(entries: entries)
    }

    private static func entryEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }

    init(entries: [String: Entry]) {
        self.init()
        self.entries = entries
    }
}
