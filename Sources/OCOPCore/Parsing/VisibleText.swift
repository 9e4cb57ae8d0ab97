/// What a page shows a reader, prepared for finding status texts ("Hết hàng", "Ngừng kinh
/// doanh") however its HTML happens to spell them.
///
/// Shop templates and editors write the same words many ways: `Ngừng&nbsp;kinh doanh` (one
/// space no-break, one not), `&#160;`, a CKEditor's `Hết h&agrave;ng`, words broken over source
/// lines or indented, `<strong>Ngừng</strong> kinh doanh`. A browser shows each as the plain
/// words, and so does this text: what a reader never sees is dropped (``ByteScanner``'s hidden
/// elements: scripts, styles, comments, templates, the page's chrome), inline tags (`<b>`,
/// `<span class="…">`, `<a href="…">`) are removed, character references to letters and spaces
/// are resolved, and every run of white space, no-break spaces included, reads as one space.
/// Block tags stay, so that a marker is never found across two blocks' texts and ``firstMatch(among:)``
/// can skip the inside of tags.
///
/// Built once per page, and only on the pages whose verdict rests on their texts: the copy
/// costs a pass over the page's visible part.
public struct VisibleText: Sendable {
    /// The normalised text, tags of blocks kept.
    let text: ByteScanner

    public init(_ page: ByteScanner) {
        text = ByteScanner(Self.normalised(page))
    }

    /// The earliest of `markers` in the text a reader sees.
    public func firstMatch(among markers: [TextMarker]) -> (marker: TextMarker, range: Range<Int>)? {
        text.firstVisibleMatch(among: markers)
    }

    private static func normalised(_ page: ByteScanner) -> [UInt8] {
        page.bytes.withUnsafeBufferPointer { buffer in
            var writer = Writer()
            writer.output.reserveCapacity(buffer.count / 2)
            var position = 0
            var elements = ByteScanner.HiddenElements()
            while position < buffer.count {
                let hidden = elements.next(in: buffer, from: position)
                let end = hidden?.lowerBound ?? buffer.count
                writer.append(buffer, position..<end)
                guard let hidden else { break }
                // An element a reader does not see still parts the words on either side.
                writer.pendingSpace = true
                position = hidden.upperBound
            }
            return writer.output
        }
    }

    /// Appends text with spaces collapsed, inline tags dropped and references resolved.
    private struct Writer {
        var output: [UInt8] = []
        var pendingSpace = false

        mutating func append(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            var index = range.lowerBound
            while index < range.upperBound {
                let byte = buffer[index]
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0C, 0x0D:
                    pendingSpace = true
                    index += 1
                case 0xC2 where index + 1 < range.upperBound && buffer[index + 1] == 0xA0:
                    pendingSpace = true
                    index += 2
                case UInt8(ascii: "<"):
                    if let end = VisibleText.endOfInlineTag(in: buffer, at: index, before: range.upperBound) {
                        index = end
                    } else {
                        emit(byte)
                        index += 1
                    }
                case UInt8(ascii: "&"):
                    guard let (scalar, end) = VisibleText.reference(in: buffer, at: index, before: range.upperBound),
                        scalar.value >= 0x80 || scalar == " " || scalar == "\t" || scalar == "\n"
                    else {
                        // `&lt;`, `&amp;`, `&quot;` stay written: resolved, they would open tags and
                        // quotes that are not there.
                        emit(byte)
                        index += 1
                        continue
                    }
                    if scalar.properties.isWhitespace {
                        pendingSpace = true
                    } else {
                        for unit in String(Character(scalar)).utf8 { emit(unit) }
                    }
                    index = end
                default:
                    emit(byte)
                    index += 1
                }
            }
        }

