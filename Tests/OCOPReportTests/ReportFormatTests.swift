import Foundation
import OCOPCore
import Testing

@testable import OCOPReport

/// Percentages are cut, not rounded: a figure below its target never prints as the target.
@Suite struct ReportFormatTests {
    @Test func aFigureShortOfTheTargetNeverReadsAsIt() {
        let tally = CoverageTally(total: 2_000, covered: 1_999, uncovered: 1)
        #expect(!tally.meetsTarget)
        #expect(ReportFormat.percent(tally.percent) == "99.9")
        #expect(ReportFormat.percent(tally.percent, comma: true) == "99,9")
        #expect(ReportFormat.twoDecimals(CoverageTally(total: 20_000, covered: 19_999).percent) == 99.99)
        #expect(ReportFormat.percent(100) == "100.0")
    }

    @Test func exactDecimalsSurviveTheCut() {
        // 72.3 is 72.2999… in binary; 1/3 of 100 is 33.33….
        #expect(ReportFormat.percent(72.3) == "72.3")
        #expect(ReportFormat.percent(100.0 / 3) == "33.3")
        #expect(ReportFormat.twoDecimals(0.29) == 0.29)
    }

    @Test func spansAreStatedInTheUnitThatFitsThem() {
        // The report's "stale after": 36 h is not "2 days", 90 s is not "0 days".
        #expect(CoverageChangesRenderer.span(36 * 3600) == "36 giờ / 36 hours")
        #expect(CoverageChangesRenderer.span(90) == "90 giây / 90 seconds")
        #expect(CoverageChangesRenderer.span(7 * 86_400) == "7 ngày / 7 days")
    }

    @Test func targetsPrintAsConfigured() {
        #expect(ReportFormat.target(100) == "100")
        #expect(ReportFormat.target(99.95) == "99.95")
        #expect(ReportFormat.target(95.5, comma: true) == "95,5")
    }
}
