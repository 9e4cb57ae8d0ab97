/// What a site's `robots.txt` allows one crawler, read as RFC 9309 says.
///
/// A pure value: parsed once per site and asked once per request, without sockets. The groups
/// that name the crawler's product token apply, merged; only when none does, the `*` groups.
/// Of the rules whose pattern matches a path, the longest wins and `Allow` wins a tie; a path no
/// rule matches is allowed. Patterns may hold `*` (any run of characters) and end in `$`.
/// `Crawl-delay`, which RFC 9309 leaves out but many sites write, is read from the same groups.
public struct RobotsRules: Sendable, Hashable {
    /// One `Allow` or `Disallow` line of the group that applies.
    public struct Rule: Sendable, Hashable {
        public var allows: Bool
        public var pattern: String
    }

    public private(set) var rules: [Rule]
    /// The pause the site asks for between two requests (`Crawl-delay`, in seconds), if any:
    /// the largest of the groups that apply.
    public private(set) var crawlDelay: Duration?

    /// Everything allowed: the site has no `robots.txt` (a 4xx answer) or no group for us.
    public static let allowAll = RobotsRules(rules: [])

    init(rules: [Rule], crawlDelay: Duration? = nil) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Whether the file neither refuses a path nor asks for a pause: most sites', checked
    /// before every request without matching anything.
    public var isAllowAll: Bool { rules.isEmpty && crawlDelay == nil }

    /// Reads `text` for the crawler whose product token is `userAgent` (`ocop-watch`).
    public init(parsing text: String, userAgent: String) {
        let token = userAgent.lowercased()
        var ours: [Rule] = []
        var everyone: [Rule] = []
        var ourDelay: Duration?
        var everyoneDelay: Duration?
        var groupAgents: [String] = []
        var groupHasRules = false
        // A group for us, even one without rules, means the `*` groups do not apply.
        var namesUs = false
        // A byte order mark would make the first line's key unknown, and drop the first group.
        let text = text.first == "\u{FEFF}" ? text.dropFirst() : Substring(text)
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingRobotsSpace().lowercased()
            let value = line[line.index(after: colon)...].trimmingRobotsSpace()
            switch key {
            case "user-agent":
                // A user-agent line after rules starts a new group.
                if groupHasRules {
                    groupAgents = []
                    groupHasRules = false
                }
                groupAgents.append(value.lowercased())
                if value.lowercased() == token { namesUs = true }
            case "allow", "disallow":
                groupHasRules = true
                // An empty `Disallow:` disallows nothing; an empty `Allow:` allows nothing more.
                guard !value.isEmpty, !groupAgents.isEmpty else { continue }
                let rule = Rule(allows: key == "allow", pattern: Self.normalized(value))
                if groupAgents.contains(token) { ours.append(rule) }
                if groupAgents.contains("*") { everyone.append(rule) }
            case "crawl-delay":
                groupHasRules = true
                // Seconds, possibly with a fraction; anything else (`10s`, `-1`) is not a delay.
                guard let seconds = Double(value), seconds.isFinite, seconds > 0, !groupAgents.isEmpty else { continue }
                let delay = Duration.milliseconds(Int64((min(seconds, 86_400) * 1000).rounded(.up)))
                if groupAgents.contains(token) { ourDelay = max(ourDelay ?? delay, delay) }
                if groupAgents.contains("*") { everyoneDelay = max(everyoneDelay ?? delay, delay) }
            default:
                continue
            }
        }
        self.init(rules: namesUs ? ours : everyone, crawlDelay: namesUs ? ourDelay : everyoneDelay)
    }

    /// The rule that decides `pathAndQuery` (`/san-pham/x?id=1`), or nil when none matches (allowed).
    public func decidingRule(for pathAndQuery: String) -> Rule? {
        guard !rules.isEmpty else { return nil }
        let path = Self.normalized(pathAndQuery)
        var best: Rule?
        for rule in rules where Self.matches(rule.pattern, path) {
            guard let current = best else {
                best = rule
                continue
            }
            let (length, bestLength) = (rule.pattern.utf8.count, current.pattern.utf8.count)
            if length > bestLength || (length == bestLength && rule.allows && !current.allows) {
                best = rule
            }
        }
        return best
    }

    /// Whether the crawler may fetch `pathAndQuery`.
    public func allows(_ pathAndQuery: String) -> Bool {
        decidingRule(for: pathAndQuery)?.allows ?? true
    }

    /// `text` as RFC 9309 §2.2.2 compares paths: octets outside ASCII percent-encoded, an
    /// encoded unreserved character (`%7E`) decoded, the hex digits of the rest in upper case; so
    /// `/tìm-kiếm`, `/t%C3%ACm-ki%E1%BA%BFm` and `/t%c3%acm-ki%e1%ba%bfm` are one path.
    static func normalized(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        func isUnreserved(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "~")
        }
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "%") }) else { return text }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 16)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = value(bytes[index + 1]),
                let low = value(bytes[index + 2])
            {
                let decoded = high << 4 | low
                if isUnreserved(decoded) {
                    result.append(decoded)
                } else {
                    result += [UInt8(ascii: "%"), hex[Int(high)], hex[Int(low)]]
                }
                index += 3
            } else if byte >= 0x80 {
                result += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                index += 1
            } else {
                result.append(byte)
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `pattern` matches the start of `path` (all of it, with a final `$`).
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = Array(pattern.utf8)
        let anchored = pattern.last == UInt8(ascii: "$")
        if anchored { pattern.removeLast() }
        let path = Array(path.utf8)
        // Positions in `path` the pattern read so far can end at; `*` widens them.
        var positions: Set<Int> = [0]
        for byte in pattern {
            if byte == UInt8(ascii: "*") {
                guard let first = positions.min() else { return false }
                positions = Set(first...path.count)
            } else {
                positions = Set(positions.compactMap { $0 < path.count && path[$0] == byte ? $0 + 1 : nil })
            }
            if positions.isEmpty { return false }
        }
        return anchored ? positions.contains(path.count) : true
    }
}

extension StringProtocol {
    fileprivate func trimmingRobotsSpace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
