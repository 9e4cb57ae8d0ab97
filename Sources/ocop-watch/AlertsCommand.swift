import ArgumentParser
import OCOPSync

struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List the alerts that are firing now.",
        discussion: """
            Alerts are evaluated after every pass and written as JSON lines to the alert log \
            (paths.alert_log). This lists the ones currently firing, from the store.

            Examples:
              ocop-watch alerts
              ocop-watch alerts --format json
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(name: .long, help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        let context = try options.context(command: "alerts")
        print(try await context.firingAlerts(json: format == .json))
    }
}
