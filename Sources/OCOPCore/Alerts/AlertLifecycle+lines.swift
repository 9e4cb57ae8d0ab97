public import Foundation

extension AlertLifecycle {
    /// The stored form: one JSON object per alert and line, sorted by key.
    ///
    /// At 100,000 listings a pass tracks some 13,000 listing alerts. Encoded as one JSON document
    /// (the first format) that is 9 MB, and Foundation's coders build the whole document as a
    /// tree of values on the way in and out, a peak of several times its size every pass; line
    /// by line, only one alert's tree exists at a time.
    public func encodedLines() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        var data = Data()
        for key in entries.keys.sorted() {
            guard let entry = entries[key] else { continue }
            data.append(try encoder.encode(entry))
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }

    /// Reads what ``encodedLines()`` wrote, or a whole-document JSON of the first format.
    public init(storedData data: Data) throws {
        guard !data.starts(with: Array(#"{"entries""#.utf8)) else {
            self = try JSONDecoder().decode(AlertLifecycle.self, from: data)
            return
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        var entries: [String: Entry] = [:]
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            let entry = try decoder.decode(Entry.self, from: line)
            entries[entry.condition.key] = entry
        }
        self.init(entries: entries)
    }

    init(entries: [String: Entry]) {
        self.init()
        self.entries = entries
    }
}
