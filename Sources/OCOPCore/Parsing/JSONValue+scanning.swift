/// The byte-level scanning behind ``JSONValue``: value boundaries, strings and numbers.
extension JSONValue {
    static func kind(of byte: UInt8) -> Kind? {
        switch byte {
        case UInt8(ascii: "{"): .object
        case UInt8(ascii: "["): .array
        case UInt8(ascii: "\""): .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): .bool
        case UInt8(ascii: "n"): .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): .number
        default: nil
        }
    }

    static func skipWhitespace(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var position = start
        while position < end, ByteScanner.isWhitespace(buffer[position]) { position += 1 }
        return position
    }

    /// The index after the value starting at `start`: a balanced scan for objects and arrays that
    /// steps over strings (so `"};"` inside a string does not end anything), or `nil` when the
    /// value never ends. (A SIMD variant was measured slower: JSON has a quote every few bytes.)
    static func valueEnd(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let first = buffer[start]
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var position = start
            let count = buffer.count
            while position < count {
                let byte = buffer[position]
                if byte == UInt8(ascii: "\"") {
                    guard let next = stringEnd(in: buffer, from: position) else { return nil }
                    position = next
                    continue
                }
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return position + 1 }
                }
                position += 1
            }
            return nil
        case UInt8(ascii: "\""):
            return stringEnd(in: buffer, from: start)
        default:
            var position = start
            while position < buffer.count {
                let byte = buffer[position]
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                    || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ")") || ByteScanner.isWhitespace(byte)
                {
                    break
                }
                position += 1
            }
            guard isValidScalar(in: buffer, from: start, to: position) else { return nil }
            return position
        }
    }

    /// The index after the closing quote of the string whose opening quote is at `start`.
    ///
    /// Strings are crossed eight bytes at a time up to the next quote or backslash (a word-wide
    /// zero-byte test; Swift's `SIMD16` comparisons compiled to a loop over lanes and were
    /// slower): a marketplace's product JSON is mostly one long string, its HTML description,
    /// read once per value that contains it.
    static func stringEnd(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var position = start + 1
        let count = buffer.count
        while position < count {
            while position + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                let stops = zeroBytes(word ^ quoteBytes) | zeroBytes(word ^ backslashBytes)
                guard stops != 0 else {
                    position += 8
                    continue
                }
                // The lowest flagged byte is always a true stop (borrows only run upwards).
                position += stops.trailingZeroBitCount / 8
                break
            }
            guard position < count else { return nil }
            let byte = buffer[position]
            if byte == UInt8(ascii: "\"") { return position + 1 }
            position += byte == UInt8(ascii: "\\") ? 2 : 1
        }
        return nil
    }

    private static let quoteBytes: UInt64 = 0x2222_2222_2222_2222
    private static let backslashBytes: UInt64 = 0x5C5C_5C5C_5C5C_5C5C

    /// The high bit of each byte that is zero in `word` (and possibly of bytes above one).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    private static func isValidScalar(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        let text = UnsafeBufferPointer(rebasing: buffer[start..<end])
        switch buffer[start] {
        case UInt8(ascii: "t"): return text.elementsEqual("true".utf8)
        case UInt8(ascii: "f"): return text.elementsEqual("false".utf8)
        case UInt8(ascii: "n"): return text.elementsEqual("null".utf8)
        default:
            var sawDigit = false
            for byte in text {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
                case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                    continue
                default: return false
                }
            }
            return sawDigit
        }
    }

    static func parseInteger(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var position = start
        let negative = buffer[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var value = 0
        var digits = 0
        while position < end, buffer[position] >= UInt8(ascii: "0"), buffer[position] <= UInt8(ascii: "9") {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = shifted.addingReportingOverflow(Int(buffer[position] - UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = added
            digits += 1
            position += 1
        }
        guard digits > 0 else { return nil }
        if position == end { return negative ? -value : value }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        guard let double = Double(text), double.rounded() == double, abs(double) < 9.0e18 else { return nil }
        return Int(double)
    }

    /// Decodes the string body between `start` and `end` (quotes excluded), resolving escapes and
    /// UTF-16 surrogate pairs; a lone surrogate becomes U+FFFD.
    static func decodeString(in buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> String {
        var hasEscape = false
        for index in start..<end where buffer[index] == UInt8(ascii: "\\") {
            hasEscape = true
            break
        }
        if !hasEscape {
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        var position = start
        while position < end {
            let byte = buffer[position]
            guard byte == UInt8(ascii: "\\"), position + 1 < end else {
                output.append(byte)
                position += 1
                continue
            }
            let escaped = buffer[position + 1]
            position += 2
            switch escaped {
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "u"):
                guard let unit = hexUnit(in: buffer, at: position, end: end) else {
                    output.append(contentsOf: "\\u".utf8)
                    continue
                }
                position += 4
                var scalar: Unicode.Scalar?
                if (0xD800...0xDBFF).contains(unit) {
                    if position + 6 <= end, buffer[position] == UInt8(ascii: "\\"),
                        buffer[position + 1] == UInt8(ascii: "u"),
                        let low = hexUnit(in: buffer, at: position + 2, end: end), (0xDC00...0xDFFF).contains(low)
                    {
                        position += 6
                        scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                    }
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                UTF8.encode(scalar ?? "\u{FFFD}") { output.append($0) }
            default: output.append(escaped)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexUnit(in buffer: UnsafeBufferPointer<UInt8>, at position: Int, end: Int) -> UInt16? {
        guard position + 4 <= end else { return nil }
        var value: UInt16 = 0
        for index in position..<(position + 4) {
            let byte = buffer[index]
            let digit: UInt16
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt16(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt16(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt16(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
