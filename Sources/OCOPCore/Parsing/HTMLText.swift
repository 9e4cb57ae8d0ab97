/// Turns the small pieces of HTML an adapter keeps (a title, an attribute value, an element's
/// text) into plain strings.
public enum HTMLText {
    /// `text` with character references resolved: `&amp;`, `&#39;`, `&#x1EA1;`, and the named
    /// Latin letters Vietnamese sites still write (`&agrave;`, `&ecirc;` …). Unknown names stay as
    /// written.
    public static func decodingEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            guard let semicolon = rest[afterAmpersand...].prefix(12).firstIndex(of: ";"),
                let decoded = character(referencedBy: rest[afterAmpersand..<semicolon])
            else {
                output.append("&")
                rest = rest[afterAmpersand...]
                continue
            }
            output.append(decoded)
            rest = rest[rest.index(after: semicolon)...]
        }
        output += rest
        return output
    }

    /// Unicode's `White_Space` property, answered without the property table: every product
    /// name's Vietnamese letters would otherwise each cost a table lookup (0.3 % of a pass). The
    /// set is the property's whole list, unchanged since Unicode 6.3 and all in the Basic
    /// Multilingual Plane; a test compares it with the table for every scalar there.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// `text` with runs of white space (including no-break spaces) folded to one space and the
    /// ends trimmed, the way a browser shows an element's text.
    public static func collapsingWhitespace(_ text: String) -> String {
        var output = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(" ") }
                pendingSpace = false
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// The text from `start` up to the next `<`, entity-decoded and white-space-collapsed; `nil`
    /// when it is empty.
    public static func text(in scanner: ByteScanner, from start: Int) -> String? {
        let end = scanner.firstIndex(of: UInt8(ascii: "<"), from: start) ?? scanner.count
        let text = collapsingWhitespace(decodingEntities(scanner.string(in: start..<end)))
        return text.isEmpty ? nil : text
    }

    /// The text a character reference's name (between `&` and `;`) stands for.
    static func character(referencedBy name: Substring) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return String(Character(scalar))
        }
        return namedReferences[String(name)]
    }

    static let namedReferences: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "agrave": "à", "aacute": "á", "acirc": "â", "atilde": "ã", "egrave": "è", "eacute": "é",
        "ecirc": "ê", "igrave": "ì", "iacute": "í", "ograve": "ò", "oacute": "ó", "ocirc": "ô",
        "otilde": "õ", "ugrave": "ù", "uacute": "ú", "yacute": "ý",
        "Agrave": "À", "Aacute": "Á", "Acirc": "Â", "Atilde": "Ã", "Egrave": "È", "Eacute": "É",
        "Ecirc": "Ê", "Igrave": "Ì", "Iacute": "Í", "Ograve": "Ò", "Oacute": "Ó", "Ocirc": "Ô",
        "Otilde": "Õ", "Ugrave": "Ù", "Uacute": "Ú", "Yacute": "Ý",
    ]
}
