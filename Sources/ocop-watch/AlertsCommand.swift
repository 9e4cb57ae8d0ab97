import ArgumentParser
import Foundation
import OCOPSync

struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "List the alerts that are firing now.",
        discussion: """
            Alerts are evaluated after every pass and written as JSON lines to the alert log \
            (paths.alert_log): one `firing` line when a condition holds (a listing or product losing \
            its listings only once alerts.fire_after checks agree; coverage, certificate, marketplace and \
            pass alerts at once), one `resolved` line when it has been gone for alerts.resolve_after passes, and a `reminder` \
            at most every alerts.reminder_interval. With alerts.region_digests: true each district's \
            events also go to alerts-<district code>.jsonl beside the alert log. This command lists the \
            alerts currently firing, from the store, most severe first.

            Examples:
              ocop-watch alerts
              ocop-watch alerts --format json | jq -r '.[] | .key'
              tail -f /var/log/ocop-watch/alerts.jsonl
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(name: .long, help: "table or json.") var format: Format = .table

    func run() async throws {
        let context = try options.context(command: "alerts")
        let text = try await context.firingAlerts(json: format == .json, width: TerminalWidth.standardOutput)
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// What `alerts` writes: help and errors list exactly these.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
    }
}
