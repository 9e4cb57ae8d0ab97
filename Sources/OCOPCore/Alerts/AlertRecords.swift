public import Foundation

/// The alerts a publication saves (``AlertLifecycle/records(changedSince:)``), each written as a
/// JSON record only when the store asks for it.
public struct AlertRecords: KeyedRecords {
    /// The conditions' keys of the alerts new or changed, in key order.
    public let keys: [String]
    private let entries: [String: AlertLifecycle.Entry]

    init(keys: [String], entries: [String: AlertLifecycle.Entry]) {
        self.keys = keys
        self.entries = entries
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// One writer serves every record: it keeps the text of each date it wrote (``JSONWriter``).
    public func forEachRecord(_ body: (_ key: String, _ record: Data) throws -> Void) throws {
        var writer = JSONWriter(layout: .compact, capacity: 512)
        for key in keys {
            guard let entry = entries[key] else { continue }
            try entry.write(to: &writer)
            try body(key, Data(writer.bytes))
            writer.removeAll()
        }
    }
}
