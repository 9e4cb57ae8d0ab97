/// A JSON document with ordered object keys, written straight to bytes.
///
/// Marketplace bodies are built as values rather than through `Encodable` so that key order follows
/// the real responses, `null` fields are explicit, and one writer can escape for embedding in HTML.
indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    struct Member: Sendable, Hashable {
        var key: String
        var value: JSONValue
    }

    init(_ value: Int?) { self = value.map(JSONValue.int) ?? .null }
    init(_ value: String?) { self = value.map(JSONValue.string) ?? .null }

    /// How strings are escaped.
    enum Escaping {
        /// Plain JSON.
        case json
        /// JSON safe inside an HTML `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 become `\u` escapes.
        case htmlScript
    }

    /// The serialised document.
    func bytes(escaping: Escaping = .json) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(into: &output, escaping: escaping)
        return output
    }

    /// The serialised document as text.
    func text(escaping: Escaping = .json) -> String { String(decoding: bytes(escaping: escaping), as: UTF8.self) }

    func write(into output: inout [UInt8], escaping: Escaping) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): output.append(contentsOf: String(value).utf8)
        case .double(let value): output.append(contentsOf: String(value).utf8)
        case .string(let value): Self.writeString(value, into: &output, escaping: escaping)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.write(into: &output, escaping: escaping)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, into: &output, escaping: escaping)
                output.append(UInt8(ascii: ":"))
                member.value.write(into: &output, escaping: escaping)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ string: String, into output: inout [UInt8], escaping: Escaping) {
        output.append(UInt8(ascii: "\""))
        var utf8 = string.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): output.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): output.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): output.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20: writeUnicodeEscape(UInt16(byte), into: &output)
            case UInt8(ascii: "<") where escaping == .htmlScript, UInt8(ascii: ">") where escaping == .htmlScript,
                UInt8(ascii: "&") where escaping == .htmlScript:
                writeUnicodeEscape(UInt16(byte), into: &output)
            case 0xE2 where escaping == .htmlScript:
                // U+2028 and U+2029 (E2 80 A8/A9) end a line in JavaScript source.
                let second = utf8.next()
                let third = second == 0x80 ? utf8.next() : nil
                if let third, third == 0xA8 || third == 0xA9 {
                    writeUnicodeEscape(third == 0xA8 ? 0x2028 : 0x2029, into: &output)
                } else {
                    output.append(byte)
                    if let second { output.append(second) }
                    if let third { output.append(third) }
                }
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func writeUnicodeEscape(_ unit: UInt16, into output: inout [UInt8]) {
        output.append(contentsOf: #"\u"#.utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { Member(key: $0.0, value: $0.1) })
    }
}

extension JSONValue: ExpressibleByArrayLiteral {
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByStringLiteral {
    init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    init(integerLiteral value: Int) { self = .int(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByNilLiteral {
    init(nilLiteral: ()) { self = .null }
}
