/// One JSON value inside a larger byte buffer, read lazily.
///
/// Embedded page models are large (a Lazada or TikTok page carries 100–300 kB of JSON) and an
/// adapter needs a dozen fields of them. Instead of building dictionaries for the whole document,
/// a `JSONValue` is an offset into the shared response bytes: finding a member skips over the
/// members in front of it with a byte scan that only tracks strings and bracket depth, a member
/// that is found is not scanned at all until it is read, and only the scalars an adapter asks for
/// are decoded.
///
/// The reader is lenient where real pages are sloppy (trailing commas, raw control characters in
/// strings) and strict where a wrong answer could follow: a document with an unterminated string
/// or unbalanced brackets is not read at all, and a malformed member ends the reading of its
/// object, so later members are absent rather than misread. When a key repeats, the first
/// occurrence counts.
public struct JSONValue: Sendable {
    /// What a value is, from its first byte.
    public enum Kind: Sendable, Hashable {
        case object, array, string, number, bool, null
    }

    let storage: [UInt8]
    let start: Int
    public let kind: Kind

    /// Reads `bytes` as one JSON document: a single value, optionally surrounded by white space
    /// (and a UTF-8 byte-order mark).
    public init?(parsing bytes: [UInt8]) {
        var first = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { first = 3 }
        // The end the check found, not `value.end`: that would scan the whole document again.
        guard let (value, end) = Self.value(in: bytes, at: first),
            ByteScanner(bytes).skippingWhitespace(from: end) == bytes.count
        else { return nil }
        self = value
    }

    /// Reads the value that starts at the first non-white-space byte at or after `index`; bytes
    /// after the value are ignored, which is what embedded JSON (`var x = {…};`) needs. The value
    /// must end: brackets balance and strings close.
    public init?(bytes: [UInt8], at index: Int) {
        guard let (value, _) = Self.value(in: bytes, at: index) else { return nil }
        self = value
    }

    /// The value at the first non-white-space byte at or after `index`, and the index after it
    /// (which ``end`` would find only by scanning the value again).
    static func value(in bytes: [UInt8], at index: Int) -> (JSONValue, end: Int)? {
        let first = ByteScanner(bytes).skippingWhitespace(from: max(index, 0))
        guard first < bytes.count, let kind = kind(of: bytes[first]),
            let end = bytes.withUnsafeBufferPointer({ valueEnd(in: $0, from: first) })
        else { return nil }
        return (JSONValue(storage: bytes, start: first, kind: kind), end)
    }

    init(storage: [UInt8], start: Int, kind: Kind) {
        self.storage = storage
        self.start = start
        self.kind = kind
    }

    /// The index after the value, found by scanning it.
    var end: Int {
        storage.withUnsafeBufferPointer { Self.valueEnd(in: $0, from: start) } ?? start
    }

    /// Where the value sits in the buffer it was read from (found by scanning the value).
    public var byteRange: Range<Int> { start..<end }

    /// The value's JSON text, as written.
    public var rawText: String {
        ByteScanner(storage).string(in: byteRange)
    }
}

// MARK: - Scalars

extension JSONValue {
    public var isNull: Bool { kind == .null }

    /// The boolean, or `nil` when the value is not `true`/`false`.
    public var bool: Bool? {
        guard kind == .bool, end > start else { return nil }
        return storage[start] == UInt8(ascii: "t")
    }

    /// The string with escapes resolved, or `nil` when the value is not a string.
    public var string: String? {
        guard kind == .string else { return nil }
        return storage.withUnsafeBufferPointer { buffer in
            Self.stringEnd(in: buffer, from: start).map { Self.decodeString(in: buffer, from: start + 1, to: $0 - 1) }
        }
    }

    /// The number as an integer, when it is one (`65000` and `65000.0`, not `4.6`).
    public var int: Int? {
        guard kind == .number else { return nil }
        return storage.withUnsafeBufferPointer { buffer in
            Self.valueEnd(in: buffer, from: start).flatMap { Self.parseInteger(in: buffer, from: start, to: $0) }
        }
    }

