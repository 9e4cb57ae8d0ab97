import Foundation
import GRDB
import OCOPCore
import OCOPStore
import Testing

/// The stored coverage result: read back as saved (in part when asked), and never read once the
/// data it was computed from has changed.
@Suite struct CoverageResultStoreTests {
    /// A result with every dimension, names that need care (quotes, separators, diacritics), gaps
    /// with and without a reason, targets that are not 100, and whole-second times.
    static func sample(version: CoverageInputVersion, validUntil: Date? = Sample.time(600)) -> CoverageResult {
        func tally(_ total: Int, _ covered: Int, target: Double) -> CoverageTally {
            CoverageTally(total: total, covered: covered, uncovered: (total - covered) / 2, unverified: (total - covered + 1) / 2, target: target)
        }
        var breakdowns: [CoverageDimension: [CoverageBreakdownRow]] = [:]
        for (number, dimension) in CoverageDimension.allCases.enumerated() {
            breakdowns[dimension] = (0..<(number == 6 ? 40 : number)).map { row in
                CoverageBreakdownRow(
                    key: "\(dimension.rawValue)-\(row)",
                    label: row == 1 ? "Tháp Mười, \"Phường 1\"\u{1F}\n" : "Hàng \(row)",
                    products: tally(10 + row, row, target: 95),
                    producers: tally(5 + row, row / 2, target: 80.5)
                )
            }
        }
        return CoverageResult(
            figures: CoverageFigures(
                generatedAt: Sample.time(0),
                rules: CoverageRules(onlineStatuses: [.active], staleAfter: 86_400, marketplaces: [.tiki, .sendo], productTarget: 95),
                products: tally(120, 100, target: 95),
                producers: tally(40, 39, target: 80.5),
                breakdowns: breakdowns,
                gaps: [
                    CoverageGap(
                        productID: "DT-P-9",
                        name: "Nem \"chua\"",
                        producerID: "DT-E-1",
                        district: "Sa Đéc",
                        stars: 3,
                        state: .uncovered,
                        reason: nil
                    ),
                    CoverageGap(
                        productID: "DT-P-10",
                        name: "Trà tim sen",
                        producerID: "DT-E-2",
                        district: "(không rõ)",
                        stars: 5,
                        state: .unverified,
                        reason: "unverified: 1 of 1 listing(s) have no fresh conclusive check"
                    ),
                ]
            ),
            version: version,
            program: "0.1.0-test",
            validUntil: validUntil
        )
    }

    @Test(arguments: Backend.allCases)
    func aResultIsReadBackWholeOrInPart(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        #expect(try await store.coverageResult(dimensions: Set(CoverageDimension.allCases), includingGaps: true) == nil)
        _ = try await store.importCatalog(Sample.catalog, source: "demo", at: Sample.time(0))
        let version = try await store.coverage(rules: CoverageRules(), now: Date()).version
        let saved = Self.sample(version: version)
        try await store.saveCoverageResult(saved)

        #expect(try await store.coverageResult(dimensions: Set(CoverageDimension.allCases), includingGaps: true) == saved)
        let part = try #require(try await store.coverageResult(dimensions: [.region, .stars], includingGaps: false))
        var expected = saved
        expected.figures.breakdowns = saved.figures.breakdowns.filter { [.region, .stars].contains($0.key) }
        expected.figures.gaps = []
        #expect(part == expected)

        // Saving again replaces the whole result, rows and gaps included.
        var second = Self.sample(version: version, validUntil: nil)
        second.figures.breakdowns[.producer] = Array(saved.figures.breakdowns[.producer]!.prefix(3))
        second.figures.gaps.removeLast()
        second.program = "0.2.0"
        try await store.saveCoverageResult(second)
        #expect(try await store.coverageResult(dimensions: Set(CoverageDimension.allCases), includingGaps: true) == second)
    }

    @Test(arguments: Backend.allCases)
    func aResultIsNotReadOnceTheDataItCameFromChanged(_ backend: Backend) async throws {
        let store = try StoreUnderTest(backend).store
        let all = Set(CoverageDimension.allCases)
        _ = try await store.importCatalog(Sample.catalog, source: "v1", at: Sample.time(0))
        let imported = try await store.coverage(rules: CoverageRules(), now: Date()).version
        try await store.saveCoverageResult(Self.sample(version: imported))
        #expect(try await store.coverageResult(dimensions: all, includingGaps: true) != nil)

        // An import that changes nothing, a pass without observations: the same data.
        _ = try await store.importCatalog(Sample.catalog, source: "v1 again", at: Sample.time(1))
        let pass = try await store.beginPass(startedAt: Sample.time(2), kind: "scheduled")
        try await store.record([], pass: pass)
        #expect(try await store.coverage(rules: CoverageRules(), now: Date()).version == imported)
        #expect(try await store.coverageResult(dimensions: all, includingGaps: true) != nil)

        // An observation, even an inconclusive one.
        try await store.record([Sample.observation(Sample.listings[0], at: 3, .blocked)], pass: pass)
        let observed = try await store.coverage(rules: CoverageRules(), now: Date()).version
        #expect(observed != imported)
        #expect(try await store.coverageResult(dimensions: all, includingGaps: true) == nil)
        try await store.saveCoverageResult(Self.sample(version: observed))
        #expect(try await store.coverageResult(dimensions: all, includingGaps: true)?.version == observed)

        // A catalog import that changes something (here: a product renamed).
        var renamed = Sample.catalog
        renamed.products[1].name = "Hạt sen sấy"
        _ = try await store.importCatalog(renamed, source: "v2", at: Sample.time(4))
        #expect(try await store.coverage(rules: CoverageRules(), now: Date()).version != observed)
        #expect(try await store.coverageResult(dimensions: all, includingGaps: true) == nil)
    }

    @Test func sqliteKeepsTheResultAcrossReopeningAndNeverWidensItsValidity() async throws {
        let directory = try TemporaryDirectory()
        // Times a `Date` holds that seconds since 1970 cannot hold exactly.
        let computed = Date(timeIntervalSinceReferenceDate: 815_000_000.123_456_7)
        let until = Date(timeIntervalSinceReferenceDate: 815_600_000.987_654_3)
        var saved = Self.sample(version: CoverageInputVersion(), validUntil: until)
        saved.figures.generatedAt = computed
        do {
            let store = try SQLiteStore(path: directory.databasePath)
            try await store.saveCoverageResult(saved)
        }
        let reopened = try SQLiteStore(path: directory.databasePath)
        let read = try #require(try await reopened.coverageResult(dimensions: Set(CoverageDimension.allCases), includingGaps: true))
        #expect(read.figures.generatedAt >= computed)
        #expect(read.figures.generatedAt.timeIntervalSince(computed) < 1e-6)
        let readUntil = try #require(read.validUntil)
        #expect(readUntil <= until)
        #expect(until.timeIntervalSince(readUntil) < 1e-6)
        var rest = read
        rest.figures.generatedAt = computed
        rest.validUntil = until
        #expect(rest == saved)
    }
}
