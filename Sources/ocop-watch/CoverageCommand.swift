import ArgumentParser
import OCOPCore
import OCOPSync

extension CoverageDimension: ExpressibleByArgument {}

struct CoverageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Print coverage from the store, without fetching anything.",
        discussion: """
            A product is covered when at least one of its listings is online by a fresh check; unverified when \
            nothing fresh says so and some check could not look (blocked, unreachable, unparseable) or is too \
            old; uncovered otherwise.

            Examples:
              ocop-watch coverage
              ocop-watch coverage --by marketplace
              ocop-watch coverage --by producer --format csv > producers.csv
              ocop-watch coverage --format json
              ocop-watch coverage --explain DT-P-000123
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "Break down by: \(CoverageDimension.allCases.map(\.rawValue).joined(separator: ", ")).")
    var by: CoverageDimension?

    @Option(name: .long, help: "table, json or csv.")
    var format: OutputFormat = .table

    @Option(name: .long, help: "Explain why one product counts as it does.")
    var explain: String?

    func run() async throws {
        let context = try options.context(command: "coverage")
        if let explain {
            print(try await context.explain(productID: explain))
        } else {
            print(try await context.coverageText(by: by, format: format.rawValue))
        }
    }
}
