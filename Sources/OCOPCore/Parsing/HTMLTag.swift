/// One start tag read from a page: its name and attributes, without building a DOM.
public struct HTMLTag: Sendable {
    /// The tag name, lower-cased (`meta`, `link`, `span`).
    public let name: String
    /// Attributes in order; names lower-cased, values entity-decoded.
    public let attributes: [(name: String, value: String)]
    /// From the `<` to just after the `>`.
    public let range: Range<Int>

    /// Reads the start tag whose `<` is at `index`, or `nil` when there is none there.
    public init?(in scanner: ByteScanner, at index: Int) {
        let bytes = scanner.bytes
        guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { return nil }
        var position = index + 1
        let nameStart = position
        while position < bytes.count, Self.isNameByte(bytes[position]) { position += 1 }
        guard position > nameStart else { return nil }
        name = scanner.string(in: nameStart..<position).lowercased()
        var attributes: [(name: String, value: String)] = []
        while true {
            position = scanner.skippingWhitespace(from: position)
            guard position < bytes.count else { return nil }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                break
            }
            if byte == UInt8(ascii: "/") {
                position += 1
                continue
            }
            let attributeStart = position
            while position < bytes.count, !ByteScanner.isWhitespace(bytes[position]),
                bytes[position] != UInt8(ascii: "="), bytes[position] != UInt8(ascii: ">"),
                bytes[position] != UInt8(ascii: "/")
            {
                position += 1
            }
            let attributeName = scanner.string(in: attributeStart..<position).lowercased()
            position = scanner.skippingWhitespace(from: position)
            var value = ""
            if position < bytes.count, bytes[position] == UInt8(ascii: "=") {
                position = scanner.skippingWhitespace(from: position + 1)
                guard position < bytes.count else { return nil }
                let quote = bytes[position]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    guard let close = scanner.firstIndex(of: quote, from: position + 1) else { return nil }
                    value = scanner.string(in: (position + 1)..<close)
                    position = close + 1
                } else {
                    let valueStart = position
                    while position < bytes.count, !ByteScanner.isWhitespace(bytes[position]),
                        bytes[position] != UInt8(ascii: ">")
                    {
                        position += 1
                    }
                    value = scanner.string(in: valueStart..<position)
                }
            }
            attributes.append((attributeName, HTMLText.decodingEntities(value)))
        }
        self.attributes = attributes
        self.range = index..<position
    }

    /// The first value of the attribute `name` (case-insensitive).
    public subscript(attribute: String) -> String? {
        let lowered = attribute.lowercased()
        return attributes.first { $0.name == lowered }?.value
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ":")
    }
}
