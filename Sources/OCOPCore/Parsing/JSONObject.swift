/// The members of a JSON object, read once and indexed by key.
///
/// Take one when reading several members of a large object; each ``JSONValue`` subscript would
/// otherwise scan the object again. Keys stay bytes in the document: a lookup compares the bytes
/// asked for with each key in order, which for the few dozen members of a product object is
/// cheaper than decoding every key into a `String` and hashing it (docs/0012).
public struct JSONObject: Sendable {
    /// One member: where its key's bytes lie (inside the quotes), whether they hold escapes, and
    /// where its value starts.
    private struct Entry: Sendable {
        var key: Range<Int>
        var valueStart: Int
        var keyHasEscapes: Bool
        var valueKind: JSONValue.Kind
    }

    private let storage: [UInt8]
    private let entries: [Entry]
    /// Whether a malformed member (a `/* comment */`, a missing colon) ended the reading before
    /// the closing brace: the members after it are absent, so what the object seems to lack may
    /// be there unread.
    public let isTruncated: Bool

    init(object: JSONValue) {
        var entries: [Entry] = []
        // Product objects hold a few dozen members: start where growing from one would get to,
        // in a block small enough for glibc's per-thread cache (1,032 bytes), which serves it
        // without the heap's lock: a quarter of a pass's futex calls fewer (docs/0012, twelfth
        // round).
        entries.reserveCapacity(30)
        let complete = object.forEachMember { key, hasEscapes, value in
            entries.append(Entry(key: key, valueStart: value.start, keyHasEscapes: hasEscapes, valueKind: value.kind))
            return true
        }
        self.isTruncated = !complete
        self.storage = object.storage
        self.entries = entries
    }

    /// The members in document order, repeated keys included.
    public var members: [(key: String, value: JSONValue)] {
        entries.indices.map { (key(at: $0), value(at: $0)) }
    }

    /// The member named `key` (the first one when the key repeats, as ``JSONValue`` reads it).
    public subscript(key: String) -> JSONValue? {
        var key = key
        let index = key.withUTF8 { wanted in
            storage.withUnsafeBufferPointer { buffer in
                entries.firstIndex { entry in
                    if entry.keyHasEscapes {
                        return JSONValue.decodeString(in: buffer, from: entry.key.lowerBound, to: entry.key.upperBound)
                            .utf8.elementsEqual(wanted)
                    }
                    return entry.key.count == wanted.count
                        && UnsafeBufferPointer(rebasing: buffer[entry.key]).elementsEqual(wanted)
                }
            }
        }
        // Not `index.map(value(at:))`: the partially applied method allocates a closure context.
        guard let index else { return nil }
        return value(at: index)
    }

    public var keys: [String] { entries.indices.map(key(at:)) }

    public var values: [JSONValue] { entries.indices.map(value(at:)) }

    private func key(at index: Int) -> String {
        let range = entries[index].key
        return storage.withUnsafeBufferPointer {
            JSONValue.decodeString(in: $0, from: range.lowerBound, to: range.upperBound)
        }
    }

    private func value(at index: Int) -> JSONValue {
        JSONValue(storage: storage, start: entries[index].valueStart, kind: entries[index].valueKind)
    }
}