        private mutating func emit(_ byte: UInt8) {
            if pendingSpace {
                if !output.isEmpty { output.append(0x20) }
                pendingSpace = false
            }
            output.append(byte)
        }
    }

    /// Where the inline tag opening or closing at `start` ends (past its `>`), or nil when the
    /// `<` opens something else, or a tag not closed within a value's length.
    private static func endOfInlineTag(
        in buffer: UnsafeBufferPointer<UInt8>,
        at start: Int,
        before limit: Int
    ) -> Int? {
        var index = start + 1
        if index < limit, buffer[index] == UInt8(ascii: "/") { index += 1 }
        let nameStart = index
        while index < limit, index - nameStart <= longestInlineName, Self.isLetter(buffer[index]) { index += 1 }
        guard index < limit, index > nameStart, index - nameStart <= longestInlineName else { return nil }
        let next = buffer[index]
        guard
            next == UInt8(ascii: ">") || next == UInt8(ascii: "/") || next == 0x20 || next == 0x09 || next == 0x0A
                || next == 0x0D
        else { return nil }
        guard inlineNames.contains(packed(buffer, nameStart..<index, foldingCase: true)) else { return nil }
        // The tag's end, quoted attribute values honoured (`title="a > b"`). A quote opens a value
        // only after `=`, as in the page's own reading: `title=Tân'Huê` holds a stray one.
        var quote: UInt8?
        var previous: UInt8 = 0
        while index < limit, index - start < maximumTagLength {
            let byte = buffer[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"), previous == UInt8(ascii: "=") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            }
            if byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { previous = byte }
            index += 1
        }
        return nil
    }

    /// The character reference at `start` (`&agrave;`, `&#7915;`, `&#xA0;`) and where it ends.
    private static func reference(
        in buffer: UnsafeBufferPointer<UInt8>,
        at start: Int,
        before limit: Int
    ) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        while index < limit, index - start <= 10, buffer[index] != UInt8(ascii: ";") {
            let byte = buffer[index]
            guard Self.isLetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "#")
            else { return nil }
            index += 1
        }
        guard index < limit, buffer[index] == UInt8(ascii: ";"), index > start + 1 else { return nil }
        let name = (start + 1)..<index
        if buffer[name.lowerBound] == UInt8(ascii: "#") {
            // `&#7915;` or `&#x1EEB;`, read in place.
            let hex = name.count > 1 && buffer[name.lowerBound + 1] | 0x20 == UInt8(ascii: "x")
            var value: UInt32 = 0
            for offset in (name.lowerBound + (hex ? 2 : 1))..<name.upperBound {
                guard let digit = Self.digit(buffer[offset], hex: hex), value < 0x11_0000 else { return nil }
                value = value * (hex ? 16 : 10) + digit
            }
            return Unicode.Scalar(value).map { ($0, index + 1) }
        }
        // Names are short: packed into an integer, looked up without a string.
        guard name.count <= 8, let scalar = namedReferences[packed(buffer, name, foldingCase: false)] else { return nil }
        return (scalar, index + 1)
    }

    private static func digit(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Up to eight bytes as one integer, for looking names up without allocating.
    private static func packed(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, foldingCase: Bool) -> UInt64 {
        var key: UInt64 = 0
        for offset in range { key = key << 8 | UInt64(foldingCase ? buffer[offset] | 0x20 : buffer[offset]) }
        return key
    }

    private static func packed(_ text: String) -> UInt64 {
        text.utf8.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The named references of ``HTMLText`` that stand for one character.
    private static let namedReferences: [UInt64: Unicode.Scalar] = Dictionary(
        uniqueKeysWithValues: HTMLText.namedReferences.compactMap { name, text in
            text.unicodeScalars.count == 1 ? (packed(name), text.unicodeScalars.first!) : nil
        })

    private static func isLetter(_ byte: UInt8) -> Bool {
        byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")
    }

    /// Phrasing elements whose tags a browser shows as nothing: the words around them run on.
    private static let inlineNames: Set<UInt64> = Set(
        [
            "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "em", "font", "i", "label", "mark", "q", "s",
            "small", "span", "strike", "strong", "sub", "sup", "u",
        ].map(packed))
    private static let longestInlineName = 6
    private static let maximumTagLength = 4_096
}
