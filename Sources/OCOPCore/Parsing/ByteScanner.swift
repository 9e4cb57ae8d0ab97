/// Fast searches over a response body kept as UTF-8 bytes.
///
/// Adapters read 300 kB product pages many thousand times a pass, so nothing here decodes the page
/// to a `String`, builds a DOM or runs a regular expression: every search is a single forward scan
/// over the bytes, and only the small pieces an adapter keeps are turned into strings.
public struct ByteScanner: Sendable {
    /// The bytes being scanned; shared, not copied.
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    public var count: Int { bytes.count }

    /// The first occurrence of `marker` (any of its byte forms) inside `range`, or `nil`.
    public func firstRange(of marker: TextMarker, in range: Range<Int>? = nil) -> Range<Int>? {
        let bounds = clamped(range)
        guard !bounds.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { marker.search.firstMatch(in: $0, bounds: bounds)?.range }
    }

    /// Whether `marker` occurs inside `range` (the whole body by default).
    public func contains(_ marker: TextMarker, in range: Range<Int>? = nil) -> Bool {
        firstRange(of: marker, in: range) != nil
    }

    /// The earliest occurrence of any of `markers`, found in one pass over the bytes.
    ///
    /// Checking twenty block or removal markers one by one would read a large page twenty times;
    /// this reads it once. Each pattern is anchored on its rarest pair of bytes (`_m` in
    /// `__moduleData__`, `d+` in `application/ld+json`), the page is compared 16 bytes at a time
    /// against the anchors, and patterns are compared in full only where an anchor occurs.
    public func firstMatch(
        among markers: [TextMarker],
        in range: Range<Int>? = nil
    ) -> (marker: TextMarker, range: Range<Int>)? {
        guard !markers.isEmpty else { return nil }
        return firstMatch(among: TextMarkerSet(markers), in: range)
    }

    /// The earliest occurrence of any of a prepared set's markers (see ``TextMarkerSet``).
    public func firstMatch(
        among set: TextMarkerSet,
        in range: Range<Int>? = nil
    ) -> (marker: TextMarker, range: Range<Int>)? {
        let bounds = clamped(range)
        guard !bounds.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            set.search.firstMatch(in: buffer, bounds: bounds).map { (set.markers[$0.marker], $0.range) }
        }
    }

    /// Every non-overlapping occurrence of `marker`, in order.
    public func ranges(of marker: TextMarker, in range: Range<Int>? = nil) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var bounds = clamped(range)
        while let match = firstRange(of: marker, in: bounds) {
            found.append(match)
            bounds = match.upperBound..<bounds.upperBound
        }
        return found
    }

    /// The first index of `byte` at or after `start`, before `end`.
    public func firstIndex(of byte: UInt8, from start: Int, to end: Int? = nil) -> Int? {
        let upper = min(end ?? bytes.count, bytes.count)
        guard start < upper else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var position = max(start, 0)
            while position < upper {
                if buffer[position] == byte { return position }
                position += 1
            }
            return nil
        }
    }

    /// The last index of `byte` before `end`, not before `start`.
    public func lastIndex(of byte: UInt8, before end: Int, notBefore start: Int = 0) -> Int? {
        var position = min(end, bytes.count) - 1
        while position >= max(start, 0) {
            if bytes[position] == byte { return position }
            position -= 1
        }
        return nil
    }

    /// The first index at or after `start` that is not JSON/HTML white space.
    public func skippingWhitespace(from start: Int) -> Int {
        var position = start
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
        return position
    }

    /// Whether the bytes at `position` spell `prefix`, ignoring ASCII case.
    public func hasPrefix(_ prefix: String, at position: Int) -> Bool {
        guard position >= 0, position + prefix.utf8.count <= bytes.count else { return false }
        var index = position
        for byte in prefix.utf8 {
            guard Self.asciiLowercased(bytes[index]) == Self.asciiLowercased(byte) else { return false }
            index += 1
        }
        return true
    }

    /// The bytes in `range` decoded as UTF-8 (invalid sequences become U+FFFD).
    public func string(in range: Range<Int>) -> String {
        let bounds = clamped(range)
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[bounds]), as: UTF8.self)
        }
    }

    // MARK: - Byte helpers shared by the parsing types

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C
    }

    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    private func clamped(_ range: Range<Int>?) -> Range<Int> {
        guard let range else { return 0..<bytes.count }
        let lower = min(max(range.lowerBound, 0), bytes.count)
        return lower..<max(lower, min(range.upperBound, bytes.count))
    }
}
