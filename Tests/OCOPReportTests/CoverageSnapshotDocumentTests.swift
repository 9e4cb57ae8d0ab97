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

    /// `json()` writes what `JSONEncoder` writes (docs/0012, twelfth round), whatever the
    /// document holds: the encoder is the reference.
    @Test func isWrittenAsTheEncoderWritesIt() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var escaped = CoverageSnapshotDocument(report)
        escaped.breakdown?["region"]?[0].label = "a\"b\\c/d\n\u{1}\t é"
        escaped.products.target = 87.5
        escaped.producers.percent = 33.33
        var bare = CoverageSnapshotDocument(report)
        bare.breakdown = nil
        bare.states = nil
        bare.format = nil
        bare.generatedAt = nil
        let older = try CoverageSnapshotDocument(json: Data(try CoverageRenderer().json(report).utf8))
        for document in [CoverageSnapshotDocument(report), escaped, bare, older] {
            #expect(String(decoding: try document.json(), as: UTF8.self) == String(decoding: try encoder.encode(document), as: UTF8.self))
            #expect(try CoverageSnapshotDocument(json: document.json()) == document)
        }
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
