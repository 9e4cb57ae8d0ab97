import ArgumentParser
import Foundation
import OCOPConfig
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
            old; uncovered otherwise. A producer is covered when one of its products is.

            --by region groups by district as certified; --by commune by the current (2025) commune where the \
            catalog has it, else the commune as certified. Every row is measured against the target.

            --changes lists the products that became covered, uncovered or unverified since the newest \
            coverage snapshot at least --since old (default 7d; a span such as 24h, 7d, 2w, or a date \
            YYYY-MM-DD). A snapshot is stored after every pass; when none is that old, the oldest is used \
            and the output says so.

            Examples:
              ocop-watch coverage
              ocop-watch coverage --by marketplace
              ocop-watch coverage --by commune --format json
              ocop-watch coverage --by producer --format csv > producers.csv
              ocop-watch coverage --format json
              ocop-watch coverage --explain DT-P-000123
              ocop-watch coverage --changes
              ocop-watch coverage --changes --since 24h --format json
              ocop-watch coverage --changes --since 2025-06-01 --format csv > changes.csv
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "Break down by: \(CoverageDimension.allCases.map(\.rawValue).joined(separator: ", ")).")
    var by: CoverageDimension?

    @Option(name: .long, help: "table, json or csv.")
    var format: Format = .table

    @Option(name: .long, help: "Explain why one product counts as it does.")
    var explain: String?

    @Flag(name: .long, help: "List products newly covered, uncovered or unverified since --since.")
    var changes = false

    @Option(
        name: .long, help: "With --changes: how far back, as a span (7d, 24h, 2w) or a date (YYYY-MM-DD).",
        transform: { try SinceArgument(parsing: $0) })
    var since: SinceArgument?

    func validate() throws {
        if explain != nil, format != .table {
            throw ValidationError("--explain writes a bilingual explanation; leave out --format")
        }
        if explain != nil, by != nil || changes {
            throw ValidationError("--explain shows one product; it cannot be combined with --by or --changes")
        }
        if changes, by != nil {
            throw ValidationError("--changes lists products; it cannot be combined with --by")
        }
        if since != nil, !changes {
            throw ValidationError("--since applies to --changes; add --changes")
        }
    }

    func run() async throws {
        let context = try options.context(command: "coverage")
        if let explain {
            write(try await context.explain(productID: explain))
        } else if changes {
            let span = (since ?? SinceArgument(span: 7 * 86_400)).span(at: Date())
            write(try await context.coverageChangesText(since: span, format: format.rawValue, width: TerminalWidth.standardOutput))
        } else {
            write(try await context.coverageText(by: by, format: format.rawValue))
        }
    }

    /// Writes the text as is (CSV keeps its CRLF line ends), with a final line end if it lacks one.
    private func write(_ text: String) {
        // Unicode scalars, not characters: CSV ends in CRLF, which is one `Character`.
        let ending = text.unicodeScalars.last == "\n" ? "" : "\n"
        FileHandle.standardOutput.write(Data((text + ending).utf8))
    }
}

/// `--since`: a span back from now (`7d`, `24h`, `2w`) or a civil date read in the province's zone.
struct SinceArgument {
    private var fixedSpan: TimeInterval?
    private var date: Date?

    init(span: TimeInterval) {
        fixedSpan = span
    }

    /// A century: longer spans are typos, and would not fit the arithmetic of dates.
    private static let longestSpan: TimeInterval = 100 * 365 * 86_400

    /// Reads `argument`, or says what is wrong with it (ArgumentParser prints the reason after
    /// "The value … is invalid for '--since'").
    init(parsing argument: String, now: Date = Date()) throws {
        // A span names its unit: a bare number is more likely a date typed without dashes.
        if argument.last?.isLetter == true, let span = ConfigValue.duration(argument) {
            // Snapshots are hours apart: `1m` typed for a month ("1 tháng") would compare with
            // one a minute old, and say nothing changed.
            guard let unit = argument.lowercased().last, "hdw".contains(unit) else {
                throw ValidationError("give the span in hours, days or weeks (24h, 7d, 2w): \(argument) is minutes or seconds; a month is 30d")
            }
            guard span > 0 else { throw ValidationError("a span must be longer than zero, such as 24h or 7d") }
            guard span <= Self.longestSpan else { throw ValidationError("a span of more than a century; give 7d, 2w or a date") }
            fixedSpan = span
            return
        }
        // A day on the calendar (2025-02-30 is refused, not rolled over), and not in the future.
        guard let date = ConfigValue.date(argument) else {
            let looksLikeADate = argument.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil
            throw ValidationError(
                looksLikeADate
                    ? "there is no such day on the calendar" : "give a span (24h, 7d, 2w) or a date (YYYY-MM-DD)")
        }
        guard date <= now else { throw ValidationError("the day is still to come; give a day in the past or a span") }
        self.date = date
    }

    /// How far back from `now`.
    func span(at now: Date) -> TimeInterval {
        fixedSpan ?? max(0, now.timeIntervalSince(date ?? now))
    }
}

extension CoverageCommand {
    /// What `coverage` writes: help and errors list exactly these.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
        case csv
    }
}
