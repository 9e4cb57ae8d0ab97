import ArgumentParser
import OCOPSync

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the self-contained HTML coverage report from the store.",
        discussion: """
            The same report is written after every pass to paths.report: coverage of products and \
            producers against the target, the trend, what changed over the last 7 days, bars by \
            district, star level and marketplace, the firing alerts, and the products not covered with \
            their last evidence. It needs no network: open it from file:// or serve it behind nginx; \
            it prints on A4 (or: chromium --headless --print-to-pdf=report.pdf file://…/report.html).

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
