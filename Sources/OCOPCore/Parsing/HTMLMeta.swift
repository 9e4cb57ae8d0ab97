/// The document-level facts of a page: `<title>`, `<meta>` tags by `property`/`name`, and the
/// canonical link, read in one pass over the bytes of the head.
///
/// OpenGraph (`og:title`, `product:price:amount`) and plain meta tags are what many pages still
/// carry when their product model is rendered client-side.
public struct HTMLMeta: Sendable {
    /// The `<title>` text, entity-decoded and white-space-collapsed.
    public let title: String?
    /// `<link rel="canonical" href>`.
    public let canonicalURL: String?
    private let contents: [String: String]

    /// Reads only the document head: up to `</head>` or `<body`, or the whole page when it has
    /// neither. Product pages run to hundreds of kilobytes, and the tags read here belong in the head.
    public init(scanning scanner: ByteScanner) {
        var contents: [String: String] = [:]
        var canonical: String?
        let head = 0..<Self.headEnd(in: scanner)
        var position = 0
        // A tag may run past the head's end (an attribute holding "<body"): stop there, never
        // search a range that ends before it starts.
        while position < head.upperBound,
            let match = scanner.firstMatch(among: Self.tagMarkers, in: position..<head.upperBound)
        {
            guard let tag = HTMLTag(in: scanner, at: match.range.lowerBound) else {
                position = match.range.upperBound
                continue
            }
            position = tag.range.upperBound
            if tag.name == "meta", let key = tag["property"] ?? tag["name"], let content = tag["content"] {
                let key = key.lowercased()
                if contents[key] == nil { contents[key] = HTMLText.collapsingWhitespace(content) }
            } else if tag.name == "link", canonical == nil,
                tag["rel"]?.lowercased().split(separator: " ").contains("canonical") == true
            {
                canonical = tag["href"]
            }
        }
        self.contents = contents
        self.canonicalURL = canonical
        self.title = Self.title(in: scanner, before: head.upperBound)
    }

    private static let tagMarkers = TextMarkerSet(["<meta", "<link"])
    private static let headEndMarkers = TextMarkerSet(["</head", "<body"])
    private static let titleMarker: TextMarker = "<title"
    private static let titleEndMarker: TextMarker = "</title"

    /// Where the head ends: the first `</head` or `<body`, else the end of the page.
    private static func headEnd(in scanner: ByteScanner) -> Int {
        scanner.firstMatch(among: headEndMarkers)?.range.lowerBound ?? scanner.count
    }

    /// The `content` of the first `<meta property=key>` or `<meta name=key>` (key case-insensitive).
    public subscript(key: String) -> String? {
        contents[key.lowercased()]
    }

    /// Whether the page calls itself a product (`og:type` `product`, `product.item`, …). Such a
    /// page whose product data cannot be read is a product page in a shape the adapter does not
    /// know, not a removal, whatever its texts say.
    public var declaresProduct: Bool {
        self["og:type"]?.lowercased().hasPrefix("product") == true
    }

    /// Only the `<title>` text, for callers that need nothing else from the head.
    public static func title(in scanner: ByteScanner) -> String? {
        title(in: scanner, before: scanner.count)
    }

    /// Where the `<title>` text lies in the page, as written: for a caller that only looks for
    /// words in it, without decoding it to a string.
    public static func titleRange(in scanner: ByteScanner) -> Range<Int>? {
        titleRange(in: scanner, before: scanner.count)
    }

    private static func titleRange(in scanner: ByteScanner, before headEnd: Int) -> Range<Int>? {
        // `<title>` or `<title lang="vi">`, not `<titlebar>`; its attributes are not needed.
        guard let open = scanner.firstRange(of: titleMarker, in: 0..<headEnd), open.upperBound < scanner.count,
            scanner.bytes[open.upperBound] == UInt8(ascii: ">") || ByteScanner.isWhitespace(scanner.bytes[open.upperBound]),
            let close = scanner.firstIndex(of: UInt8(ascii: ">"), from: open.upperBound)
        else { return nil }
        let contentStart = close + 1
        let end = scanner.firstRange(of: titleEndMarker, in: contentStart..<scanner.count)?.lowerBound ?? scanner.count
        return contentStart..<end
    }

    private static func title(in scanner: ByteScanner, before headEnd: Int) -> String? {
        guard let range = titleRange(in: scanner, before: headEnd) else { return nil }
        let text = HTMLText.collapsingWhitespace(HTMLText.decodingEntities(scanner.string(in: range)))
        return text.isEmpty ? nil : text
    }
}
