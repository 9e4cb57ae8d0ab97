import Foundation

/// Writes JSON byte for byte as `JSONEncoder` does with `.sortedKeys` and
/// `.withoutEscapingSlashes`, compact or `.prettyPrinted`, without building the encoder's tree of
/// boxed values first.
///
/// Two documents are large or many enough for the encoder's cost to show: the coverage document
/// (at a hundred thousand listings 16,667 producer rows, 9 MB, ~140 ms in `JSONEncoder`, more
/// than the rest of `coverage`) and the alert records (some 13,000 per publication in a national
/// catalog). The layouts are the encoder's: compact has no white space; pretty has two spaces per
/// level, `"key" : value`, `,` and a line end between items, and a line end inside empty
/// containers. Numbers are formatted by `JSONEncoder` itself (once per distinct value), so they
/// cannot differ. Keys must be given in sorted (UTF-8) order; the caller knows them.
/// `JSONWriterTests` and `CoverageJSONLayoutTests` check the output against the encoder's.
public struct JSONWriter {
    public enum Layout: Sendable {
        /// `JSONEncoder`'s default: no white space.
        case compact
        /// `JSONEncoder`'s `.prettyPrinted`.
        case pretty
    }

    public private(set) var bytes: [UInt8] = []
    private let layout: Layout
    private var depth = 0
    /// Per open container: whether it has no item yet.
    private var empty: [Bool] = []
    private var numbers: [Double: [UInt8]] = [:]
    private let numberEncoder = JSONEncoder()

    public init(layout: Layout, capacity: Int = 0) {
        self.layout = layout
        bytes.reserveCapacity(capacity)
    }

    /// Empties the writer for the next document, keeping its capacity and formatted numbers.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        depth = 0
        empty.removeAll(keepingCapacity: true)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts the next member of the open object: its key, then the value's writer call follows.
    public mutating func key(_ name: String) {
        item()
        string(name)
        switch layout {
        case .compact: bytes.append(UInt8(ascii: ":"))
        case .pretty: bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
        }
    }

    /// Starts the next element of the open array.
    public mutating func element() { item() }

    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: utf8[start..<index])
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
                case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(contentsOf: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: utf8[start...])
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A member with a text value, or none when `value` is `nil` (as `encodeIfPresent` leaves it out).
    public mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// A member with an integer value.
    public mutating func member(_ name: String, _ value: Int) {
        key(name)
        number(value)
    }

    /// An array of texts.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values {
            element()
            string(value)
        }
        endArray()
    }

    public mutating func number(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A `Double` as `JSONEncoder` writes it (`100`, `99.9`), formatted by it once per value.
    public mutating func number(_ value: Double) throws {
        if let known = numbers[value] {
            bytes.append(contentsOf: known)
            return
        }
        // `[value]` encodes as `[text]`: the brackets come off.
        let text = Array(try numberEncoder.encode([value]).dropFirst().dropLast())
        numbers[value] = text
        bytes.append(contentsOf: text)
    }

    public mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        if layout == .pretty { bytes.append(UInt8(ascii: "\n")) }
        depth += 1
        empty.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        empty.removeLast()
        if layout == .pretty {
            bytes.append(UInt8(ascii: "\n"))
            indent()
        }
        bytes.append(bracket)
    }

    private mutating func item() {
        if empty[empty.count - 1] {
            empty[empty.count - 1] = false
        } else {
            bytes.append(UInt8(ascii: ","))
            if layout == .pretty { bytes.append(UInt8(ascii: "\n")) }
        }
        if layout == .pretty { indent() }
    }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
}
