/// How far ``CatalogParser`` has come, for a progress line on a terminal, reported in rows.
///
/// A step is one row split from the CSV text or one row validated; the two take about as long
/// each (docs/0005), so a row is two steps, and the report halves them. The total is the files'
/// line count, known once every file is read and before the first row is parsed.
struct CatalogParseProgress {
    let total: Int
    private(set) var done = 0
    private var unreported = 0
    private let report: ((_ done: Int, _ total: Int) -> Void)?

    init(total: Int, report: ((_ done: Int, _ total: Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    /// No progress to show: ``CatalogParser/parse(sources:configuration:)``, tests, the fuzzers.
    static var silent: CatalogParseProgress { CatalogParseProgress(total: 0, report: nil) }

    /// The steps of `data`'s rows: twice its line count. Lines end at a line feed, or at a
    /// carriage return in a file that has no line feed (old Mac "CSV" exports).
    static func steps(of data: some BidirectionalCollection<UInt8>) -> Int {
        var (feeds, returns) = (0, 0)
        for byte in data {
            if byte == UInt8(ascii: "\n") {
                feeds += 1
            } else if byte == UInt8(ascii: "\r") {
                returns += 1
            }
        }
        let end = feeds > 0 ? UInt8(ascii: "\n") : UInt8(ascii: "\r")
        let lines = feeds > 0 ? feeds : returns
        return 2 * (lines + (data.last == end || data.isEmpty ? 0 : 1))
    }

    /// One step done; the report is called every 512 steps, so that a terminal's lock and clock
    /// are not taken per row.
    mutating func advance() {
        guard let report else { return }
        done += 1
        unreported += 1
        if unreported >= 512 {
            unreported = 0
            report(min(done, total) / 2, total / 2)
        }
    }

    /// The rest of a file's steps, when fewer rows than lines came out (quoted line breaks, blank rows).
    mutating func complete(upTo mark: Int) {
        guard let report, done < mark else { return }
        done = mark
        report(min(done, total) / 2, total / 2)
    }
}
