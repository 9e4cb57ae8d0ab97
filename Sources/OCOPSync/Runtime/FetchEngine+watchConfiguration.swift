import CurlFetch
import Logging
import OCOPConfig
import OCOPCore

extension FetchEngine.Configuration {
    /// The engine settings that follow from the operator's config: global limits from `http`,
    /// per-host pacing from each marketplace's section.
    init(watch configuration: OCOPWatchConfiguration, hosts: [MarketplaceID: Set<String>]) {
        let http = configuration.http
        var overrides: [String: HostPolicy] = [:]
        for (id, settings) in configuration.marketplaces {
            let policy = HostPolicy(
                maxConcurrentRequests: settings.maxConcurrent,
                minimumInterval: .milliseconds(Int64(settings.minInterval * 1000))
            )
            for host in hosts[id] ?? [] { overrides[host] = policy }
        }
        self.init(
            softwareVersion: WatchVersion.current,
            operatorContact: configuration.operatorContact,
            connectTimeout: .milliseconds(Int64(http.connectTimeout * 1000)),
            totalTimeout: .milliseconds(Int64(http.timeout * 1000)),
            maxBodyBytes: http.maxBodyBytes,
            maxRedirects: http.maxRedirects,
            maxConcurrency: http.maxConcurrency,
            hostPolicy: HostPolicy(maxConcurrentRequests: 2, minimumInterval: .seconds(1)),
            hostOverrides: overrides,
            retry: RetryPolicy(
                maxAttempts: http.retries + 1,
                baseDelay: .milliseconds(Int64(http.retryBaseDelay * 1000)),
                maxDelay: .milliseconds(Int64(http.retryMaxDelay * 1000))
            ),
            proxyURL: http.proxy,
            caBundlePath: http.caBundle,
            allowedFileDirectories: http.feedDirectories,
            allowPrivateAddresses: http.allowPrivateAddresses,
            conditionalRequests: http.conditionalRequests,
            obeysRobotsTxt: http.obeyRobotsTxt
        )
    }

    /// The config key behind an engine field, so that an error names what the operator edits
    /// rather than the engine's own name for it.
    static func configKey(for field: String) -> String {
        switch field {
        case "operatorContact": "operator.contact"
        case "caBundlePath": "http.ca_bundle"
        case "allowedFileDirectories": "http.feed_directories"
        case "proxyURL": "http.proxy"
        case "connectTimeout": "http.connect_timeout"
        case "totalTimeout": "http.timeout"
        case "maxBodyBytes": "http.max_body_bytes"
        case "maxRedirects": "http.max_redirects"
        case "maxConcurrency": "http.max_concurrency"
        case _ where field.hasPrefix("retry"): "http.retries"
        case _ where field.hasPrefix("host"): "marketplaces"
        default: field
        }
    }
}
