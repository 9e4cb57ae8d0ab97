/// Finds JSON that a web page carries inside its HTML: page models assigned in scripts,
/// `<script type="application/json">` data islands and schema.org JSON-LD blocks.
///
/// Every finder scans bytes for a fixed marker, then reads the JSON with the balanced scan of
/// ``JSONValue``, so a `"};"` inside a string never cuts the model short the way a non-greedy
/// regular expression does.
public enum EmbeddedJSON {
    /// The object or array that follows the first of `markers` in a script:
    /// `var __moduleData__ = {…};`, `app.run({…})`, `window.__STATE__ = […]`.
    ///
    /// Between the marker and the value only white space, `=`, `:` and `(` may appear; occurrences
    /// that are not followed by a value (a reference such as `if (__moduleData__)`) are skipped.
    /// All markers are looked for in the same pass over the page.
    public static func value(
        after markers: [TextMarker],
        in scanner: ByteScanner
    ) -> (marker: TextMarker, value: JSONValue)? {
        var searchFrom = 0
        while let match = scanner.firstMatch(among: markers, in: searchFrom..<scanner.count) {
            searchFrom = match.range.upperBound
            var position = match.range.upperBound
            var skipped = 0
            while position < scanner.count, skipped < 64 {
                let byte = scanner.bytes[position]
                guard
                    ByteScanner.isWhitespace(byte) || byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":")
                        || byte == UInt8(ascii: "(")
                else { break }
                position += 1
                skipped += 1
            }
            guard position < scanner.count,
                scanner.bytes[position] == UInt8(ascii: "{") || scanner.bytes[position] == UInt8(ascii: "[")
            else { continue }
            if let value = JSONValue(bytes: scanner.bytes, at: position) { return (match.marker, value) }
        }
        return nil
    }

    /// The JSON body of `<script id="<id>" …>…</script>`, e.g. TikTok's `__MODERN_ROUTER_DATA__`.
    public static func script(id: String, in scanner: ByteScanner) -> JSONValue? {
        let markers = [
            TextMarker("id=\"\(id)\"", ignoresASCIICase: false), TextMarker("id='\(id)'", ignoresASCIICase: false),
        ]
        var searchFrom = 0
        while let match = scanner.firstMatch(among: markers, in: searchFrom..<scanner.count) {
            searchFrom = match.range.upperBound
            if let body = scriptBody(containing: match.range, in: scanner),
                let value = firstValue(in: body, of: scanner)
            {
                return value
            }
        }
        return nil
    }

    /// Every readable `<script type="application/ld+json">` block, in document order.
    ///
    /// Blocks that do not parse are left out; a page with one broken block and one good one still
    /// yields the good one.
    public static func linkedData(in scanner: ByteScanner) -> [JSONValue] {
        var values: [JSONValue] = []
        _ = firstLinkedData(in: scanner) { value -> Never? in
            values.append(value)
            return nil
        }
        return values
    }

    /// The first readable JSON-LD block for which `transform` gives a value, and that value.
    ///
    /// Blocks are found as the scan reaches them, so the rest of the page is never read once one
    /// answers: on a 130 KB page whose product block sits half-way down, half the scan.
    public static func firstLinkedData<Value>(in scanner: ByteScanner, _ transform: (JSONValue) -> Value?) -> Value? {
        var searchFrom = 0
        while let match = scanner.firstRange(of: linkedDataMarker, in: searchFrom..<scanner.count) {
            searchFrom = match.upperBound
            guard let body = scriptBody(containing: match, in: scanner),
                let value = firstValue(in: body, of: scanner)
            else { continue }
            if let result = transform(value) { return result }
        }
        return nil
    }

    private static let linkedDataMarker: TextMarker = "application/ld+json"
    private static let scriptEndMarker: TextMarker = "</script"

    /// The content range of the `<script>` element whose start tag contains `attribute`.
    static func scriptBody(containing attribute: Range<Int>, in scanner: ByteScanner) -> Range<Int>? {
        guard let tagStart = scanner.lastIndex(of: UInt8(ascii: "<"), before: attribute.lowerBound),
            scanner.hasPrefix("<script", at: tagStart),
            scanner.firstIndex(of: UInt8(ascii: ">"), from: tagStart, to: attribute.lowerBound) == nil,
            let tagEnd = scanner.firstIndex(of: UInt8(ascii: ">"), from: attribute.upperBound)
        else { return nil }
        let contentStart = tagEnd + 1
        let closing = scanner.firstRange(of: scriptEndMarker, in: contentStart..<scanner.count)
        let contentEnd = closing?.lowerBound ?? scanner.count
        return contentStart..<contentEnd
    }

    private static func firstValue(in range: Range<Int>, of scanner: ByteScanner) -> JSONValue? {
        var position = afterCDATAOpening(in: range, of: scanner) ?? range.lowerBound
        while position < range.upperBound {
            let byte = scanner.bytes[position]
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { break }
            position += 1
        }
        guard position < range.upperBound, let (value, end) = JSONValue.value(in: scanner.bytes, at: position),
            end <= range.upperBound
        else { return nil }
        return value
    }

    /// Where the script's content starts after an XHTML `<![CDATA[` wrapper (`//<![CDATA[`,
    /// `/*<![CDATA[*/`, or bare), when the content opens with one: its `[` is not the JSON's.
    /// The closing `//]]>` lies after the value and is never read.
    private static func afterCDATAOpening(in range: Range<Int>, of scanner: ByteScanner) -> Int? {
        var position = scanner.skippingWhitespace(from: range.lowerBound)
        if scanner.hasPrefix("//", at: position) {
            position = scanner.skippingWhitespace(from: position + 2)
        } else if scanner.hasPrefix("/*", at: position) {
            position = scanner.skippingWhitespace(from: position + 2)
        }
        guard scanner.hasPrefix(cdataOpening, at: position) else { return nil }
        position += cdataOpening.utf8.count
        if scanner.hasPrefix("*/", at: position) { position += 2 }
        return min(position, range.upperBound)
    }

    private static let cdataOpening = "<![CDATA["
}
