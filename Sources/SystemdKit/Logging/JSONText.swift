import Logging

/// A minimal JSON writer for log records: strings, metadata values, nothing else.
///
/// Non-ASCII text is written as UTF-8, not `\u` escapes, so Vietnamese names stay readable
/// with `tail -f`; control characters are escaped as JSON requires.
enum JSONText {
    static func appendString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// Writes a metadata value: numbers and booleans given with `.stringConvertible` stay JSON
    /// numbers and booleans (handy for `jq`), everything else becomes a string.
    static func appendValue(_ value: Logger.Metadata.Value, to output: inout String) {
        switch value {
        case .string(let text):
            appendString(text, to: &output)
        case .stringConvertible(let convertible):
            switch convertible {
            case let bool as Bool:
                output += bool ? "true" : "false"
            case let integer as any BinaryInteger:
                output += "\(integer)"
            case let double as Double where double.isFinite:
                output += "\(double)"
            default:
                appendString(convertible.description, to: &output)
            }
        case .dictionary(let dictionary):
            appendObject(dictionary, to: &output)
        case .array(let array):
            output += "["
            for (index, element) in array.enumerated() {
                if index > 0 { output += "," }
                appendValue(element, to: &output)
            }
            output += "]"
        }
    }

    /// Writes an object with its keys sorted, so identical records are identical lines.
    static func appendObject(_ dictionary: Logger.Metadata, to output: inout String) {
        output += "{"
        for (index, key) in dictionary.keys.sorted().enumerated() {
            if index > 0 { output += "," }
            appendString(key, to: &output)
            output += ":"
            appendValue(dictionary[key]!, to: &output)
        }
        output += "}"
    }
}
