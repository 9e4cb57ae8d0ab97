#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension ByteScanner {
    /// The earliest occurrence of any of `markers` in the page's text, skipping what a reader never
    /// sees: `<script>` elements (JSON-LD of related products, JS bundles with their UI strings),
    /// `<style>`, `<template>` and `<noscript>` elements, `<!-- comments -->`, the inside of
    /// tags, quoted attribute values included (a microdata `href="https://schema.org/Discontinued"`,
    /// a `data-label`); and the page's chrome, `<nav>`, `<footer>` and `<aside>`, whose menus,
    /// policies and sidebars ("Sản phẩm ngừng kinh doanh", "khi sản phẩm hết hàng", a stock
    /// filter's "Còn hàng") are about the shop, not the product. (`<label>` is read: templates
    /// write the product's own status in one, `<label class="label-danger">Hết hàng</label>`.)
    ///
    /// One forward pass: the marker search, the search for the next hidden element and the
    /// reading of tags between them only move ahead, so each byte is looked at a bounded number
    /// of times; the searches are prepared once per call. ``VisibleText`` calls it on its
    /// normalised copy of a page, where the hidden elements are already gone.
    func firstVisibleMatch(among markers: [TextMarker]) -> (marker: TextMarker, range: Range<Int>)? {
        guard !markers.isEmpty else { return nil }
        let search = markers.count == 1 ? markers[0].search : AnchoredSearch(markers)
        return bytes.withUnsafeBufferPointer { buffer in
            var searchFrom = 0
            var elements = HiddenElements()
            var hidden = elements.next(in: buffer, from: 0)
            while searchFrom < buffer.count,
                let match = search.firstMatch(in: buffer, bounds: searchFrom..<buffer.count)
            {
                while let element = hidden, element.upperBound <= match.range.lowerBound {
                    hidden = elements.next(in: buffer, from: element.upperBound)
                }
                if let element = hidden, element.lowerBound <= match.range.lowerBound {
                    searchFrom = element.upperBound
                    continue
                }
                guard let tagEnd = Self.endOfTag(around: match.range.lowerBound, in: buffer, readingFrom: searchFrom)
                else {
                    return (markers[match.marker], match.range)
                }
                searchFrom = tagEnd + 1
            }
            return nil
        }
    }

    /// Where the tag that holds `position` ends (its `>`), or nil when `position` is text.
    /// Read forward from `start`, which is outside any tag, with quoted attribute values
    /// honoured: `x-text="stock > 0 ? 'Còn hàng' : 'Ngừng kinh doanh'"` is inside its tag.
    private static func endOfTag(around position: Int, in buffer: UnsafeBufferPointer<UInt8>, readingFrom start: Int)
        -> Int?
    {
        guard let base = buffer.baseAddress else { return nil }
        var index = start
        var tagStart: Int?
        var quote: UInt8?
        var quoteStart = 0
        while index < buffer.count || quote != nil {
            if index >= buffer.count {
                // A quote never closed: read the tag again from it as if it were not one.
                (quote, index) = (nil, quoteStart + 1)
                continue
            }
            let byte = buffer[index]
            if tagStart == nil {
                // Text runs are long: the next `<` before `position` is found with `memchr`.
                guard index < position, let found = memchr(base + index, Int32(UInt8(ascii: "<")), position - index)
                else { return nil }
                index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                // `<` opens a tag only before a letter, `/` or `!`: "a < b" is text.
                if index + 1 < buffer.count, Self.opensTag(buffer[index + 1]) { tagStart = index }
            } else if let open = quote {
                if byte == open {
                    quote = nil
                } else if index - quoteStart > maximumQuotedValue {
                    // Not closed within a value's length (a typo): read the tag again from the
                    // quote as if it were not one.
                    (quote, index) = (nil, quoteStart)
                }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"), Self.followsEquals(buffer, index, tagStart) {
                // A quote opens an attribute value only after `=`: `class="x""` and `alt=Hưng'Yên`
                // hold stray quotes, which a browser shows as text.
                (quote, quoteStart) = (byte, index)
            } else if byte == UInt8(ascii: ">") {
                if index >= position { return index }
                tagStart = nil
            }
            index += 1
        }
        return tagStart != nil ? buffer.count : nil
    }

    /// The longest quoted attribute value read as one: past it, the quote is taken as a typo.
    private static let maximumQuotedValue = 4_096

    /// Whether the byte before `index` in the tag, spaces aside, is `=`.
    private static func followsEquals(_ buffer: UnsafeBufferPointer<UInt8>, _ index: Int, _ tagStart: Int?) -> Bool {
        var before = index - 1
        while before > (tagStart ?? 0), buffer[before] == UInt8(ascii: " ") { before -= 1 }
        return before > (tagStart ?? 0) && buffer[before] == UInt8(ascii: "=")
    }

    private static func opensTag(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "!")
    }

    /// The elements a reader does not see, found front to back through one page.
    ///
    /// Each kind's closing, once searched for, is remembered: a page of many `<nav>`s never
    /// closed (breadcrumbs closed with `</div>`) is searched for `</nav` once, not once per
    /// opening, which made such a page quadratic (300 KB: minutes).
    struct HiddenElements {
        /// Per kind: the first closing at or after `searchedFrom`, `.some(nil)` when there is
        /// none, `nil` when not looked for yet.
        private var closings = [Range<Int>??](repeating: nil, count: ByteScanner.hiddenClosings.count)
        private var searchedFrom = [Int](repeating: 0, count: ByteScanner.hiddenClosings.count)

        /// The range of the next hidden element at or after `start`, from its opening to the end
        /// of its closing (the page's end when it is never closed; its opening tag alone for
        /// chrome never closed).
        mutating func next(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Range<Int>? {
            guard start < buffer.count,
                let opening = ByteScanner.hiddenOpenings.firstMatch(in: buffer, bounds: start..<buffer.count)
            else { return nil }
            guard opening.range.upperBound < buffer.count else { return opening.range.lowerBound..<buffer.count }
            let (kind, from) = (opening.marker, opening.range.upperBound)
            let closing: Range<Int>?
            if let known = closings[kind], searchedFrom[kind] <= from, known.map({ $0.lowerBound >= from }) ?? true {
                closing = known
            } else {
                closing = ByteScanner.hiddenClosings[kind].firstMatch(in: buffer, bounds: from..<buffer.count)?.range
                (closings[kind], searchedFrom[kind]) = (.some(closing), from)
            }
            guard let end = closing?.upperBound else {
                // Chrome never closed (a breadcrumb `<nav>` closed with `</div>`) is not taken to
                // run to the page's end: its opening tag alone is skipped.
                return kind >= ByteScanner.chromeOpenings ? opening.range : opening.range.lowerBound..<buffer.count
            }
            return opening.range.lowerBound..<end
        }
    }

    /// The openings from this index of ``hiddenOpenings`` on are the page's chrome.
    private static let chromeOpenings = 5

    private static let hiddenOpenings = AnchoredSearch([
        "<script", "<style", "<!--", "<template", "<noscript", "<footer", "<nav", "<aside",
    ])
    private static let hiddenClosings = [
        TextMarker("</script").search, TextMarker("</style").search, TextMarker("-->").search,
        TextMarker("</template").search, TextMarker("</noscript").search, TextMarker("</footer").search,
        TextMarker("</nav").search, TextMarker("</aside").search,
    ]
}
