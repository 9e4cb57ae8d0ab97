import OCOPCore
import Testing

@Suite("Parsing: HTML meta, tags and text")
struct ParsingHTMLMetaTests {
    private func scanner(_ text: String) -> ByteScanner { ByteScanner(Array(text.utf8)) }

    /// Found by the fuzzer: a tag whose attribute holds `<body` runs past where the head seems to
    /// end, and the next search's range ended before it started (a crash, in the daemon too).
    @Test func aTagRunningPastTheHeadsEndIsRead() {
        let meta = HTMLMeta(
            scanning: scanner(#"<head><meta property="og:title" content="a <body> in text"><meta name="x" content="y">"#))
        #expect(meta["og:title"] == "a <body> in text")
        #expect(meta["x"] == nil, "past the head's end")
    }

    @Test func readsTitleMetaAndCanonical() {
        let meta = HTMLMeta(
            scanning: scanner(
                """
                <html><head>
                <title>
                  Tr&agrave; sen &amp; hạt   sen | Shop
                </title>
                <meta content="Trà sen" property="og:title">
                <META NAME='description' CONTENT='Đặc sản'>
                <meta property=og:type content=product>
                <meta property="og:title" content="second one is ignored">
                <link rel="stylesheet" href="/a.css"><link rel="canonical" href="https://shop.example.vn/tra-sen">
                </head><body><svg><title>icon</title></svg></body></html>
                """))
        #expect(meta.title == "Trà sen & hạt sen | Shop")
        #expect(meta["og:title"] == "Trà sen")
        #expect(meta["OG:TITLE"] == "Trà sen")
        #expect(meta["description"] == "Đặc sản")
        #expect(meta["og:type"] == "product")
        #expect(meta.canonicalURL == "https://shop.example.vn/tra-sen")
        #expect(meta["product:price:amount"] == nil)
    }

    /// Product pages run to hundreds of kilobytes; the head's tags are all that is read.
    @Test(arguments: ["</head>", "<body class=\"product\">"])
    func stopsAtTheEndOfTheHead(_ boundary: String) {
        let meta = HTMLMeta(
            scanning: scanner(
                """
                <head><meta property="og:type" content="product">\(boundary)
                <meta property="og:title" content="in the body"><link rel="canonical" href="https://x.vn/body">
                <title>in the body</title>
                """))
        #expect(meta["og:type"] == "product")
        #expect(meta["og:title"] == nil)
        #expect(meta.canonicalURL == nil)
        #expect(meta.title == nil)
    }

    @Test func pageWithoutHeadIsReadWhole() {
        let meta = HTMLMeta(scanning: scanner(#"<title>Trà</title><p>x</p><meta name="description" content="Đặc sản">"#))
        #expect(meta.title == "Trà")
        #expect(meta["description"] == "Đặc sản")
    }

    @Test func pageWithoutHeadFields() {
        let meta = HTMLMeta(scanning: scanner("<p>plain</p>"))
        #expect(meta.title == nil)
        #expect(meta.canonicalURL == nil)
    }

    @Test func tagAttributes() throws {
        let page = scanner(#"<LINK ItemProp="availability" href='https://schema.org/InStock' data-x=1 disabled/>"#)
        let tag = try #require(HTMLTag(in: page, at: 0))
        #expect(tag.name == "link")
        #expect(tag["itemprop"] == "availability")
        #expect(tag["HREF"] == "https://schema.org/InStock")
        #expect(tag["data-x"] == "1")
        #expect(tag["disabled"] == "")
        #expect(tag.range == 0..<page.count)
        #expect(HTMLTag(in: page, at: 1) == nil)
        #expect(HTMLTag(in: scanner("<a href=\"unterminated>"), at: 0) == nil)
    }

    @Test(arguments: [
        ("Bánh &amp; kẹo", "Bánh & kẹo"),
        ("&#39;quoted&#39; &quot;x&quot;", "'quoted' \"x\""),
        ("S&oacute;c Tr&#x103;ng", "Sóc Trăng"),
        ("AT&T &unknown; & done", "AT&T &unknown; & done"),
        ("&#99999999999;", "&#99999999999;"),
    ])
    func decodesCharacterReferences(_ text: String, _ expected: String) {
        #expect(HTMLText.decodingEntities(text) == expected)
    }

    /// The folding answers white space from its own list, not the property table: the two agree
    /// on every scalar of the Basic Multilingual Plane, where all of Unicode's white space is.
    @Test func foldsExactlyUnicodeWhiteSpace() {
        var disagreements: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let folded = HTMLText.collapsingWhitespace("a" + String(Character(scalar)) + "b")
            let expected = scalar.properties.isWhitespace ? "a b" : "a" + String(Character(scalar)) + "b"
            if folded != expected { disagreements.append(String(value, radix: 16)) }
        }
        #expect(disagreements.isEmpty)
    }

    @Test func elementText() {
        let page = scanner("<span itemprop=\"name\">\n  Nem&nbsp;chua   Lai Vung </span>")
        #expect(HTMLText.text(in: page, from: 22) == "Nem chua Lai Vung")
        #expect(HTMLText.text(in: scanner("<b></b>"), from: 3) == nil)
    }
}
