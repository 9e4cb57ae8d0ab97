extension ByteScanner {
    /// The earliest occurrence of any of `markers` in the page's text, skipping what a reader never
    /// sees: `<script>` elements (JSON-LD of related products, JS bundles with their UI strings),
    /// `<style>` elements, `<!-- comments -->` and the inside of tags (a microdata
    /// `href="https://schema.org/Discontinued"`, a `data-label`).
    ///
    /// One forward pass: the marker search and the search for the next hidden element only move
    /// ahead, and the look back for an open tag never goes behind where the search resumed, so
    /// each byte is compared a bounded number of times; the searches are prepared once per call.
    public func firstVisibleMatch(among markers: [TextMarker]) -> (marker: TextMarker, range: Range<Int>)? {
        guard !markers.isEmpty else { return nil }
        let search = markers.count == 1 ? markers[0].search : AnchoredSearch(markers)
        return bytes.withUnsafeBufferPointer { buffer in
            var searchFrom = 0
            var hidden = Self.nextHiddenElement(in: buffer, from: 0)
            while searchFrom < buffer.count,
                let match = search.firstMatch(in: buffer, bounds: searchFrom..<buffer.count)
            {
                while let element = hidden, element.upperBound <= match.range.lowerBound {
                    hidden = Self.nextHiddenElement(in: buffer, from: element.upperBound)
                }
                if let element = hidden, element.lowerBound <= match.range.lowerBound {
                    searchFrom = element.upperBound
                    continue
                }
                guard Self.isInsideTag(buffer, at: match.range.lowerBound, notBefore: searchFrom) else {
                    return (markers[match.marker], match.range)
                }
                var tagEnd = match.range.upperBound
                while tagEnd < buffer.count, buffer[tagEnd] != UInt8(ascii: ">") { tagEnd += 1 }
                searchFrom = tagEnd + 1
            }
            return nil
        }
    }

    /// Whether `position` lies between a tag's `<` and its `>`, looking back no further than
    /// `floor` (where the search resumed, always outside a tag).
    private static func isInsideTag(_ buffer: UnsafeBufferPointer<UInt8>, at position: Int, notBefore floor: Int) -> Bool {
        var index = position - 1
        while index >= floor {
            switch buffer[index] {
            case UInt8(ascii: "<"): return true
            case UInt8(ascii: ">"): return false
            default: index -= 1
            }
        }
        return false
    }

    /// The range of the next `<script>`, `<style>` or comment at or after `start`, from its
    /// opening to the end of its closing (the page's end when it is never closed).
    private static func nextHiddenElement(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
        guard start < buffer.count, let opening = hiddenOpenings.firstMatch(in: buffer, bounds: start..<buffer.count)
        else { return nil }
        guard opening.range.upperBound < buffer.count else { return opening.range.lowerBound..<buffer.count }
        let closing = hiddenClosings[opening.marker]
        let end =
            closing.firstMatch(in: buffer, bounds: opening.range.upperBound..<buffer.count)?.range.upperBound
            ?? buffer.count
        return opening.range.lowerBound..<end
    }

    private static let hiddenOpenings = AnchoredSearch(["<script", "<style", "<!--"])
    private static let hiddenClosings = [TextMarker("</script").search, TextMarker("</style").search, TextMarker("-->").search]
}
