import Foundation
import OCOPCore
import OCOPReport
import Testing

@Suite("CoverageSnapshotDocument")
struct CoverageSnapshotDocumentTests {
    let report = ReportFixture.report

    @Test func keepsHeadlineChartedBreakdownsAndEveryProductState() throws {
        let data = try CoverageSnapshotDocument(report).json()
        let document = try CoverageSnapshotDocument(json: data)
        #expect(document.format == CoverageSnapshotDocument.currentFormat)
        #expect(document.products.total == 4)
        #expect(document.products.covered == 1)
        #expect(document.products.percent == 25)
        #expect(document.producers.total == 3)
        #expect(document.states == ProductStates(covered: ["P1"], uncovered: ["P2", "P4"], unverified: ["P3"]))
        #expect(document.breakdown?.keys.sorted() == ["marketplace", "region", "stars"])
        #expect(document.breakdown?["region"] == report.breakdowns[.region])
        #expect(document.generatedAt == "2025-06-01T07:00:00+07:00")
    }

    @Test func isOneCompactLine() throws {
        let text = String(decoding: try CoverageSnapshotDocument(report).json(), as: UTF8.self)
        #expect(!text.contains("\n"))
        #expect(!text.contains("gaps"), "the gap list is rebuilt from the states, not stored")
        let full = try CoverageRenderer().json(report)
        #expect(text.utf8.count * 2 < full.utf8.count)
    }

    @Test func readsTheFullDocumentsOlderVersionsStored() throws {
        let old = Data(try CoverageRenderer().json(report).utf8)
        let document = try CoverageSnapshotDocument(json: old)
        #expect(document.format == nil)
        #expect(document.states == nil)
        #expect(document.products.percent == 25)
        #expect(document.producers.covered == 1)
        #expect(document.breakdown?["stars"]?.count == 3)
        let chosen = Data(try CoverageRenderer().json(report, by: .region).utf8)
        #expect(try CoverageSnapshotDocument(json: chosen).breakdown == nil, "an array breakdown is skipped, not fatal")
    }

    @Test func rejectsWhatIsNotACoverageDocument() {
        #expect(throws: DecodingError.self) { try CoverageSnapshotDocument(json: Data(#"{"covered":1}"#.utf8)) }
    }
}
