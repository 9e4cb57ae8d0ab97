import Foundation
import OCOPCore

/// Schedule entries to save (``ListingSchedule/changes()``), each encoded only when the store
/// writes it.
public struct ScheduleRecords: KeyedRecords {
    /// The listings whose entries are saved, in key order.
    public let keys: [ListingKey]
    private let entries: [ListingKey: ListingSchedule.Entry]

    init(keys: [ListingKey], entries: [ListingKey: ListingSchedule.Entry]) {
        self.keys = keys
        self.entries = entries
    }

    /// The entry a record holds, for ``ListingSchedule/init(configuration:entries:)``.
    public static func entry(from record: Data) throws -> ListingSchedule.Entry {
        try decoder.decode(ListingSchedule.Entry.self, from: record)
    }

    private static let decoder = JSONDecoder()

    public func forEachRecord(_ body: (_ key: String, _ record: Data) throws -> Void) throws {
        let encoder = JSONEncoder()
        for key in keys {
            guard let entry = entries[key] else { continue }
            try body(ListingSchedule.recordKey(for: key), try encoder.encode(entry))
        }
    }
}
