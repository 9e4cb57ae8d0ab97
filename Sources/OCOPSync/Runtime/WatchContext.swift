import CurlFetch
import FeedAdapter
import Foundation
import Logging
import MarketplaceAdapters
public import OCOPConfig
import OCOPCore
import OCOPStore
import SystemdKit

/// Everything a command needs, built from the configuration: the entry point of the CLI.
///
/// Commands stay thin: they parse arguments and print what a `WatchContext` method returns.
/// Errors thrown from here describe themselves and say what to do next.
public final class WatchContext: Sendable {
    public let configuration: OCOPWatchConfiguration
    let logger: Logger
    let registry: AdapterRegistry

    /// - Parameters:
    ///   - configPath: `--config`, else `$OCOP_WATCH_CONFIG`, else `/etc/ocop-watch/config.yaml`.
    ///   - verbose: Log at debug level.
    ///   - command: The subcommand, as the logger label.
    public convenience init(configPath: String?, verbose: Bool, command: String) throws {
        let loader = ConfigurationLoader()
        let configuration = try loader.load(path: loader.resolvePath(explicit: configPath))
        WatchLogging.bootstrap()
        var logger = Logger(label: "ocop-watch.\(command)")
        logger.logLevel = verbose ? .debug : .info
        self.init(configuration: configuration, logger: logger)
        Self.warnIfReadableByOthers(configuration.sourceFile, logger: logger)
    }

    init(configuration: OCOPWatchConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.registry = AdapterRegistry(watch: configuration)
    }

