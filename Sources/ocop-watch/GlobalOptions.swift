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
    ///
    /// - Parameter needsFile: Whether the command keeps state (the store, logs, the report).
    ///   Without a config file such a command would create a store under `/var/lib` from the
    ///   defaults, or fail there for want of permission: neither is what a forgotten `--config`
    ///   meant. `config` and `check` run on defaults.
    func context(command: String, needsFile: Bool = true) throws -> WatchContext {
        let loader = ConfigurationLoader()
        if needsFile, loader.resolvePath(explicit: config) == nil {
            throw WatchError(
                "no config file: \(loader.packagedPath) does not exist and none was named; pass --config FILE "
                    + "or set \(ConfigurationLoader.fileVariable) (sudo make install puts one at the default path)"
            )
        }
        return try WatchContext(configPath: config, verbose: verbose, command: command)
    }
}
