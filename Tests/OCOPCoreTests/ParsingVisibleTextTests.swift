import OCOPCore
import Testing

/// Status texts are found however the page's HTML spells them, and never where a reader does not
/// see them.
@Suite("Visible text")
struct ParsingVisibleTextTests {
    static let markers: [TextMarker] = ["Ngừng kinh doanh", "Hết hàng", "Còn hàng"]

    static func found(_ html: String) -> String? {
        VisibleText(ByteScanner(Array(html.utf8))).firstMatch(among: markers)?.marker.text
    }

    @Test(arguments: [
        "<p>Tình trạng: Ngừng&nbsp;kinh doanh</p>",
        "<p>Ngừng&#160;kinh&#xA0;doanh</p>",
        "<p>Ngừng\u{00A0}kinh doanh</p>",
        "<p>Ngừng  kinh\tdoanh</p>",
        "<p>Ngừng\n      kinh doanh</p>",
        "<p><strong>Ngừng</strong> kinh doanh</p>",
        "<p>Ngừng <span class=\"x\" title=\"a > b\">kinh</span> doanh</p>",
        "<p>Ng&#7915;ng kinh doanh</p>",
        "<p>Ng&#x1EEB;ng kinh <a href=\"/c/ngung\">doanh</a></p>",
        "<p>Ngừng <!-- status --> kinh doanh</p>",
    ])
    func aDiscontinuedTextIsReadHoweverItIsWritten(html: String) {
        #expect(Self.found(html) == "Ngừng kinh doanh", "\(html)")
    }

    @Test(arguments: ["<p>Hết h&agrave;ng</p>", "<b>Hết</b> hàng", "<p>Hết\thàng</p>", "<div>\n  Hết\n  hàng\n</div>"])
    func anOutOfStockTextIsReadHoweverItIsWritten(html: String) {
        #expect(Self.found(html) == "Hết hàng", "\(html)")
    }

    @Test(arguments: [
        // Not shown: scripts, styles, comments, templates, chrome, attribute values.
        "<script>var t = 'Hết hàng';</script><p>Trà sen</p>",
        "<footer>Sản phẩm Ngừng kinh doanh</footer>",
        "<aside><a>Còn hàng</a></aside>",
        "<p title=\"Hết hàng\">Trà</p>",
        "<span x-text=\"stock > 0 ? 'Còn hàng' : 'Hết hàng'\">…</span>",
        // Two blocks' words are not one phrase.
        "<div>Hết</div><div>hàng nhập khẩu</div>",
        // A `<select>` is a control between the words, not an inline tag like `<s>`.
        "<p>Hết<select></select> hàng</p>",
    ])
    func whatAReaderDoesNotSeeIsNotRead(html: String) {
        #expect(Self.found(html) == nil, "\(html)")
    }

    /// The first text the page shows comes first, whatever was normalised before it.
    @Test func orderIsKept() {
        #expect(Self.found("<p>C&ograve;n h&agrave;ng</p><p>Hết hàng</p>") == "Còn hàng")
        #expect(Self.found("<script>'Còn hàng'</script><p>Hết&nbsp;hàng</p><p>Còn hàng</p>") == "Hết hàng")
    }

    /// Escaped markup stays text: resolved, a shop's `&lt;script&gt;` would open an element that
    /// hides the rest of the page.
    @Test func escapedMarkupHidesNothing() {
        #expect(Self.found("<p>Mã nhúng: &lt;script&gt;</p><p>Hết hàng</p>") == "Hết hàng")
    }

    /// A quote opens an attribute value only after `=`: a stray apostrophe in an inline tag
    /// (`title=Tân'Huê`) does not swallow the text after it.
    @Test func aStrayQuoteInAnInlineTagHidesNothing() {
        #expect(Self.found("<p><a href=\"/th\" title=Tân'Huê>Tân Huê Viên</a></p><p>Ngừng kinh doanh</p><p>Editor's</p>") == "Ngừng kinh doanh")
        // After `=` and a line break the quote still opens the value, `>` inside it included.
        #expect(Self.found("<p><span data-tip=\n\"> Hết hàng khi hết mùa\">Còn hàng</span></p>") == "Còn hàng")
    }

    /// A tag not closed within a value's length is left as written: it hides nothing after it.
    @Test func anUnclosedInlineTagHidesNothing() {
        let html = "<span title=\"" + String(repeating: "x", count: 5_000) + " <p>Hết hàng</p>"
        #expect(Self.found(html) == "Hết hàng")
    }
}
