extension Listing {
    /// A listing link as two sources are compared by (a catalog row against another, a feed
    /// entry against the catalog): the same page however spreadsheets, exports and share buttons
    /// wrote it.
    ///
    /// The scheme is dropped (`http` and `https` name one page), the host loses its case and a
    /// leading `www.`, the fragment, trailing slashes and tracking parameters (`utm_*`, `spm`,
    /// `fbclid` …) go. The path and the other parameters stay as written: short-link codes
    /// (`shope.ee/9zKqP1xAbC`) are case-sensitive, and on some sites the query names the item
    /// (Tiki's `spid`).
    public static func comparableURL(_ url: String) -> String {
        var text = Substring(URLParts.decodingEscapedAmpersands(url.trimmingASCIIWhitespace()))
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        if let scheme = text.firstRange(of: "://") { text = text[scheme.upperBound...] }
        let hostEnd = text.firstIndex { $0 == "/" || $0 == "?" } ?? text.endIndex
        var host = text[..<hostEnd].lowercased()
        if host.hasPrefix("www.") { host.removeFirst(4) }
        var rest = text[hostEnd...]
        var query: [Substring] = []
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...].split(separator: "&").filter { !isTrackingParameter($0) }
            rest = rest[..<mark]
        }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        return host + rest + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// Parameters share buttons and ad links add, which never name an item.
    private static func isTrackingParameter(_ parameter: Substring) -> Bool {
        let name = parameter.prefix { $0 != "=" }.lowercased()
        return name.hasPrefix("utm_") || trackingParameters.contains(name)
    }

    private static let trackingParameters: Set<String> = [
        "spm", "scm", "fbclid", "gclid", "zarsrc", "sp_atk", "xptdk", "_branch_match_id", "from_gray", "clickid",
    ]
}
