public import Foundation
import OCOPCore
import Yams

/// Builds an ``OCOPWatchConfiguration`` from a YAML file and the environment.
///
/// Precedence: `OCOP_WATCH__SECTION__KEY` variables, then the file, then defaults. systemd's
/// `STATE_DIRECTORY`/`LOGS_DIRECTORY` replace the default folders, so a unit needs no paths.
/// Relative paths are resolved against the config file's folder, so a checkout runs without root.
public struct ConfigurationLoader: Sendable {
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The variable that selects the config file when `--config` is not given.
    public static let fileVariable = "OCOP_WATCH_CONFIG"
    /// The prefix of per-key overrides: `OCOP_WATCH__HTTP__PROXY` sets `http.proxy`.
    public static let overridePrefix = "OCOP_WATCH__"

    /// Which file to read: the explicit path, else `$OCOP_WATCH_CONFIG`, else the packaged location
    /// if it exists, else none (defaults only).
    public func resolvePath(explicit: String?) -> String? {
        if let explicit { return explicit }
        if let variable = environment[Self.fileVariable], !variable.isEmpty { return variable }
        return FileManager.default.fileExists(atPath: packagedPath) ? packagedPath : nil
    }

    /// Where a packaged install keeps the config: systemd's `$CONFIGURATION_DIRECTORY`, else
    /// `/etc/ocop-watch`.
    public var packagedPath: String {
        "\(environment["CONFIGURATION_DIRECTORY"] ?? "/etc/ocop-watch")/config.yaml"
    }

    public func load(path: String?) throws(ConfigurationError) -> OCOPWatchConfiguration {
        guard let path else { return try parse(yaml: "", source: "(defaults)", baseDirectory: nil) }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(
                source: path,
                key: "",
                message: "cannot read the config file (\(FileAccessProblem.explain(path, writing: false, error: error))); "
                    + "check the path and its permissions"
            )
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var configuration = try parse(yaml: text, source: path, baseDirectory: directory)
        configuration.sourceFile = path
        return configuration
    }

    /// Where and what a YAML error is, in words that quote none of the file: Yams' own text
    /// copies the lines around the fault, and the config may hold a proxy password, which must
    /// reach neither the terminal nor the journal nor the event log.
    static func describe(yamlError error: any Error, in yaml: String) -> (line: Int?, problem: String) {
        guard let error = error as? YamlError else { return (nil, "cannot be read") }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let opened = context.map { ", \($0.text) at line \($0.mark.line)" } ?? ""
            return (mark.line, "\(problem) (column \(mark.column)\(opened))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            let line = secondUse(of: duplicates.sorted().first ?? "", inMappingAt: context.mark.line, of: yaml)
            return (line ?? context.mark.line, "\(names) appears twice in one section; merge the two into one")
        case .reader(let problem, _, _, _):
            return (nil, "\(problem); save the file as UTF-8")
        default:
            return (nil, "cannot be read")
        }
    }

