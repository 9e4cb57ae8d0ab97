/// Collects response header lines as libcurl hands them over, one per callback.
///
/// A status line (`HTTP/…`) starts a new header block, so after a `100 Continue` or any interim
/// response only the final response's headers remain. Names are lower-cased; obsolete line
/// folding is joined to the previous value.
///
/// It runs on the fetch thread for every line of every response, so it works on the bytes:
/// trimming and lower-casing are ASCII operations, and only the name and value become strings.
struct ResponseHeaderParser: Sendable {
    private(set) var fields: [FetchHeader] = []
    /// The final response's `Content-Length`, when it declared a valid one: lets the body buffer
    /// be allocated once instead of growing (and being copied) as the bytes arrive.
    private(set) var contentLength: Int?

    mutating func consume(line bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard end > 0 else { return }
        let line = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
        if line.starts(with: "HTTP/".utf8) {
            fields.removeAll(keepingCapacity: true)
            contentLength = nil
            return
        }
        if line[0] == UInt8(ascii: " ") || line[0] == UInt8(ascii: "\t") {
            guard !fields.isEmpty else { return }
            fields[fields.count - 1].value += " " + Self.trimmedString(line, 0..<line.count)
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = Self.trimmedString(line, 0..<colon, lowercased: true)
        guard !name.isEmpty else { return }
        let value = Self.trimmedString(line, (colon + 1)..<line.count)
        if name == "content-length" { contentLength = Int(value).flatMap { $0 >= 0 ? $0 : nil } }
        // A response carries about ten fields: one allocation instead of growing 1, 2, 4, 8, 16.
        if fields.capacity == 0 { fields.reserveCapacity(16) }
        fields.append(FetchHeader(name, value))
    }

    private static func trimmedString(_ line: UnsafeRawBufferPointer, _ range: Range<Int>, lowercased: Bool = false) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(line[lower]) { lower += 1 }
        while upper > lower, isSpace(line[upper - 1]) { upper -= 1 }
        let slice = UnsafeRawBufferPointer(rebasing: line[lower..<upper])
        guard lowercased, slice.contains(where: isUppercaseASCII) else {
            return String(decoding: slice, as: UTF8.self)
        }
        // Written straight into the string: most names fit a small string, which allocates nothing.
        return String(unsafeUninitializedCapacity: slice.count) { target in
            for (index, byte) in slice.enumerated() {
                target[index] = isUppercaseASCII(byte) ? byte | 0x20 : byte
            }
            return slice.count
        }
    }

    private static func isUppercaseASCII(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