    /// The number as a `Double`.
    public var double: Double? {
        guard kind == .number, end > start else { return nil }
        return Double(ByteScanner(storage).string(in: byteRange))
    }

    /// An integer written either as a JSON number or as a string of digits (`"1250"`), since
    /// marketplaces write counts both ways, sometimes in the same document.
    public var numericInt: Int? {
        switch kind {
        case .number:
            return int
        case .string:
            guard let text = string?.trimmingASCIIWhitespace(), !text.isEmpty else { return nil }
            return Int(text)
        default:
            return nil
        }
    }

    /// Text for a value that may be a string or a number (ids are written both ways).
    public var text: String? {
        switch kind {
        case .string: string
        case .number: end > start ? rawText : nil
        default: nil
        }
    }
}

// MARK: - Containers

extension JSONValue {
    /// The first member named `key` of an object, or `nil`.
    ///
    /// The members before it are skipped, the member itself is not scanned; when reading many
    /// members of a large object, take its ``object`` once instead.
    public subscript(key: String) -> JSONValue? {
        guard kind == .object else { return nil }
        var key = key
        return key.withUTF8 { keyBytes in
            var found: JSONValue?
            forEachMember { keyRange, hasEscapes, value in
                let matches: Bool
                if hasEscapes {
                    let decoded = storage.withUnsafeBufferPointer {
                        Self.decodeString(in: $0, from: keyRange.lowerBound, to: keyRange.upperBound)
                    }
                    matches = decoded.utf8.elementsEqual(keyBytes)
                } else if keyRange.count == keyBytes.count {
                    matches = storage.withUnsafeBufferPointer { buffer in
                        memoryEqual(buffer, keyRange.lowerBound, keyBytes)
                    }
                } else {
                    matches = false
                }
                if matches { found = value }
                return !matches
            }
            return found
        }
    }

    /// The value at a path of object keys: `value[path: "data", "item", "title"]`.
    public subscript(path keys: String...) -> JSONValue? {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        return current
    }

    /// The members of an object, indexed for repeated lookups, or `nil` when not an object.
    public var object: JSONObject? {
        guard kind == .object else { return nil }
        return JSONObject(object: self)
    }

    /// The elements of an array, or `nil` when not an array.
    public var array: [JSONValue]? {
        guard kind == .array else { return nil }
        var elements: [JSONValue] = []
        forEachElement { element in
            elements.append(element)
            return true
        }
        return elements
    }

    /// Calls `body` with each element of an array in order until it returns `false`. Unlike
    /// ``array``, an element is scanned only when the walk moves past it, so stopping at the
    /// element wanted leaves the rest of a large array unread.
    public func forEachElement(_ body: (JSONValue) -> Bool) {
        guard kind == .array else { return }
        storage.withUnsafeBufferPointer { buffer in
            var position = start + 1
            while true {
                position = Self.skipWhitespace(in: buffer, from: position, to: buffer.count)
                guard position < buffer.count, buffer[position] != UInt8(ascii: "]"),
                    let kind = Self.kind(of: buffer[position]),
                    body(JSONValue(storage: storage, start: position, kind: kind)),
                    let valueEnd = Self.valueEnd(in: buffer, from: position)
                else { return }
                position = Self.skipWhitespace(in: buffer, from: valueEnd, to: buffer.count)
                guard position < buffer.count, buffer[position] == UInt8(ascii: ",") else { return }
                position += 1
            }
        }
    }

    /// Calls `body` with each member of an object (key decoded) in order until it returns `false`;
    /// like ``forEachElement(_:)``, a member is scanned only when the walk moves past it.
    public func forEachMember(_ body: (_ key: String, _ value: JSONValue) -> Bool) {
        guard kind == .object else { return }
        forEachMember { keyRange, _, value in
            let key = storage.withUnsafeBufferPointer {
                Self.decodeString(in: $0, from: keyRange.lowerBound, to: keyRange.upperBound)
            }
            return body(key, value)
        }
    }

