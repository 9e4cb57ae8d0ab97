import ArgumentParser
import CurlFetch
import OCOPSync

@main
struct OCOPWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocop-watch",
        abstract: "Checks that a province's OCOP products are really sold online, and proves the coverage figure.",
        discussion: """
            OCOP Watch keeps the catalog of OCOP-certified products, checks every known marketplace listing \
            (Tiki, Lazada, Shopee, Sendo, TikTok Shop, producers' websites, feeds), records each observation \
            and computes coverage against the programme's target.

            Examples:
              ocop-watch catalog validate products.csv producers.csv listings.csv
              ocop-watch catalog import products.csv producers.csv listings.csv
              ocop-watch sync --once
              ocop-watch coverage --by region
              ocop-watch coverage --explain DT-P-000123
              ocop-watch check https://tiki.vn/tra-sen-p274850011.html

            The config file is --config PATH, else $OCOP_WATCH_CONFIG, else /etc/ocop-watch/config.yaml.

            Exit status: 0 done; 1 the command failed (the message says why and what to do); 64 a wrong \
            command line (the usage follows); 130 interrupted (Ctrl-C). `check` exits 0 whatever the verdict: \
            read it from --format json.
            """,
        version: WatchVersion.current,
        subcommands: [
            SyncCommand.self, CoverageCommand.self, CatalogCommand.self, CheckCommand.self, AlertsCommand.self,
            ReportCommand.self, ConfigCommand.self,
        ]
    )

    /// Sets up the allocator before any other thread exists: glibc fixes how many heaps it may
    /// open when a second thread first allocates, and a command's `run()` already runs on one of
    /// the concurrency pool's threads (``BodyMemory``).
    static func main() async {
        BodyMemory.keepFreedBodiesForReuse()
        await main(nil)
    }
}
