public import Foundation
public import OCOPCore

/// Everything an operator can set, with the defaults a provincial server should run with.
///
/// Every value has a default so that an empty file is a valid configuration; the loader
/// (``ConfigurationLoader``) fills this from YAML and `OCOP_WATCH__SECTION__KEY` variables.
public struct OCOPWatchConfiguration: Sendable {
    public var paths = Paths()
    public var catalog = Catalog()
    public var operatorContact: String = "unset (set operator.contact in the config)"
    public var http = HTTP()
    public var marketplaces: [MarketplaceID: Marketplace] = Self.defaultMarketplaces
    public var coverage = CoverageRules()
    public var alerts = Alerts()
    public var daemon = Daemon()
    public var metrics = Metrics()
    /// The file this was read from, for messages; `nil` when built in code.
    public var sourceFile: String?

    public init() {}

    /// Where state and logs live. Relative paths were resolved against the config file's folder.
    public struct Paths: Sendable, Hashable {
        public var stateDirectory = "/var/lib/ocop-watch"
        public var logsDirectory = "/var/log/ocop-watch"
        public var database = "/var/lib/ocop-watch/ocop-watch.sqlite"
        public var alertLog = "/var/log/ocop-watch/alerts.jsonl"
        public var eventLog = "/var/log/ocop-watch/events.jsonl"
        public var report = "/var/lib/ocop-watch/report.html"
        public init() {}
    }

    /// The catalog files the daemon (re)imports at start and on SIGHUP.
    public struct Catalog: Sendable, Hashable {
        public var files: [String] = []
        public init() {}
    }

    public struct HTTP: Sendable, Hashable {
        public var connectTimeout: TimeInterval = 10
        public var timeout: TimeInterval = 30
        public var maxBodyBytes = 8 << 20
        public var maxRedirects = 5
        public var maxConcurrency = 16
        public var retries = 3
        public var retryBaseDelay: TimeInterval = 1
        public var retryMaxDelay: TimeInterval = 60
        public var proxy: String?
        public var caBundle: String?
        /// Loopback and private addresses are refused unless this is set (tests and the demo).
        public var allowPrivateAddresses = false
        /// Folders from which `file://` feeds may be read.
        public var feedDirectories: [String] = []
        public var conditionalRequests = true
        /// Read each site's robots.txt and leave alone what it disallows for `ocop-watch`.
        public var obeyRobotsTxt = true
        public init() {}
    }

    /// How one marketplace is read: pages or a feed, where, and how politely.
    public struct Marketplace: Sendable, Hashable {
        public enum Source: String, Sendable, Hashable, CaseIterable {
            case page
            case feed
        }

        public var enabled = true
        public var source = Source.page
        public var baseURL: String?
        public var apiBaseURL: String?
        public var feedURL: String?
        public var allowedHosts: [String] = []
        /// How often each listing is re-checked by the daemon.
        public var interval: TimeInterval = 6 * 3600
        public var maxConcurrent = 2
        /// Minimum time between two requests to one host: ≥ 1 s by default, to be polite.
        public var minInterval: TimeInterval = 1
        public var requestsPerHour = 1200
        /// For marketplaces that closed (Sendo): answers after this date mean "closed".
        public var closedSince: Date?

        public init() {}
    }

    public struct Alerts: Sendable, Hashable {
        public var fireAfter = 2
        public var resolveAfter = 2
        /// How often a firing alert is repeated; `nil` (`off`): never.
        public var reminderInterval: TimeInterval? = 24 * 3600
        public var degradedRatio = 0.5
        public var degradedMinimumChecks = 10
        public var noPassAfter: TimeInterval = 24 * 3600
        public var expiryHorizon: TimeInterval = 90 * 86_400
        public var groupThreshold = 20
        /// Write one digest file per district next to the alert log.
        public var regionDigests = false
        /// Per-kind severity overrides; kinds absent here keep their default severity.
        public var severities: [AlertKind: AlertSeverity] = [:]
        public init() {}
    }

    public struct Daemon: Sendable, Hashable {
        /// Observations are committed in batches of this size (and at least every `flushInterval`).
        public var batchSize = 50
        public var flushInterval: TimeInterval = 2
        public var shutdownGrace: TimeInterval = 20
        /// How long the scheduler sleeps at most between looks at the schedule.
        public var tick: TimeInterval = 10
        public var confirmAfter: TimeInterval = 15 * 60
        /// Checks are grouped into batches of at most this long: one pass in the store, one
        /// event-log record, one update of coverage, alerts, report and metrics.
        public var batchWindow: TimeInterval = 60
        /// New listings (first start, catalog import) get their first check within this time, or
        /// within their marketplace's interval if that is shorter; the request budget paces it.
        public var firstCheckWithin: TimeInterval = 3600
        /// The first retry of a failed check (blocked, unreachable, unparseable); it doubles with
        /// each failure, up to four intervals.
        public var retryBase: TimeInterval = 5 * 60
        /// How long a marketplace that blocks us gets no requests before one probe; it doubles
        /// with each failed probe, up to six hours.
        public var breakerCooldown: TimeInterval = 15 * 60
        public init() {}
    }

    public struct Metrics: Sendable, Hashable {
        /// `host:port` for a Prometheus endpoint (loopback only); `nil` = off.
        public var listen: String?
        /// A node_exporter textfile path; `nil` = off.
        public var textfile: String?
        public init() {}
    }

    static var defaultMarketplaces: [MarketplaceID: Marketplace] {
        var result: [MarketplaceID: Marketplace] = [:]
        for id in MarketplaceID.marketplaces + [.website] {
            result[id] = Marketplace()
        }
        result[.sendo]?.closedSince = ConfigValue.date("2025-04-15")
        return result
    }

    /// The settings for a marketplace, defaults when the file does not mention it.
    public func marketplace(_ id: MarketplaceID) -> Marketplace {
        marketplaces[id] ?? Marketplace()
    }
}