    /// Whether the value is a string equal to `text`, compared without decoding it when it has no
    /// escapes.
    public func isString(_ text: String) -> Bool {
        guard kind == .string else { return false }
        var text = text
        return text.withUTF8 { expected in
            storage.withUnsafeBufferPointer { buffer in
                guard let end = Self.stringEnd(in: buffer, from: start) else { return false }
                let body = (start + 1)..<(end - 1)
                if body.count == expected.count, memoryEqual(buffer, body.lowerBound, expected) { return true }
                guard buffer[body].contains(UInt8(ascii: "\\")) else { return false }
                let decoded = Self.decodeString(in: buffer, from: body.lowerBound, to: body.upperBound)
                return decoded.utf8.elementsEqual(expected)
            }
        }
    }

    /// Calls `body` with each member's raw key range (between the quotes), whether the key has
    /// escapes, and the value, until `body` returns `false`; stops quietly at the first malformed
    /// member. A member's value is scanned only to move past it.
    ///
    /// - Returns: `false` when a malformed member (a comment, a missing colon) ended the walk
    ///   before the object's closing brace, so members after it went unread.
    @discardableResult
    func forEachMember(_ body: (Range<Int>, Bool, JSONValue) -> Bool) -> Bool {
        storage.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var position = start + 1
            while true {
                position = Self.skipWhitespace(in: buffer, from: position, to: count)
                guard position < count, buffer[position] == UInt8(ascii: "\"") else {
                    return position < count && buffer[position] == UInt8(ascii: "}")
                }
                guard let keyEnd = Self.stringEnd(in: buffer, from: position) else { return false }
                let keyRange = (position + 1)..<(keyEnd - 1)
                var hasEscapes = false
                for index in keyRange where buffer[index] == UInt8(ascii: "\\") {
                    hasEscapes = true
                    break
                }
                position = Self.skipWhitespace(in: buffer, from: keyEnd, to: count)
                guard position < count, buffer[position] == UInt8(ascii: ":") else { return false }
                position = Self.skipWhitespace(in: buffer, from: position + 1, to: count)
                guard position < count, let kind = Self.kind(of: buffer[position]) else { return false }
                guard body(keyRange, hasEscapes, JSONValue(storage: storage, start: position, kind: kind)) else {
                    return true
                }
                guard let valueEnd = Self.valueEnd(in: buffer, from: position) else { return false }
                position = Self.skipWhitespace(in: buffer, from: valueEnd, to: count)
                guard position < count, buffer[position] == UInt8(ascii: ",") else {
                    return position < count && buffer[position] == UInt8(ascii: "}")
                }
                position += 1
            }
        }
    }
}

private func memoryEqual(
    _ buffer: UnsafeBufferPointer<UInt8>,
    _ offset: Int,
    _ other: UnsafeBufferPointer<UInt8>
) -> Bool {
    var index = 0
    while index < other.count {
        if buffer[offset + index] != other[index] { return false }
        index += 1
    }
    return true
}

extension StringProtocol {
    /// The text without leading and trailing ASCII white space.
    ///
    /// Works on the UTF-8 bytes: ASCII white space (tab to carriage return, space) is never part of
    /// a multi-byte character, so the bounds found are always character boundaries.
    func trimmingASCIIWhitespace() -> String {
        let bytes = utf8
        var start: Index?
        var end = bytes.startIndex
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let next = bytes.index(after: index)
            let byte = bytes[index]
            if !byte.isASCIIWhitespace {
                if start == nil { start = index }
                end = next
            }
            index = next
        }
        guard let start else { return "" }
        return String(self[start..<end])
    }
}

extension UInt8 {
    /// Tab to carriage return, or space.
    var isASCIIWhitespace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }
}

extension String {
    /// ``StringProtocol/trimmingASCIIWhitespace()`` without walking or copying text that has
    /// nothing to trim, as almost every URL and cell has.
    func trimmingASCIIWhitespace() -> String {
        guard let first = utf8.first, let last = utf8.last, !first.isASCIIWhitespace, !last.isASCIIWhitespace
        else { return self[...].trimmingASCIIWhitespace() }
        return self
    }
}
