/// The document-level facts of a page: `<title>`, `<meta>` tags by `property`/`name`, and the
/// canonical link, read in one pass over the bytes.
///
/// OpenGraph (`og:title`, `product:price:amount`) and plain meta tags are what many pages still
/// carry when their product model is rendered client-side.
public struct HTMLMeta: Sendable {
    /// The `<title>` text, entity-decoded and white-space-collapsed.
    public let title: String?
    /// `<link rel="canonical" href>`.
    public let canonicalURL: String?
    private let contents: [String: String]

    public init(scanning scanner: ByteScanner) {
        var contents: [String: String] = [:]
        var canonical: String?
        var position = 0
        while let match = scanner.firstMatch(among: ["<meta", "<link"], in: position..<scanner.count) {
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
        self.title = Self.title(in: scanner)
    }

    /// The `content` of the first `<meta property=key>` or `<meta name=key>` (key case-insensitive).
    public subscript(key: String) -> String? {
        contents[key.lowercased()]
    }

    /// Only the `<title>` text, for callers that need nothing else from the head.
    public static func title(in scanner: ByteScanner) -> String? {
        guard let open = scanner.firstRange(of: "<title"),
            let tag = HTMLTag(in: scanner, at: open.lowerBound), tag.name == "title"
        else { return nil }
        let contentStart = tag.range.upperBound
        let end = scanner.firstRange(of: "</title", in: contentStart..<scanner.count)?.lowerBound ?? scanner.count
        let text = HTMLText.collapsingWhitespace(HTMLText.decodingEntities(scanner.string(in: contentStart..<end)))
        return text.isEmpty ? nil : text
    }
}