    /// Creates the folder of `paths.database` when it is missing, with an error that says what to do.
    func prepareStateDirectory() throws {
        let directory = URL(fileURLWithPath: configuration.paths.database).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw WatchError(
                "cannot create the state folder \(directory) (\(error.localizedDescription)); "
                    + "create it or set paths.state_dir to a writable folder"
            )
        }
    }

    /// Opens (creating if needed) the SQLite store named by `paths.database`.
    ///
    /// - Parameter holdingLock: Whether the caller holds the instance lock (`sync`). Any other
    ///   caller (`coverage`, `report`, `alerts`, `catalog import`) takes it to migrate the
    ///   schema, and refuses to while the daemon runs: a migration under a running older binary
    ///   holds the write lock for minutes, and the old binary would write rows the new schema
    ///   does not expect.
    func openStore(holdingLock: Bool = false) throws -> SQLiteStore {
        try prepareStateDirectory()
        let path = configuration.paths.database
        var migrationLock: InstanceLock?
        defer { migrationLock?.release() }
        return try SQLiteStore(path: path) { [logger] (pending) throws(StoreError) in
            if !holdingLock {
                do {
                    migrationLock = try InstanceLock(nextTo: path)
                } catch {
                    throw StoreError(
                        .locked,
                        path: path,
                        message: "the store needs migrating (\(pending.joined(separator: ", "))) to this version of "
                            + "ocop-watch, and another process is using it (\(error))",
                        nextStep: "restart the service so that this version migrates it (systemctl restart "
                            + "ocop-watch), then try again"
                    )
                }
            }
            logger.notice(
                "migrating the store's schema; with a long history this takes a while (about 4 s per million observations)",
                metadata: ["path": "\(path)", "migrations": "\(pending.joined(separator: ", "))"]
            )
        }
    }

    /// Opens the store for a command that only reads it (`coverage`, `alerts`, `report`), which
    /// must not create one: a mistyped `paths.state_dir` would otherwise give an empty store and
    /// a report of 0 %, or "no alert is firing", that an officer could pass on as true.
    func openExistingStore() throws -> SQLiteStore {
        let path = configuration.paths.database
        guard FileManager.default.fileExists(atPath: path) else {
            throw WatchError(
                "no store at \(path): nothing has been imported or checked with this configuration "
                    + "(\(configuration.sourceFile ?? "built-in defaults")). Import the catalog (ocop-watch catalog import "
                    + "FILE…) and run ocop-watch sync --once; if the data is elsewhere, check paths.state_dir "
                    + "(or --config)"
            )
        }
        return try openStore()
    }

    /// A fetch engine configured from `http` and the marketplaces' pacing.
    /// - Parameter checksEachURLOnce: For `sync --once`: validators (ETag, Last-Modified) are
    ///   only of use to a later check of the same URL by the same process, so a process that
    ///   checks each URL once and exits neither keeps them (at 100,000 listings, tens of
    ///   megabytes) nor sends conditional requests.
    func makeEngine(checksEachURLOnce: Bool = false) throws -> FetchEngine {
        var engine = FetchEngine.Configuration(watch: configuration, hosts: registry.hostsByMarketplace)
        if checksEachURLOnce { engine.conditionalRequests = false }
        do {
            return try FetchEngine(configuration: engine)
        } catch {
            throw configurationError(error)
        }
    }

    /// Fails as creating the fetch engine would (an unreadable CA bundle, a missing feed
    /// folder, no operator contact), naming the config key: what `ocop-watch config` checks.
    public func checkFetchSettings() throws {
        do {
            try FetchEngine.Configuration(watch: configuration, hosts: registry.hostsByMarketplace).check()
        } catch {
            throw configurationError(error)
        }
    }

    private func configurationError(_ error: FetchConfigurationError) -> ConfigurationError {
        ConfigurationError(
            source: configuration.sourceFile ?? "(defaults)",
            key: FetchEngine.Configuration.configKey(for: error.field),
            message: error.message
        )
    }

    func makeChecker(engine: FetchEngine) -> ListingChecker {
        let registry = registry
        return ListingChecker(engine: engine) { listing in registry.adapter(for: listing) }
    }

    /// The feed checkers of marketplaces switched to `source: feed`.
    func makeFeeds(engine: FetchEngine) -> [MarketplaceID: (checker: FeedChecker, url: String)] {
        var feeds: [MarketplaceID: (checker: FeedChecker, url: String)] = [:]
        let registry = registry
        for (id, settings) in configuration.marketplaces where settings.enabled && settings.source == .feed {
            guard let url = settings.feedURL else { continue }
            let checker = FeedChecker(
                engine: engine, adapter: registry.feedAdapter, identify: Self.feedItemKey(registry: registry),
                marketplaceOf: Self.feedLinkMarketplace(registry: registry))
            feeds[id] = (checker, url)
        }
        return feeds
    }

    /// The item and variant a listing's marketplace adapter reads from its URL, as feeds are
    /// matched by. A producer's page is its address without the query, and the query (tracking
    /// parameters left out) is its variant: two products of one shop may differ by query only
    /// (OpenCart's `?product_id=42` and `=43`), while a link with a query (`?variant=`) and one
    /// without it may name one page.
    static func feedItemKey(registry: AdapterRegistry) -> @Sendable (Listing) -> FeedChecker.ItemKey? {
        { listing in
            if listing.marketplace == .website {
                let address = Listing.comparableURL(listing.url)
                guard let mark = address.firstIndex(of: "?") else { return FeedChecker.ItemKey(item: address) }
                let query = address[address.index(after: mark)...]
                return FeedChecker.ItemKey(item: String(address[..<mark]), variant: query.isEmpty ? nil : String(query))
            }
            return registry.adapter(for: listing)?.reference(for: listing.url).map {
                FeedChecker.ItemKey(item: $0.itemID, variant: $0.variantID)
            }
        }
    }

    /// The marketplace a feed entry's link is on: one whose adapter claims the host. Any other
    /// host is nobody's here (the website adapter takes every host, so it claims none).
    static func feedLinkMarketplace(registry: AdapterRegistry) -> @Sendable (String) -> MarketplaceID? {
        { url in
            guard let marketplace = registry.adapter(forURL: url)?.marketplace, marketplace != .website else { return nil }
            return marketplace
        }
    }

    /// Listings of enabled marketplaces.
    func checkedListings(_ listings: [Listing]) -> [Listing] {
        listings.filter { checks($0.marketplace) }
    }

    /// Whether listings of `marketplace` are checked: unless its configuration disables it.
    func checks(_ marketplace: MarketplaceID) -> Bool {
        configuration.marketplaces[marketplace]?.enabled ?? true
    }

    /// A config file holding proxy credentials or feed keys must not be world-readable.
    static func warnIfReadableByOthers(_ path: String?, logger: Logger) {
        guard let path, let status = FileStatus(path: path), status.permissions & 0o004 != 0 else { return }
        logger.warning(
            "config file is readable by every user; it may hold proxy credentials or feed keys",
            metadata: ["file": "\(path)", "fix": "chmod o-r \(path)"]
        )
    }
}

/// A failure of a command, already phrased for the operator.
public struct WatchError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
