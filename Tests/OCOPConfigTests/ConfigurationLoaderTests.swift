import Foundation
import OCOPConfig
import OCOPCore
import Testing

@Suite struct ConfigurationLoaderTests {
    let loader = ConfigurationLoader(environment: [:])

    func parse(_ yaml: String, environment: [String: String] = [:]) throws(ConfigurationError) -> OCOPWatchConfiguration {
        try ConfigurationLoader(environment: environment).parse(yaml: yaml, source: "test.yaml", baseDirectory: "/srv/ow")
    }

    func failure(_ yaml: String, environment: [String: String] = [:]) -> String? {
        do {
            _ = try parse(yaml, environment: environment)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func sizesAndSpansTooLargeToHoldAreErrorsNotCrashes() {
        #expect(failure("http:\n  max_body_bytes: 99999999999GiB\n")?.hasPrefix("test.yaml:2: http.max_body_bytes") == true)
        #expect(failure("http:\n  timeout: 1e308w\n")?.hasPrefix("test.yaml:2: http.timeout") == true)
    }

    @Test func aSectionReplacedByAVariableIsTheVariablesFault() {
        #expect(
            failure("http:\n  timeout: 5s\n", environment: ["OCOP_WATCH__HTTP": "abc"])
                == "environment variable OCOP_WATCH__HTTP: http: expected a mapping of keys to values"
        )
    }

    @Test func coverageNamesOnlyPlatformsACatalogCanHold() throws {
        #expect(
            failure("coverage:\n  marketplaces: [tikki, shopee]\n")?.hasPrefix(
                "test.yaml:2: coverage.marketplaces: 'tikki' is not one of") == true)
        #expect(
            failure("coverage:\n  channels:\n    lazzada: {until: 2024-01-01}\n")?.hasPrefix(
                "test.yaml:3: coverage.channels.lazzada: unknown platform") == true)
        let configuration = try parse("coverage:\n  marketplaces: [tiki, postmart]\n  channels:\n    voso: {until: 2024-01-01}\n")
        #expect(configuration.coverage.marketplaces == [.tiki, "postmart"])
    }

    @Test func emptyFileGivesDefaults() throws {
        let configuration = try parse("")
        #expect(configuration.http.timeout == 30)
        #expect(configuration.http.allowPrivateAddresses == false)
        #expect(configuration.coverage.onlineStatuses == [.active, .outOfStock])
        #expect(configuration.marketplace(.tiki).minInterval >= 1)
        #expect(configuration.marketplace(.sendo).closedSince != nil)
        #expect(configuration.paths.database == "/var/lib/ocop-watch/ocop-watch.sqlite")
    }

    /// Values are read as their text, whatever YAML would make of them: a plain empty value or
    /// `~` means "not set", while quoted text and YAML 1.1's words stay what the key expects.
    @Test func valuesAreReadAsTheirText() throws {
        let configuration = try parse(
            """
            http:
              proxy: ~
              timeout:
              allow_private_addresses: yes
              conditional_requests: Off
            operator:
              contact: 'null'
            daemon:
              batch_size: 0250
            """
        )
        #expect(configuration.http.proxy == nil)
        #expect(configuration.http.timeout == 30)
        #expect(configuration.http.allowPrivateAddresses)
        #expect(configuration.http.conditionalRequests == false)
        #expect(configuration.operatorContact == "null")
        #expect(configuration.daemon.batchSize == 250)
        #expect(failure("operator:\n  contact: [a, b]\n")?.contains("expected a single value") == true)
    }

    @Test func exampleFileParsesToTheDefaults() throws {
        let example = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/ocop-watch.example.yaml")
        let fromFile = try loader.load(path: example.path)
        let defaults = try parse("")
        #expect(fromFile.http == defaults.http)
        #expect(fromFile.alerts == defaults.alerts)
        #expect(fromFile.daemon == defaults.daemon)
        #expect(fromFile.coverage == defaults.coverage)
        #expect(fromFile.marketplaces == defaults.marketplaces)
        #expect(fromFile.paths == defaults.paths)
    }

    @Test func unknownKeyNamesKeyAndLine() {
        let message = failure("http:\n  timeout: 5s\n  timout: 9s\n")
        #expect(message == "test.yaml:3: http.timout: unknown key; did you mean timeout?")
        let far = failure("paths:\n  folder: x\n")
        #expect(far?.hasPrefix("test.yaml:2: paths.folder: unknown key; the keys here are ") == true, "\(far ?? "")")
        #expect(far?.contains("state_dir") == true)
        #expect(failure("paths:\n  stat_dir: x\n") == "test.yaml:2: paths.stat_dir: unknown key; did you mean state_dir?")
    }

    @Test func unknownSectionIsAnError() {
        #expect(failure("htp:\n  timeout: 5s\n")?.hasPrefix("test.yaml:1: htp: unknown key") == true)
    }

    @Test func wrongTypesNameTheKey() {
        #expect(
            failure("http:\n  timeout: soon\n")
                == "test.yaml:2: http.timeout: expected a duration such as 30s, 5m, 6h or 7d, found 'soon'"
        )
        #expect(failure("http:\n  retries: three\n") == "test.yaml:2: http.retries: expected a whole number, found 'three'")
        #expect(
            failure("http:\n  allow_private_addresses: maybe\n")
                == "test.yaml:2: http.allow_private_addresses: expected true or false, found 'maybe'"
        )
        #expect(failure("http:\n  timeout: [1, 2]\n")?.contains("expected a single value") == true)
    }

    @Test func outOfRangeValues() {
        #expect(failure("http:\n  retries: 50\n") == "test.yaml:2: http.retries: 50 is out of range 0…10")
        #expect(
            failure("http:\n  connect_timeout: 0s\n") == "test.yaml:2: http.connect_timeout: '0s' is out of range 0.1s…5m")
        #expect(
            failure("coverage:\n  stale_after: 30s\n") == "test.yaml:2: coverage.stale_after: '30s' is out of range 1m…365d")
        #expect(failure("coverage:\n  product_target: 120\n")?.contains("coverage.product_target") == true)
        #expect(failure("marketplaces:\n  tiki:\n    interval: 5s\n")?.contains("marketplaces.tiki.interval") == true)
    }

    @Test func badVocabulary() {
        #expect(failure("coverage:\n  online_statuses: [active, blocked]\n")?.contains("'blocked' is not one of") == true)
        #expect(failure("marketplaces:\n  amazon: {}\n")?.contains("marketplaces.amazon: unknown marketplace") == true)
        #expect(failure("marketplaces:\n  shopee:\n    source: feed\n")?.contains("feed_url: is required") == true)
        #expect(failure("metrics:\n  listen: 0.0.0.0:9464\n")?.contains("must be a loopback address") == true)
        #expect(failure("marketplaces:\n  tiki:\n    base_url: ftp://x\n")?.contains("is not an http(s) URL") == true)
    }

    @Test func invalidYAMLIsReported() {
        #expect(failure("http: [\n")?.hasPrefix("test.yaml:2: not valid YAML: did not find expected node content") == true)
    }

    /// Yams' own messages copy the lines around the fault: a proxy password in them would reach
    /// the terminal, the journal and the event log.
    @Test func aYAMLErrorNamesTheLineAndQuotesNothingOfTheFile() throws {
        let proxy = "http:\n  proxy: http://officer:s3cretPW@10.0.0.1:3128\n"
        let duplicate = try #require(failure(proxy + "http:\n  timeout: 5s\n"))
        #expect(duplicate == "test.yaml:3: not valid YAML: 'http' appears twice in one section; merge the two into one")
        let unclosed = try #require(failure("http:\n  proxy: [http://officer:s3cretPW@10.0.0.1:3128\n"))
        #expect(unclosed.hasPrefix("test.yaml:3: not valid YAML: did not find expected ',' or ']'"), "\(unclosed)")
        // The same key in other sections is no repetition: the line is the one inside the section.
        let sections = "marketplaces:\n  tiki:\n    interval: 6h\n  shopee:\n    interval: 4h\n    interval: 2h\n"
        #expect(failure(sections)?.hasPrefix("test.yaml:6: not valid YAML: 'interval' appears twice") == true)
        for message in [duplicate, unclosed] {
            #expect(!message.contains("s3cretPW"), "\(message)")
        }
    }

    @Test func environmentOverridesTheFile() throws {
        let configuration = try parse(
            "http:\n  timeout: 5s\n",
            environment: [
                "OCOP_WATCH__HTTP__TIMEOUT": "7s",
                "OCOP_WATCH__MARKETPLACES__TIKI__BASE_URL": "http://127.0.0.1:9000/",
                "OCOP_WATCH__COVERAGE__SELLER_RELATIONS": "own_shop",
            ]
        )
        #expect(configuration.http.timeout == 7)
        #expect(configuration.marketplace(.tiki).baseURL == "http://127.0.0.1:9000")
        #expect(configuration.coverage.sellerRelations == [.ownShop])
    }

    @Test func unknownEnvironmentKeyIsNamed() {
        let message = failure("", environment: ["OCOP_WATCH__HTTP__TIMEUOT": "7s"])
        #expect(message == "environment variable OCOP_WATCH__HTTP__TIMEUOT: http.timeuot: unknown key; unset the variable or fix its name")
        #expect(
            failure("", environment: ["OCOP_WATCH__HTTP__RETRIES": "x"])
                == "environment variable OCOP_WATCH__HTTP__RETRIES: http.retries: expected a whole number, found 'x'"
        )
    }

    /// A value refused after it was read (a whole-list check, a cross-key rule) is reported on its
    /// own line, not on the first line of its section.
    @Test func lateErrorsNameTheKeysOwnLine() {
        #expect(
            failure("coverage:\n  stale_after: 3d\n  product_target: 90\n  online_statuses: [active, blocked]\n")
                == "test.yaml:4: coverage.online_statuses: 'blocked' is not one of active, delisted, out_of_stock")
        #expect(
            failure("metrics:\n  textfile: m.prom\n  listen: 0.0.0.0:9464\n")
                == "test.yaml:3: metrics.listen: '0.0.0.0:9464' must be a loopback address such as 127.0.0.1:9464")
        #expect(
            failure("http:\n  timeout: 5s\n  proxy: \"x y\"\n")
                == "test.yaml:3: http.proxy: 'x y' is not a URL such as http://proxy.local:3128")
    }

    @Test func environmentMarketplaceOverridesAreCheckedAgainstTheVariable() {
        #expect(
            failure("", environment: ["OCOP_WATCH__MARKETPLACES__": "x"])
                == "environment variable OCOP_WATCH__MARKETPLACES__: marketplaces.: name a marketplace and a key, "
                + "e.g. OCOP_WATCH__MARKETPLACES__TIKI__ENABLED"
        )
        #expect(
            failure("", environment: ["OCOP_WATCH__MARKETPLACES__TIKI": "x"])
                == "environment variable OCOP_WATCH__MARKETPLACES__TIKI: marketplaces.tiki: name a marketplace and a "
                + "key, e.g. OCOP_WATCH__MARKETPLACES__TIKI__ENABLED"
        )
        #expect(
            failure("", environment: ["OCOP_WATCH__MARKETPLACES__FOO__ENABLED": "true"])
                == "environment variable OCOP_WATCH__MARKETPLACES__FOO__ENABLED: marketplaces.foo: unknown marketplace; "
                + "use one of lazada, sendo, shopee, tiki, tiktok_shop, website"
        )
    }

    /// A variable may set a channel window the file does not mention, as it may a marketplace.
    @Test func environmentChannelWindowsNeedNoEntryInTheFile() throws {
        let configuration = try parse("", environment: ["OCOP_WATCH__COVERAGE__CHANNELS__SENDO__UNTIL": "2030-01-01"])
        #expect(configuration.coverage.windows[.sendo]?.until == ConfigValue.date("2030-01-01"))
        #expect(configuration.summary.contains("channel windows sendo until 2030-01-01"))
        #expect(
            failure("", environment: ["OCOP_WATCH__COVERAGE__CHANNELS__SENDOX__UNTIL": "2030-01-01"])
                == "environment variable OCOP_WATCH__COVERAGE__CHANNELS__SENDOX__UNTIL: coverage.channels.sendox: "
                + "unknown platform; use one of lazada, other, postmart, sendo, shopee, tiki, tiktok_shop, voso, website"
        )
        #expect(
            failure("", environment: ["OCOP_WATCH__COVERAGE__CHANNELS__SENDO": "x"])
                == "environment variable OCOP_WATCH__COVERAGE__CHANNELS__SENDO: coverage.channels.sendo: name a "
                + "platform and a key, e.g. OCOP_WATCH__COVERAGE__CHANNELS__SENDO__UNTIL"
        )
    }

    @Test func remindersCanBeSwitchedOffAndSeveritiesOverridden() throws {
        let configuration = try parse(
            "alerts:\n  reminder_interval: off\n  severities:\n    listing_out_of_stock: warning\n")
        #expect(configuration.alerts.reminderInterval == nil)
        #expect(configuration.alerts.severities == [.listingOutOfStock: .warning])
        #expect(configuration.summary.contains("reminders off"))
        #expect(configuration.summary.contains("severities listing_out_of_stock warning"))
        #expect(try parse("alerts:\n  reminder_interval: 12h\n").alerts.reminderInterval == 12 * 3600)
        let fromEnvironment = try parse("", environment: ["OCOP_WATCH__ALERTS__SEVERITIES__LISTING_DELISTED": "critical"])
        #expect(fromEnvironment.alerts.severities == [.listingDelisted: .critical])
        #expect(
            failure("alerts:\n  severities:\n    listing_gone: warning\n")?.hasPrefix(
                "test.yaml:3: alerts.severities.listing_gone: unknown alert kind; use one of coverage_below_target") == true)
        #expect(
            failure("alerts:\n  severities:\n    listing_delisted: loud\n")
                == "test.yaml:3: alerts.severities.listing_delisted: 'loud' is not a severity; use one of info, warning, critical"
        )
    }

    /// `config` prints the effective settings: a setting it left out could differ between two
    /// servers, or fail to take, without anyone seeing it.
    @Test func theSummaryShowsEverySetting() {
        let changes: [(String, (inout OCOPWatchConfiguration) -> Void)] = [
            ("http.max_body_bytes", { $0.http.maxBodyBytes = 1 << 20 }),
            ("http.max_redirects", { $0.http.maxRedirects = 2 }),
            ("http.retry_base_delay", { $0.http.retryBaseDelay = 3 }),
            ("http.retry_max_delay", { $0.http.retryMaxDelay = 9 }),
            ("http.ca_bundle", { $0.http.caBundle = "/etc/ssl/x.pem" }),
            ("http.feed_directories", { $0.http.feedDirectories = ["/srv/feeds"] }),
            ("http.conditional_requests", { $0.http.conditionalRequests = false }),
            ("marketplaces.tiki.api_base_url", { $0.marketplaces[.tiki]?.apiBaseURL = "http://127.0.0.1:1" }),
            ("marketplaces.tiki.feed_url", { $0.marketplaces[.tiki]?.feedURL = "file:///srv/feeds/tiki.json" }),
            ("marketplaces.tiki.allowed_hosts", { $0.marketplaces[.tiki]?.allowedHosts = ["cdn.tiki.vn"] }),
            ("marketplaces.tiki.requests_per_hour", { $0.marketplaces[.tiki]?.requestsPerHour = 60 }),
            ("marketplaces.tiki.closed_since", { $0.marketplaces[.tiki]?.closedSince = ConfigValue.date("2031-01-01") }),
            ("coverage.seller_relations", { $0.coverage.sellerRelations = [.ownShop] }),
            ("coverage.certificate_statuses", { $0.coverage.certificateStatuses = [.active, .expired] }),
            ("coverage.marketplaces", { $0.coverage.marketplaces = [.shopee] }),
            ("coverage.channels", { $0.coverage.windows[.tiki] = ChannelWindow(from: ConfigValue.date("2030-01-01"), until: nil) }),
            ("daemon.tick", { $0.daemon.tick = 1 }),
            ("daemon.batch_window", { $0.daemon.batchWindow = 5 }),
            ("daemon.first_check_within", { $0.daemon.firstCheckWithin = 60 }),
            ("daemon.retry_base", { $0.daemon.retryBase = 60 }),
            ("daemon.breaker_cooldown", { $0.daemon.breakerCooldown = 60 }),
            ("daemon.confirm_after", { $0.daemon.confirmAfter = 60 }),
        ]
        let defaults = OCOPWatchConfiguration().summary
        for (key, change) in changes {
            var configuration = OCOPWatchConfiguration()
            change(&configuration)
            #expect(configuration.summary != defaults, "\(key) does not show in `config`")
        }
    }

    @Test func pathsResolveAgainstTheConfigFolderAndSystemd() throws {
        let relative = try parse("paths:\n  state_dir: state\ncatalog:\n  files: [a.csv]\n")
        #expect(relative.paths.database == "/srv/ow/state/ocop-watch.sqlite")
        #expect(relative.catalog.files == ["/srv/ow/a.csv"])
        let systemd = try parse("", environment: ["STATE_DIRECTORY": "/var/lib/x", "LOGS_DIRECTORY": "/var/log/x"])
        #expect(systemd.paths.database == "/var/lib/x/ocop-watch.sqlite")
        #expect(systemd.paths.alertLog == "/var/log/x/alerts.jsonl")
    }

    @Test func unreadableFileSaysWhatToDo() {
        #expect(throws: ConfigurationError.self) { try loader.load(path: "/nonexistent/config.yaml") }
    }

    @Test func proxyCredentialsAreRedacted() {
        #expect(ConfigurationLoader.redacted("http://user:s3cret@proxy:3128") == "http://***@proxy:3128")
        #expect(failure("http:\n  proxy: \"user:s3cret@\"\n")?.contains("s3cret") == false)
    }

    @Test func valueParsers() {
        #expect(ConfigValue.duration("250ms") == 0.25)
        #expect(ConfigValue.duration("6h") == 21_600)
        #expect(ConfigValue.duration("-1s") == nil)
        #expect(ConfigValue.byteCount("8MiB") == 8 << 20)
        #expect(ConfigValue.byteCount("lots") == nil)
        #expect(ConfigValue.date("2025-02-30") == nil)
        #expect(ConfigValue.date("2025-04-15") == Date(timeIntervalSince1970: 1_744_650_000))
    }
}
