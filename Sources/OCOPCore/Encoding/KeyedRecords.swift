public import Foundation

/// Values to save under keys, handed to a store one at a time, so that a store writes each as it
/// is made: saving 13,000 alert records then holds one record, not 8 MB of them (docs/0012).
public protocol KeyedRecords: Sendable {
    /// Calls `body` with each key and its record, in key order.
    func forEachRecord(_ body: (_ key: String, _ record: Data) throws -> Void) throws
}

extension KeyedRecords {
    /// Every record at once, for a caller that keeps them (a small state, a test).
    public func dictionary() throws -> [String: Data] {
        var records: [String: Data] = [:]
        try forEachRecord { key, record in records[key] = record }
        return records
    }
}

/// Records already made, as small states are.
extension Dictionary: KeyedRecords where Key == String, Value == Data {
    public func forEachRecord(_ body: (_ key: String, _ record: Data) throws -> Void) throws {
        for (key, record) in sorted(by: { $0.key < $1.key }) {
            try body(key, record)
        }
    }
}
