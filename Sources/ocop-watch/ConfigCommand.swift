import ArgumentParser
import OCOPConfig
import OCOPSync

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Validate the config file and print the effective settings (secrets hidden).",
        discussion: """
            Examples:
              ocop-watch config --config /etc/ocop-watch/config.yaml
              OCOP_WATCH__HTTP__TIMEOUT=10s ocop-watch config
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let context = try options.context(command: "config", needsFile: false)
        try context.checkFetchSettings()
        print(context.configuration.summary)
    }
}