    /// The line of `key`'s second use in the block mapping that begins at line `start`: Yams
    /// names the mapping, not the repeated key, and the same key may rightly appear in other
    /// sections (`interval` under each marketplace).
    static func secondUse(of key: String, inMappingAt start: Int, of yaml: String) -> Int? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard start >= 1, start <= lines.count else { return nil }
        var indent: Int?
        var seen = false
        for number in start...lines.count {
            let text = lines[number - 1]
            let body = text.drop { $0 == " " }
            guard !body.isEmpty, !body.hasPrefix("#") else { continue }
            let depth = text.count - body.count
            if let indent, depth < indent { break }
            indent = indent ?? depth
            guard depth == indent, body.hasPrefix(key), body.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":")
            else { continue }
            if seen { return number }
            seen = true
        }
        return nil
    }

    /// Parses YAML text; `baseDirectory` anchors relative paths.
    public func parse(yaml: String, source: String, baseDirectory: String?) throws(ConfigurationError)
        -> OCOPWatchConfiguration
    {
        let root: Node?
        do {
            // The reader takes every value as text (`ConfigNodeReader`), so no tag is resolved:
            // Yams' default resolver compiles and runs seven regular expressions, about 3 ms of
            // every command's start-up (docs/0012, thirteenth round).
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            let (line, problem) = Self.describe(yamlError: error, in: yaml)
            throw ConfigurationError(source: source, line: line, key: "", message: "not valid YAML: \(problem)")
        }
        let context = ConfigNodeReader.Context(source: source, environment: overrides())
        let reader = ConfigNodeReader(node: root, path: "", context: context)
        var configuration = OCOPWatchConfiguration()
        let base = baseDirectory ?? FileManager.default.currentDirectoryPath
        try readPaths(reader.section("paths"), into: &configuration, base: base)
        configuration.catalog.files = try (reader.section("catalog").strings("files") ?? []).map {
            Self.absolute($0, base: base)
        }
        try reader.section("catalog").rejectUnknownKeys()
        let operatorSection = try reader.section("operator")
        configuration.operatorContact = try operatorSection.string("contact", default: configuration.operatorContact)
        try operatorSection.rejectUnknownKeys()
        try readHTTP(reader.section("http"), into: &configuration.http, base: base)
        try readMarketplaces(reader.section("marketplaces"), into: &configuration)
        try readCoverage(reader.section("coverage"), into: &configuration.coverage)
        try readAlerts(reader.section("alerts"), into: &configuration.alerts)
        try readDaemon(reader.section("daemon"), into: &configuration.daemon)
        let metrics = try reader.section("metrics")
        configuration.metrics.listen = try metrics.string("listen")
        configuration.metrics.textfile = try metrics.string("textfile").map { Self.absolute($0, base: base) }
        try metrics.rejectUnknownKeys()
        if let listen = configuration.metrics.listen, !Self.isLoopbackListen(listen) {
            throw metrics.error("listen", "'\(listen)' must be a loopback address such as 127.0.0.1:9464")
        }
        try reader.rejectUnknownKeys()
        for (key, variable) in context.environmentKeys where !context.consumed.contains(key) {
            throw ConfigurationError(
                source: "environment variable \(variable)",
                key: key,
                message: "unknown key; unset the variable or fix its name"
            )
        }
        return configuration
    }

    private func overrides() -> [String: (variable: String, value: String)] {
        var result: [String: (variable: String, value: String)] = [:]
        for (name, value) in environment where name.hasPrefix(Self.overridePrefix) {
            let path = name.dropFirst(Self.overridePrefix.count)
                .components(separatedBy: "__")
                .map { $0.lowercased() }
                .joined(separator: ".")
            result[path] = (name, value)
        }
        return result
    }

    private func readPaths(
        _ section: ConfigNodeReader,
        into configuration: inout OCOPWatchConfiguration,
        base: String
    ) throws(ConfigurationError) {
        let state = Self.absolute(
            try section.string("state_dir") ?? environment["STATE_DIRECTORY"] ?? configuration.paths.stateDirectory,
            base: base
        )
        let logs = Self.absolute(
            try section.string("logs_dir") ?? environment["LOGS_DIRECTORY"] ?? configuration.paths.logsDirectory,
            base: base
        )
        configuration.paths.stateDirectory = state
        configuration.paths.logsDirectory = logs
        configuration.paths.database = Self.absolute(try section.string("database", default: "ocop-watch.sqlite"), base: state)
        configuration.paths.alertLog = Self.absolute(try section.string("alert_log", default: "alerts.jsonl"), base: logs)
        configuration.paths.eventLog = Self.absolute(try section.string("event_log", default: "events.jsonl"), base: logs)
        configuration.paths.report = Self.absolute(try section.string("report", default: "report.html"), base: state)
        try section.rejectUnknownKeys()
    }

    private func readHTTP(
        _ section: ConfigNodeReader,
        into http: inout OCOPWatchConfiguration.HTTP,
        base: String
    ) throws(ConfigurationError) {
        http.connectTimeout = try section.duration("connect_timeout", default: http.connectTimeout, range: 0.1...300)
        http.timeout = try section.duration("timeout", default: http.timeout, range: 0.1...3600)
        http.maxBodyBytes = try section.byteCount("max_body_bytes", default: http.maxBodyBytes, range: 1024...(1 << 30))
        http.maxRedirects = try section.int("max_redirects", default: http.maxRedirects, range: 0...20)
        http.maxConcurrency = try section.int("max_concurrency", default: http.maxConcurrency, range: 1...1024)
        http.retries = try section.int("retries", default: http.retries, range: 0...10)
        http.retryBaseDelay = try section.duration("retry_base_delay", default: http.retryBaseDelay, range: 0...600)
        http.retryMaxDelay = try section.duration("retry_max_delay", default: http.retryMaxDelay, range: 0...3600)
        http.proxy = try section.string("proxy")
        http.caBundle = try section.string("ca_bundle").map { Self.absolute($0, base: base) }
        http.allowPrivateAddresses = try section.bool("allow_private_addresses", default: http.allowPrivateAddresses)
        http.feedDirectories = try (section.strings("feed_directories") ?? []).map { Self.absolute($0, base: base) }
        http.conditionalRequests = try section.bool("conditional_requests", default: http.conditionalRequests)
        http.obeyRobotsTxt = try section.bool("obey_robots_txt", default: http.obeyRobotsTxt)
        if let proxy = http.proxy, URL(string: proxy)?.host == nil {
            throw section.error("proxy", "'\(Self.redacted(proxy))' is not a URL such as http://proxy.local:3128")
        }
        try section.rejectUnknownKeys()
    }

    private func readMarketplaces(
        _ section: ConfigNodeReader,
        into configuration: inout OCOPWatchConfiguration
    ) throws(ConfigurationError) {
        let known = Set((MarketplaceID.marketplaces + [.website]).map(\.rawValue))
        for name in try Self.memberNames(
            section, path: "marketplaces", noun: "marketplace", example: "MARKETPLACES__TIKI__ENABLED")
        {
            guard known.contains(name) else {
                throw Self.unknownMember(
                    section, path: "marketplaces", name: name,
                    message: "unknown marketplace; use one of \(known.sorted().joined(separator: ", "))")
            }
            let id = MarketplaceID(name)
            let reader = try section.section(name)
            var settings = configuration.marketplace(id)
            settings.enabled = try reader.bool("enabled", default: settings.enabled)
            if let source = try reader.string("source") {
                guard let value = OCOPWatchConfiguration.Marketplace.Source(rawValue: source) else {
                    throw reader.error("source", "'\(source)' is not 'page' or 'feed'")
                }
                settings.source = value
            }
            settings.baseURL = try Self.url(reader, "base_url") ?? settings.baseURL
            settings.apiBaseURL = try Self.url(reader, "api_base_url") ?? settings.apiBaseURL
            settings.feedURL = try reader.string("feed_url") ?? settings.feedURL
            settings.allowedHosts = try reader.strings("allowed_hosts") ?? settings.allowedHosts
            settings.interval = try reader.duration("interval", default: settings.interval, range: 60...(30 * 86_400))
            settings.maxConcurrent = try reader.int("max_concurrent", default: settings.maxConcurrent, range: 1...256)
            settings.minInterval = try reader.duration("min_interval", default: settings.minInterval, range: 0...3600)
            settings.requestsPerHour = try reader.int(
                "requests_per_hour",
                default: settings.requestsPerHour,
                range: 1...10_000_000
            )
            settings.closedSince = try reader.date("closed_since") ?? settings.closedSince
            if settings.source == .feed, settings.feedURL == nil {
                throw reader.error("feed_url", "is required when source is 'feed'")
            }
            try reader.rejectUnknownKeys()
            configuration.marketplaces[id] = settings
        }
    }

    private func readCoverage(_ section: ConfigNodeReader, into rules: inout CoverageRules) throws(ConfigurationError) {
        if let statuses = try section.choices(
            "online_statuses",
            allowed: Set(ListingStatus.allCases.filter(\.isConclusive).map(\.rawValue))
        ) {
            rules.onlineStatuses = Set(statuses.compactMap(ListingStatus.init(rawValue:)))
        }
        rules.staleAfter = try section.duration("stale_after", default: rules.staleAfter, range: 60...(365 * 86_400))
        if let relations = try section.choices(
            "seller_relations",
            allowed: Set(SellerRelation.allCases.map(\.rawValue) + ["any"])
        ) {
            rules.sellerRelations = relations.contains("any") ? nil : Set(relations.compactMap(SellerRelation.init))
        }
        if let statuses = try section.choices(
            "certificate_statuses",
            allowed: Set(CertificateStatus.allCases.map(\.rawValue))
        ) {
            rules.certificateStatuses = Set(statuses.compactMap(CertificateStatus.init))
        }
        let platforms = Set(MarketplaceID.platforms.map(\.rawValue))
        if let marketplaces = try section.choices("marketplaces", allowed: platforms.union(["all"])) {
            rules.marketplaces = marketplaces.contains("all") ? nil : Set(marketplaces.map { MarketplaceID($0) })
        }
        rules.productTarget = try section.double("product_target", default: rules.productTarget, range: 0...100)
        rules.producerTarget = try section.double("producer_target", default: rules.producerTarget, range: 0...100)
        let channels = try section.section("channels")
        let path = "coverage.channels"
        for name in try Self.memberNames(
            channels, path: path, noun: "platform", example: "COVERAGE__CHANNELS__SENDO__UNTIL")
        {
            guard platforms.contains(name) else {
                throw Self.unknownMember(
                    channels, path: path, name: name,
                    message: "unknown platform; use one of \(platforms.sorted().joined(separator: ", "))")
            }
            let window = try channels.section(name)
            rules.windows[MarketplaceID(name)] = ChannelWindow(from: try window.date("from"), until: try window.date("until"))
            try window.rejectUnknownKeys()
        }
        try section.rejectUnknownKeys()
    }

    /// The members of a section of named entries (`marketplaces`, `coverage.channels`,
    /// `alerts.severities`): those in the file and those an environment variable names, which the
    /// file need not mention.
    ///
    /// - Parameter entriesAreSections: Whether each entry holds keys (`marketplaces.tiki.enabled`)
    ///   rather than one value (`alerts.severities.listing_out_of_stock`).
    private static func memberNames(
        _ section: ConfigNodeReader,
        path: String,
        noun: String,
        example: String,
        entriesAreSections: Bool = true
    ) throws(ConfigurationError) -> [String] {
        var names = Set(try section.keys())
        let depth = path.split(separator: ".").count
        for (key, variable) in section.context.environmentKeys where key.hasPrefix(path + ".") {
            let parts = key.split(separator: ".", omittingEmptySubsequences: false).dropFirst(depth)
            guard parts.count == (entriesAreSections ? 2 : 1), parts.allSatisfy({ !$0.isEmpty }) else {
                throw ConfigurationError(
                    source: "environment variable \(variable)", key: key,
                    message: "name a \(noun)\(entriesAreSections ? " and a key" : ""), e.g. OCOP_WATCH__\(example)")
            }
            names.insert(String(parts.first!))
        }
        return names.sorted()
    }

    /// The error for an entry the file or an environment variable names but no one knows.
    private static func unknownMember(
        _ section: ConfigNodeReader,
        path: String,
        name: String,
        message: String
    ) -> ConfigurationError {
        let inFile = (try? section.keys())?.contains(name) ?? false
        let entry = "\(path).\(name)"
        if !inFile,
            let variable = section.context.environmentKeys.first(where: { $0.key == entry || $0.key.hasPrefix(entry + ".") })?
                .value
        {
            return ConfigurationError(source: "environment variable \(variable)", key: "\(path).\(name)", message: message)
        }
        return section.error(name, message)
    }

    private func readAlerts(
        _ section: ConfigNodeReader,
        into alerts: inout OCOPWatchConfiguration.Alerts
    ) throws(ConfigurationError) {
        alerts.fireAfter = try section.int("fire_after", default: alerts.fireAfter, range: 1...100)
        alerts.resolveAfter = try section.int("resolve_after", default: alerts.resolveAfter, range: 1...100)
        alerts.reminderInterval = try section.duration("reminder_interval", orOff: alerts.reminderInterval)
        alerts.degradedRatio = try section.double("degraded_ratio", default: alerts.degradedRatio, range: 0...1)
        alerts.degradedMinimumChecks = try section.int(
            "degraded_minimum_checks",
            default: alerts.degradedMinimumChecks,
            range: 1...1_000_000
        )
        alerts.noPassAfter = try section.duration("no_pass_after", default: alerts.noPassAfter)
        alerts.expiryHorizon = try section.duration("expiry_horizon", default: alerts.expiryHorizon)
        alerts.groupThreshold = try section.int("group_threshold", default: alerts.groupThreshold, range: 1...100_000)
        alerts.regionDigests = try section.bool("region_digests", default: alerts.regionDigests)
        let severities = try section.section("severities")
        let names = try Self.memberNames(
            severities, path: "alerts.severities", noun: "alert kind",
            example: "ALERTS__SEVERITIES__LISTING_OUT_OF_STOCK=warning", entriesAreSections: false)
        for name in names {
            guard let kind = AlertKind(rawValue: name) else {
                let kinds = AlertKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw Self.unknownMember(
                    severities, path: "alerts.severities", name: name, message: "unknown alert kind; use one of \(kinds)")
            }
            let text = try severities.string(name) ?? ""
            guard let severity = AlertSeverity(rawValue: text) else {
                let levels = AlertSeverity.allCases.map(\.rawValue).joined(separator: ", ")
                throw severities.error(name, "'\(text)' is not a severity; use one of \(levels)")
            }
            alerts.severities[kind] = severity
        }
        try section.rejectUnknownKeys()
    }

    private func readDaemon(
        _ section: ConfigNodeReader,
        into daemon: inout OCOPWatchConfiguration.Daemon
    ) throws(ConfigurationError) {
        daemon.batchSize = try section.int("batch_size", default: daemon.batchSize, range: 1...100_000)
        daemon.flushInterval = try section.duration("flush_interval", default: daemon.flushInterval, range: 0.01...600)
        daemon.shutdownGrace = try section.duration("shutdown_grace", default: daemon.shutdownGrace, range: 0...600)
        daemon.tick = try section.duration("tick", default: daemon.tick, range: 0.01...3600)
        daemon.confirmAfter = try section.duration("confirm_after", default: daemon.confirmAfter, range: 0...86_400)
        daemon.batchWindow = try section.duration("batch_window", default: daemon.batchWindow, range: 0.1...3600)
        daemon.firstCheckWithin = try section.duration(
            "first_check_within",
            default: daemon.firstCheckWithin,
            range: 1...(30 * 86_400)
        )
        daemon.retryBase = try section.duration("retry_base", default: daemon.retryBase, range: 1...86_400)
        daemon.breakerCooldown = try section.duration(
            "breaker_cooldown",
            default: daemon.breakerCooldown,
            range: 1...(6 * 3600)
        )
        try section.rejectUnknownKeys()
    }

    private static func url(_ reader: ConfigNodeReader, _ key: String) throws(ConfigurationError) -> String? {
        guard let text = try reader.string(key) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil
        else {
            throw reader.error(key, "'\(text)' is not an http(s) URL such as https://tiki.vn")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    static func absolute(_ path: String, base: String) -> String {
        if path.hasPrefix("/") || path.hasPrefix("file://") { return path }
        return URL(fileURLWithPath: base).appendingPathComponent(path).standardizedFileURL.path
    }

    static func isLoopbackListen(_ text: String) -> Bool {
        guard let colon = text.lastIndex(of: ":"), Int(text[text.index(after: colon)...]) != nil else { return false }
        let host = text[..<colon]
        return host == "localhost" || host.hasPrefix("127.") || host == "[::1]"
    }

    /// Hides the credentials of a URL such as `http://user:secret@proxy:3128`.
    public static func redacted(_ url: String) -> String {
        guard let at = url.lastIndex(of: "@") else { return url }
        let prefix = url.range(of: "://").map { String(url[..<$0.upperBound]) } ?? ""
        return prefix + "***@" + url[url.index(after: at)...]
    }

}
