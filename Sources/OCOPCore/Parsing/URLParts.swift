/// A web address split into the parts adapters need, read leniently.
///
/// Catalog URLs come from spreadsheets: they carry raw Vietnamese letters, spaces and tracking
/// parameters that a strict RFC 3986 parser rejects, and adapters only need the scheme, the host
/// and the path to recognise a listing. Nothing is percent-decoded except query values.
public struct URLParts: Sendable, Hashable {
    /// Lower-cased: `https`.
    public var scheme: String
    /// Lower-cased, without the port or user info: `www.lazada.vn`.
    public var host: String
    public var port: Int?
    /// As written, always starting with `/` (an empty path reads as `/`).
    public var path: String
    /// After the `?`, without the fragment; `nil` when there is no `?`.
    public var query: String?

    /// Splits `string`, or returns `nil` when it has no `scheme://host`.
    ///
    /// The delimiters are ASCII, so the string is split on its UTF-8 bytes: adapters parse several
    /// URLs per check, and `Character` iteration would cost a grapheme break test per letter.
    public init?(_ string: String) {
        // Before the fragment is cut: `&#038;` holds a `#`.
        let text = Self.decodingEscapedAmpersands(string.trimmingASCIIWhitespace())
        // The first `:` must begin `://`; `firstRange(of:)` would do, but runs unspecialised.
        let utf8 = text.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")),
            utf8[colon...].starts(with: "://".utf8)
        else { return nil }
        let schemeEnd = colon..<utf8.index(colon, offsetBy: 3)
        let schemeText = text[..<schemeEnd.lowerBound]
        guard !schemeText.isEmpty, schemeText.utf8.allSatisfy(Self.isSchemeByte) else { return nil }
        let scheme = Self.lowercased(schemeText)
        var rest = text[schemeEnd.upperBound...]
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }
        let authorityEnd =
            rest.utf8.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.utf8.lastIndex(of: UInt8(ascii: "@")) {
            authority = authority[authority.utf8.index(after: at)...]
        }
        var host = authority
        var port: Int?
        if let colon = authority.utf8.lastIndex(of: UInt8(ascii: ":")),
            !authority[colon...].utf8.contains(UInt8(ascii: "]"))
        {
            host = authority[..<colon]
            let portText = authority[authority.utf8.index(after: colon)...]
            if !portText.isEmpty {
                guard let number = Int(portText), (0...65535).contains(number) else { return nil }
                port = number
            }
        }
        guard !host.isEmpty else { return nil }
        let afterAuthority = rest[authorityEnd...]
        let queryStart = afterAuthority.utf8.firstIndex(of: UInt8(ascii: "?"))
        let path = queryStart.map { afterAuthority[..<$0] } ?? afterAuthority
        self.scheme = scheme
        self.host = Self.lowercased(host)
        self.port = port
        self.path = path.isEmpty ? "/" : String(path)
        self.query = queryStart.map { String(afterAuthority[afterAuthority.utf8.index(after: $0)...]) }
    }

    /// `text` with the `&` that HTML templates write as a character reference (`&amp;`, and
    /// WordPress's `&#038;`, `&#38;`, `&#x26;`) put back. A link copied from a page's source or
    /// exported through a template says `?id=42&amp;spid=7`; read as written, the query names
    /// neither the offer nor the same page as `?id=42&spid=7`. A URL never holds these as they
    /// are: `#` would begin its fragment.
    public static func decodingEscapedAmpersands(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            output.append(bytes[index])
            index += 1
            guard bytes[index - 1] == UInt8(ascii: "&") else { continue }
            // `&amp;amp;`, escaped twice, is one `&` too: each escape read extends the last.
            while let form = escapedAmpersands.first(where: { bytes[index...].starts(with: $0) }) {
                index += form.count
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// What follows the `&` of each escaped form, as HTML spells them.
    private static let escapedAmpersands: [[UInt8]] = ["amp;", "AMP;", "#038;", "#38;", "#x26;", "#X26;"].map {
        Array($0.utf8)
    }

    /// `scheme://host[:port]`.
    public var origin: String {
        port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }

    /// `host[:port]`, as a `Host` header says it.
    public var authority: String {
        port.map { "\(host):\($0)" } ?? host
    }

    /// The path with `?query` when there is one.
    public var pathAndQuery: String {
        query.map { "\(path)?\($0)" } ?? path
    }

    /// The non-empty path segments: `/vn/pdp/slug/123` → `["vn", "pdp", "slug", "123"]`.
    public var pathSegments: [Substring] {
        path.split(separator: "/")
    }

    /// Whether the scheme is `http` or `https`.
    public var isWeb: Bool { scheme == "http" || scheme == "https" }

    /// `base` without trailing slashes, followed by `pathAndQuery`: how an adapter puts a listing
    /// path on a configured origin (`http://127.0.0.1:8931/` + `/products/x.html`).
    public static func joining(_ base: String, _ pathAndQuery: String) -> String {
        var trimmed = base.utf8[...]
        while trimmed.last == UInt8(ascii: "/") { trimmed = trimmed.dropLast() }
        var joined = String()
        joined.reserveCapacity(trimmed.count + pathAndQuery.utf8.count)
        joined += Substring(trimmed)
        joined += pathAndQuery
        return joined
    }

    /// The first value of the query parameter `name`, percent-decoded (`+` reads as a space).
    public func queryValue(_ name: String) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first.map(String.init) == name else { continue }
            return parts.count > 1 ? Self.percentDecoded(parts[1]) : ""
        }
        return nil
    }

    /// Where a redirect landed when it was not the page asked for: the site's home page or its
    /// search, which is how marketplaces answer for removed items.
    public enum Landing: String, Sendable, Hashable {
        case home
        case search
    }

    /// Whether this address is a home page (`/`, `/vn`, `/index.html` …, plus `homePaths`) or a
    /// search/listing page (`searchPaths` prefixes, or a `q`/`keyword` query on a path ending in
    /// `search`).
    public func landing(searchPaths: [String] = ["/search", "/catalog"], homePaths: Set<String> = []) -> Landing? {
        var normalized = path.lowercased()
        while normalized.count > 1, normalized.hasSuffix("/") { normalized.removeLast() }
        if Self.homePaths.contains(normalized) || homePaths.contains(normalized) { return .home }
        for prefix in searchPaths where normalized == prefix || normalized.hasPrefix(prefix + "/") {
            return .search
        }
        if normalized.hasSuffix("search"), queryValue("q") != nil || queryValue("keyword") != nil { return .search }
        return nil
    }

    /// Where a response landed when a redirect took it away from `requestedURL` to a home or
    /// search page; `nil` when it kept the requested path and query (a move to another host or
    /// scheme, `shop.vn` → `www.shop.vn`, is the same page), or either URL does not parse.
    public static func redirectLanding(
        finalURL: String,
        requestedURL: String,
        searchPaths: [String] = ["/search", "/catalog"],
        homePaths: Set<String> = []
    ) -> Landing? {
        guard finalURL != requestedURL, let final = URLParts(finalURL), let requested = URLParts(requestedURL) else {
            return nil
        }
        guard final.path != requested.path || final.query != requested.query else { return nil }
        return final.landing(searchPaths: searchPaths, homePaths: homePaths)
    }

    /// Whether `other` is on the same site: the same host, `www.` or not (`shop.vn` and
    /// `www.shop.vn` are one shop; `localhost` behind a captive portal is not).
    public func isSameSite(as other: URLParts) -> Bool {
        func site(_ host: String) -> Substring { host.hasPrefix("www.") ? host.dropFirst(4) : host[...] }
        return site(host) == site(other.host)
    }

    /// An ASCII letter, digit, `+`, `-` or `.`: what RFC 3986 allows in a scheme.
    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    /// Lower-cased as `lowercased()` would, but ASCII text with no capitals (almost every scheme
    /// and host) is only copied: `lowercased()` maps every character through Unicode tables.
    private static func lowercased(_ text: Substring) -> String {
        var hasCapitals = false
        for byte in text.utf8 {
            guard byte < 0x80 else { return text.lowercased() }
            if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) { hasCapitals = true }
        }
        return hasCapitals ? text.lowercased() : String(text)
    }

    static let homePaths: Set<String> = [
        "/", "/vn", "/vi", "/vi-vn", "/home", "/index.html", "/index.php", "/trang-chu",
    ]

    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), let first = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex),
                let second = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex), second < utf8.endIndex,
                let high = hexValue(utf8[first]), let low = hexValue(utf8[second])
            {
                bytes.append(high << 4 | low)
                index = second
            } else {
                bytes.append(byte)
            }
            index = utf8.index(after: index)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension StringProtocol {
    /// Whether the text is one or more ASCII digits and nothing else, as marketplace ids are.
    public var isASCIIDigits: Bool {
        !isEmpty && utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
