extension FetchEngine {
    /// Everything an operator can tune about fetching, with defaults fit for polite scraping of
    /// public marketplace pages from one provincial server.
    ///
    /// There is deliberately no switch to turn TLS verification off: point `caBundlePath` at the
    /// right bundle instead.
    public struct Configuration: Sendable, Hashable {
        /// The software version named in the `User-Agent`.
        public var softwareVersion: String
        /// How a site owner can reach the operator (an e-mail address or a URL), named in the
        /// `User-Agent` so that a blocked crawler can be identified and talked to.
        public var operatorContact: String
        /// Limit for establishing a connection (TCP and TLS), per attempt.
        public var connectTimeout: Duration
        /// Limit for one attempt from start to last byte. Pacing waits and retries are not counted.
        public var totalTimeout: Duration
        /// Largest decoded body accepted; a larger one aborts with `FetchError.bodyTooLarge`.
        public var maxBodyBytes: Int
        /// Redirects followed before `FetchError.tooManyRedirects`.
        public var maxRedirects: Int
        /// Transfers in flight at once, over all hosts.
        public var maxConcurrency: Int
        /// The politeness budget of any host without an override.
        public var hostPolicy: HostPolicy
        /// Budgets for particular hosts. A key matches the host itself and its subdomains
        /// (`tiki.vn` covers `api.tiki.vn`), the longest matching key wins, and all hosts matched
        /// by one key share its budget.
        public var hostOverrides: [String: HostPolicy]
        public var retry: RetryPolicy
        /// Proxy for every request (`http://host:port`, `socks5h://…`). When nil no proxy is used,
        /// whatever `http_proxy`/`https_proxy` say, so that the configuration file is the whole truth.
        public var proxyURL: String?
        /// PEM bundle of trusted CAs; nil uses the system's.
        public var caBundlePath: String?
        /// Directories a feed may be read from with a `file://` URL. Empty: no local files at all.
        public var allowedFileDirectories: [String]
        /// Whether loopback, private, link-local and other non-public addresses may be connected
        /// to. Off in production (the default); tests and the demo against a local mock turn it on.
        /// Not enforced on the socket when a proxy is set: the proxy resolves names then.
        public var allowPrivateAddresses: Bool
        /// Whether to remember validators and send conditional requests.
        public var conditionalRequests: Bool
        /// URLs whose validators are remembered at most (least recently used are forgotten).
        public var validatorCacheCapacity: Int
        /// Whether each site's `robots.txt` is read (once a day) and the pages it disallows for
        /// the `ocop-watch` product token are not fetched (RFC 9309). Feeds are exempt: the
        /// operator named them. Off by default in the engine; OCOP Watch's config turns it on.
        public var obeysRobotsTxt: Bool
        /// The longest `Crawl-delay` of a `robots.txt` that is honoured: a site asking for more
        /// is paced at this interval instead, so that one file cannot hold a pass for hours. A
        /// host's own `minimumInterval` still applies when it is longer.
        public var maxCrawlDelay: Duration

        public init(
            softwareVersion: String,
            operatorContact: String,
            connectTimeout: Duration = .seconds(10),
            totalTimeout: Duration = .seconds(30),
            maxBodyBytes: Int = 8 << 20,
            maxRedirects: Int = 5,
            maxConcurrency: Int = 16,
            hostPolicy: HostPolicy = HostPolicy(),
            hostOverrides: [String: HostPolicy] = [:],
            retry: RetryPolicy = RetryPolicy(),
            proxyURL: String? = nil,
            caBundlePath: String? = nil,
            allowedFileDirectories: [String] = [],
            allowPrivateAddresses: Bool = false,
            conditionalRequests: Bool = true,
            validatorCacheCapacity: Int = 100_000,
            obeysRobotsTxt: Bool = false,
            maxCrawlDelay: Duration = .seconds(60)
        ) {
            self.softwareVersion = softwareVersion
            self.operatorContact = operatorContact
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.maxBodyBytes = maxBodyBytes
            self.maxRedirects = maxRedirects
            self.maxConcurrency = maxConcurrency
            self.hostPolicy = hostPolicy
            self.hostOverrides = hostOverrides
            self.retry = retry
            self.proxyURL = proxyURL
            self.caBundlePath = caBundlePath
            self.allowedFileDirectories = allowedFileDirectories
            self.allowPrivateAddresses = allowPrivateAddresses
            self.conditionalRequests = conditionalRequests
            self.validatorCacheCapacity = validatorCacheCapacity
            self.obeysRobotsTxt = obeysRobotsTxt
            self.maxCrawlDelay = maxCrawlDelay
        }

        /// The product token `robots.txt` groups name: the user agent's first word.
        public static let robotsToken = "ocop-watch"

        /// `ocop-watch/<version> (+<contact>)`: says what is crawling and who answers for it.
        public var userAgent: String {
            "\(Self.robotsToken)/\(softwareVersion) (+\(operatorContact))"
        }

        /// The budget that applies to `host`, and the key of the budget it shares.
        ///
        /// Asked once per request, so the comparison works on the bytes and builds no string
        /// unless a name has upper-case letters.
        public func hostPolicy(for host: String) -> (key: String, policy: HostPolicy) {
            let host = host.utf8.contains(where: Self.isUppercaseASCII) ? host.lowercased() : host
            var best: (key: String, policy: HostPolicy)?
            for (key, policy) in hostOverrides where Self.host(host, isWithin: key) {
                if best == nil || key.utf8.count > best!.key.utf8.count {
                    best = (key, policy)
                }
            }
            guard let best else { return (host, hostPolicy) }
            return (best.key.utf8.contains(where: Self.isUppercaseASCII) ? best.key.lowercased() : best.key, best.policy)
        }

        /// Whether the lower-cased `host` is `domain` or lies under it, ignoring the case of `domain`.
        private static func host(_ host: String, isWithin domain: String) -> Bool {
            let host = host.utf8
            let domain = domain.utf8
            guard host.count >= domain.count else { return false }
            let start = host.index(host.endIndex, offsetBy: -domain.count)
            guard host[start...].elementsEqual(domain, by: { $0 == (isUppercaseASCII($1) ? $1 | 0x20 : $1) }) else {
                return false
            }
            return start == host.startIndex || host[host.index(before: start)] == UInt8(ascii: ".")
        }

        private static func isUppercaseASCII(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
        }
    }
}
