import ArgumentParser
import OCOPSync

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the self-contained HTML coverage report from the store.",
        discussion: """
            The same report is written after every pass to paths.report. It needs no network:
            open it from file:// or serve it behind nginx; it prints on A4.

            Examples:
              ocop-watch report
              ocop-watch report --output /srv/www/ocop/index.html
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(name: .long, help: "Where to write (default: paths.report from the config).") var output: String?

    func run() async throws {
        let context = try options.context(command: "report")
        print(try await context.writeReport(to: output))
    }
}
