import Foundation
import OCOPCore

extension OCOPWatchConfiguration {
    /// The effective settings as `config` prints them: every key the file or the environment can
    /// set, one section per line, secrets hidden.
    ///
    /// Every key appears, default or not, so that the output of two servers can be compared line
    /// by line and a setting that did not take is seen at once.
    public var summary: String {
        var lines = [
            "config file: \(sourceFile ?? "(none: defaults)")",
            "database: \(paths.database)",
            "alert log: \(paths.alertLog)",
            "event log: \(paths.eventLog)",
            "report: \(paths.report)",
            "catalog files: \(Self.list(catalog.files.map { FileManager.default.fileExists(atPath: $0) ? $0 : "\($0) (missing)" }))",
            "operator contact: \(operatorContact)",
            "http: " + httpSummary.joined(separator: ", "),
        ]
        for (id, marketplace) in marketplaces.sorted(by: { $0.key < $1.key }) {
            lines.append("marketplace \(id): " + Self.summary(of: marketplace).joined(separator: ", "))
        }
        lines.append("coverage: " + coverageSummary.joined(separator: ", "))
        let a = alerts
        let alertItems = [
            "fire after \(a.fireAfter) checks", "resolve after \(a.resolveAfter)",
            a.reminderInterval.map { "remind every \(Self.duration($0))" } ?? "reminders off",
            "degraded at \(a.degradedRatio * 100) % of ≥ \(a.degradedMinimumChecks) checks",
            "no pass after \(Self.duration(a.noPassAfter))", "expiry horizon \(Self.duration(a.expiryHorizon))",
            "group above \(a.groupThreshold)", "district digests \(a.regionDigests ? "on" : "off")",
            "severities \(Self.list(a.severities.map { "\($0.key.rawValue) \($0.value.rawValue)" }.sorted()))",
        ]
        lines.append("alerts: " + alertItems.joined(separator: ", "))
        let d = daemon
        let daemonItems = [
            "batches of \(d.batchSize)", "flush every \(Self.duration(d.flushInterval))",
            "shutdown grace \(Self.duration(d.shutdownGrace))", "tick \(Self.duration(d.tick))",
            "batch window \(Self.duration(d.batchWindow))", "first check within \(Self.duration(d.firstCheckWithin))",
            "retry from \(Self.duration(d.retryBase))", "breaker cooldown \(Self.duration(d.breakerCooldown))",
            "confirm after \(Self.duration(d.confirmAfter))",
        ]
        lines.append("daemon: " + daemonItems.joined(separator: ", "))
        lines.append("metrics: listen \(metrics.listen ?? "off"), textfile \(metrics.textfile ?? "off")")
        return lines.joined(separator: "\n")
    }

    private var httpSummary: [String] {
        [
            "timeout \(http.timeout) s", "connect \(http.connectTimeout) s", "\(http.maxConcurrency) in flight",
            "bodies ≤ \(Self.bytes(http.maxBodyBytes))", "≤ \(http.maxRedirects) redirects",
            "\(http.retries) retries from \(http.retryBaseDelay) s to \(http.retryMaxDelay) s",
            "conditional requests \(http.conditionalRequests ? "on" : "off")",
            "proxy \(http.proxy.map(ConfigurationLoader.redacted) ?? "none")",
            "CA bundle \(http.caBundle ?? "system")",
            "private addresses \(http.allowPrivateAddresses ? "ALLOWED" : "refused")",
            "robots.txt \(http.obeyRobotsTxt ? "obeyed" : "IGNORED")",
            "feed directories \(Self.list(http.feedDirectories))",
        ]
    }

    private static func summary(of marketplace: Marketplace) -> [String] {
        var items = [
            marketplace.enabled ? "enabled" : "disabled", "source \(marketplace.source.rawValue)",
            "base \(marketplace.baseURL ?? "default")", "API base \(marketplace.apiBaseURL ?? "default")",
        ]
        if let feed = marketplace.feedURL { items.append("feed \(ConfigurationLoader.redacted(feed))") }
        items += [
            "extra hosts \(list(marketplace.allowedHosts))", "every \(duration(marketplace.interval))",
            "\(marketplace.maxConcurrent) at once", "≥ \(marketplace.minInterval) s apart",
            "≤ \(marketplace.requestsPerHour) requests/h",
        ]
        if let closed = marketplace.closedSince { items.append("closed since \(day(closed))") }
        return items
    }

    private var coverageSummary: [String] {
        let rules = coverage
        let windows = rules.windows.sorted { $0.key < $1.key }.map { id, window in
            "\(id) "
                + [window.from.map { "from \(Self.day($0))" }, window.until.map { "until \(Self.day($0))" }]
                .compactMap { $0 }.joined(separator: " ")
        }
        return [
            "online = \(rules.onlineStatuses.map(\.rawValue).sorted().joined(separator: " | "))",
            "stale after \(Self.duration(rules.staleAfter))",
            "target \(rules.productTarget) % of products, \(rules.producerTarget) % of producers",
            "marketplaces \(rules.marketplaces.map { Self.list($0.map(\.rawValue).sorted()) } ?? "all")",
            "seller relations \(rules.sellerRelations.map { Self.list($0.map(\.rawValue).sorted()) } ?? "any")",
            "certificates \(rules.certificateStatuses.map(\.rawValue).sorted().joined(separator: " | "))",
            "channel windows \(Self.list(windows))",
        ]
    }

    /// `7 d`, `36 h`, `15 min` or `90 s`: the largest unit that states the span exactly.
    static func duration(_ interval: TimeInterval) -> String {
        let seconds = Int(interval.rounded())
        for (unit, size) in [("d", 86_400), ("h", 3600), ("min", 60)] where seconds >= size && seconds % size == 0 {
            return "\(seconds / size) \(unit)"
        }
        return "\(seconds) s"
    }

    private static func bytes(_ count: Int) -> String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where count % size == 0 {
            return "\(count / size) \(unit)"
        }
        return "\(count) B"
    }

    private static func list(_ items: [String]) -> String {
        items.isEmpty ? "(none)" : items.joined(separator: " | ")
    }

    /// Config dates are Vietnamese calendar days.
    private static func day(_ date: Date) -> String {
        TimeZone(secondsFromGMT: 7 * 3600)!.civilDate(of: date)
    }
}
