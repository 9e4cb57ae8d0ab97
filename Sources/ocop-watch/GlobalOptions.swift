import ArgumentParser
import OCOPConfig
import OCOPSync

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The config file (default: $OCOP_WATCH_CONFIG, then /etc/ocop-watch/config.yaml).")
    var config: String?

    @Flag(name: .long, help: "Log debug detail.")
    var verbose = false

    /// Loads the configuration and sets up logging, or exits (status 1) with the error naming
    /// file, line and key. Not a usage error: the command line was right, so no usage text.
    func context(command: String) throws -> WatchContext {
        try WatchContext(configPath: config, verbose: verbose, command: command)
    }
}

/// Output formats of the reporting commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case csv
    case text
}
