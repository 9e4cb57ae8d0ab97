import Foundation
import OCOPCore
import OCOPReport
import Testing

@Suite("ExplanationRenderer")
struct ExplanationRendererTests {
    @Test func showsProductProducerStateAndNewestObservations() throws {
        let report = ReportFixture.report
        let coverage = try #require(report.coverage(ofProduct: "P2"))
        let listing = ReportFixture.listing("P2", .tiki)
        let history: [Observation] = (0..<8).map { (index: Int) -> Observation in
            let hoursAgo = Double(index) * 24 + 3
            if index == 0 {
                return ReportFixture.observation(listing, .delisted, hoursAgo: hoursAgo, http: 404, reason: "not_found")
            }
            return ReportFixture.observation(listing, .active, hoursAgo: hoursAgo)
        }
        let text = ExplanationRenderer(configuration: .init(observationsPerListing: 3)).render(
            coverage,
            producer: ReportFixture.producers[1],
            listings: [listing],
            observations: [listing.key: history.shuffled()]
        )
        #expect(text.contains("[P2]"))
        #expect(text.contains("Cơ sở \"Sa Giang\", Sa Đéc [PR2, household_business]"))
        #expect(text.contains("chưa lên sàn / uncovered"))
        #expect(text.contains("uncovered: all 1 listing(s) freshly known to be offline"))
        #expect(text.contains("https://tiki.vn/P2"))
        // Newest first, three of eight: 2025-06-01 04:00 +07:00 (delisted), then 05-31, 05-30.
        let rows = text.split(separator: "\n").filter { $0.contains("2025-") }
        #expect(rows.count == 3)
        #expect(rows[0].contains("2025-06-01 04:00"))
        #expect(rows[0].contains("delisted"))
        #expect(rows[0].contains("not_found"))
        #expect(rows[0].contains("404"))
        #expect(rows[2].contains("2025-05-30 04:00"))
    }

    @Test func aCertificatePastItsValidityIsMarkedExpired() throws {
        let coverage = try #require(ReportFixture.report.coverage(ofProduct: "P1"))
        func certificate(on day: Date) -> String? {
            ExplanationRenderer().render(coverage, producer: nil, listings: [], observations: [:], now: day)
                .split(separator: "\n").first { $0.contains("valid until") }.map(String.init)
        }
        // Valid until 2026-05-10, read in the province's zone (UTC+7).
        let lastDay = try #require(ISO8601DateFormatter().date(from: "2026-05-10T16:59:00Z"))
        #expect(certificate(on: lastDay)?.hasSuffix("valid until 2026-05-10") == true)
        #expect(certificate(on: lastDay + 120)?.hasSuffix("valid until 2026-05-10 (đã hết hạn / expired)") == true)
    }

    @Test func saysWhenThereIsNoListing() throws {
        let coverage = try #require(ReportFixture.report.coverage(ofProduct: "P4"))
        let text = ExplanationRenderer().render(coverage, producer: nil, listings: [], observations: [:])
        #expect(text.contains("none in the catalog"))
        #expect(text.contains("PR3"))
    }

    @Test func marksTheListingsThatCount() throws {
        let coverage = try #require(ReportFixture.report.coverage(ofProduct: "P1"))
        let listing = ReportFixture.listing("P1", .shopee)
        let text = ExplanationRenderer().render(coverage, producer: nil, listings: [listing], observations: [:])
        #expect(text.contains("[online, counted]"))
        #expect(text.contains("never checked"))
    }

    /// An offline listing says whether it could count: a closed channel's never does.
    @Test func marksOfflineListingsCountedOrNot() throws {
        let coverage = try #require(ReportFixture.report.coverage(ofProduct: "P2"))
        let tiki = ReportFixture.listing("P2", .tiki)
        let sendo = ReportFixture.listing("P2", .sendo)
        let text = ExplanationRenderer().render(
            coverage, producer: nil, listings: [tiki, sendo], observations: [:], counted: [tiki.key])
        let lines = text.split(separator: "\n")
        #expect(lines.first { $0.hasPrefix("  tiki  ") }?.hasSuffix("[counted]") == true, "\(text)")
        #expect(lines.first { $0.hasPrefix("  sendo  ") }?.hasSuffix("[không tính / not counted]") == true, "\(text)")
    }
}
