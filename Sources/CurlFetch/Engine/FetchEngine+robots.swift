extension FetchEngine {
    /// Throws unless the site's `robots.txt` lets OCOP Watch fetch `url` (RFC 9309); returns the
    /// site's `Crawl-delay`, at most `maxCrawlDelay` (zero when it asks for none).
    ///
    /// Runs before every hop, so a site whose file allows everything (most, and every loopback
    /// server of the benchmark) costs a lock and a lookup, not a parse of the URL.
    func checkRobots(_ url: String) async throws(FetchError) -> Duration {
        let (origin, pathStart) = Self.origin(of: url)
        switch await core.robots.rules(for: origin, load: { await loadRobots(origin: origin) }) {
        case .success(let rules):
            guard !rules.isAllowAll else { return .zero }
            let delay = min(rules.crawlDelay ?? .zero, configuration.maxCrawlDelay)
            guard !rules.rules.isEmpty else { return delay }
            var pathAndQuery = String(url[pathStart...])
            if let fragment = pathAndQuery.firstIndex(of: "#") { pathAndQuery = String(pathAndQuery[..<fragment]) }
            if pathAndQuery.isEmpty || pathAndQuery.first == "?" { pathAndQuery = "/" + pathAndQuery }
            if let rule = rules.decidingRule(for: pathAndQuery), !rule.allows {
                throw .robotsDisallowed(url: url, rule: rule.pattern)
            }
            return delay
        case .failure(.cancelled), .failure(.shutdown):
            throw .cancelled(url: url)
        case .failure(.robotsUnreachable(_, let detail)):
            throw .robotsUnreachable(url: url, detail: detail)
        case .failure(let error):
            // What kept robots.txt out of reach keeps the page out too (a refused address, a
            // TLS or DNS failure): the same error, naming robots.txt's URL.
            throw error
        }
    }

    /// How much of a robots.txt is read (a larger one allows everything: it is not a robots file),
    /// and how much of it is parsed.
    static let robotsDownloadLimit = 4 << 20
    static let robotsParseLimit = 512 << 10

    /// `scheme://authority` of a URL libcurl has already parsed (lower-cased), and where its
    /// path begins.
    static func origin(of url: String) -> (origin: String, pathStart: String.Index) {
        let colon = url.firstIndex(of: ":") ?? url.startIndex
        let afterScheme = url[colon...].hasPrefix("://") ? url.index(colon, offsetBy: 3) : url.startIndex
        let pathStart = url[afterScheme...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        let origin = url[..<pathStart]
        let isLower = !origin.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        return (isLower ? String(origin) : origin.lowercased(), pathStart)
    }

    /// The rules at `origin`/robots.txt: a 2xx body parsed; a 4xx (no file) allows everything;
    /// redirects followed up to five times; a 5xx or a network failure (after the usual retries)
    /// fails, so that the site is left alone until it answers.
    private func loadRobots(origin: String) async -> RobotsCache.Answer {
        var url = origin + "/robots.txt"
        for _ in 0...5 {
            do {
                let target = try ParsedURL(url)
                guard target.isHTTP else { return .success(.allowAll) }
                let request = FetchRequest(url: url, maxBodyBytes: Self.robotsDownloadLimit, allowsConditional: false)
                let (hop, _) = try await fetchRetrying(url: url, host: target.host, request: request, attemptsBefore: 0)
                switch hop.status {
                case 200..<300:
                    // RFC 9309 §2.5: at least 500 KiB parsed; past that, up to the last whole line.
                    var body = hop.body[...]
                    if body.count > Self.robotsParseLimit {
                        body = body.prefix(Self.robotsParseLimit)
                        body = body.prefix(through: body.lastIndex(of: UInt8(ascii: "\n")) ?? body.startIndex)
                    }
                    let text = String(decoding: body, as: UTF8.self)
                    return .success(RobotsRules(parsing: text, userAgent: Configuration.robotsToken))
                case 300..<400:
                    guard let location = hop.redirectURL else { return .success(.allowAll) }
                    url = location
                case 407:
                    // Our proxy refused us, not the site: nothing is known of its file.
                    return .failure(.robotsUnreachable(url: url, detail: "the proxy asked for credentials (HTTP 407)"))
                case 400..<500:
                    return .success(.allowAll)
                default:
                    return .failure(.robotsUnreachable(url: url, detail: "\(url) answered HTTP \(hop.status)"))
                }
            } catch .bodyTooLarge {
                return .success(.allowAll)
            } catch {
                return .failure(error)
            }
        }
        return .success(.allowAll)
    }
}
