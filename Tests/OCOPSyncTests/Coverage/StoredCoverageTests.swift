import Foundation
import OCOPCore
import OCOPReport
import OCOPStore
import Testing

@testable import OCOPSync

/// `coverage` prints the result the last publication stored while it holds, and computes the
/// figures again once the store's data, the rules or the clock have moved past it. A planted
/// result with a figure no computation gives shows which path answered.
@Suite(.serialized) struct StoredCoverageTests {
    /// A state folder with a config (and `coverageYAML` as its coverage section), and the
    /// generated catalog imported and observed in its database.
    struct Setup {
        let directory: URL
        let generated: GeneratedCatalog

        init() async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocop-stored-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            generated = GeneratedCatalog(seed: 31, products: 240, now: Date(timeIntervalSince1970: 1_780_000_000))
            let context = try context()
            try context.prepareStateDirectory()
            try await generated.fill(try context.openStore())
        }

        func context(coverageYAML: String = "") throws -> WatchContext {
            let path = directory.appendingPathComponent("config-\(UUID().uuidString).yaml").path
            let yaml = """
                paths:
                  state_dir: state
                  logs_dir: logs
                \(coverageYAML.isEmpty ? "" : "coverage:\n  \(coverageYAML)")
                """
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            return try WatchContext(configPath: path, verbose: false, command: "test")
        }

        func remove() {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// What `coverage` prints when computed from the store at `now`, every format and dimension.
    func computedOutputs(_ context: WatchContext, store: any ObservationStore, now: Date) async throws -> [String] {
        let report = try await context.currentCoverage(store: store, now: now).report
        let renderer = CoverageRenderer()
        var outputs: [String] = []
        for dimension in [nil] + CoverageDimension.allCases {
            outputs += [renderer.table(report, by: dimension), try renderer.json(report, by: dimension), renderer.csv(report, by: dimension)]
        }
        return outputs
    }

    /// What `coverageText` prints at `now`, in the order of ``computedOutputs(_:store:now:)``.
    func printedOutputs(_ context: WatchContext, now: Date) async throws -> [String] {
        var outputs: [String] = []
        for dimension in [nil] + CoverageDimension.allCases {
            for format in ["table", "json", "csv"] {
                outputs.append(try await context.coverageText(by: dimension, format: format, now: now))
            }
        }
        return outputs
    }

    /// Replaces the stored result by one with the key of the store now and an impossible product
    /// total, so that a table printing it shows it was read.
    func plant(_ context: WatchContext, store: any ObservationStore) async throws -> CoverageResult {
        let all = Set(CoverageDimension.allCases)
        var result = try #require(try await store.coverageResult(dimensions: all, includingGaps: true))
        result.version = try await store.coverage(rules: CoverageRules(), now: Date()).version
        result.figures.rules = context.coverageRules
        result.figures.products.total = 987_654
        try await store.saveCoverageResult(result)
        return result
    }

    func source(_ context: WatchContext, store: any ObservationStore, now: Date) async throws -> WatchContext.CoverageSource {
        try await context.coverageFigures(store: store, dimensions: [.region, .stars], includingGaps: false, now: now).1
    }

    /// A filled store, published at the generated catalog's moment, then a planted result
    /// printed in its stead.
    func plantedAfterPublishing(_ setup: Setup) async throws -> (WatchContext, any ObservationStore, CoverageResult) {
        let context = try setup.context()
        let store = try context.openStore()
        try await context.publish(store: store, pass: nil, passChecks: [:], previousCoverage: nil, now: setup.generated.now)
        let planted = try await plant(context, store: store)
        #expect(try await source(context, store: store, now: setup.generated.now) == .stored)
        #expect(try await context.coverageText(by: nil, format: "table", now: setup.generated.now).contains("987654"))
        return (context, store, planted)
    }

    @Test func theStoredResultPrintsWhatAComputationPrints() async throws {
        let setup = try await Setup()
        defer { setup.remove() }
        let context = try setup.context()
        let store = try context.openStore()
        let now = setup.generated.now
        try await context.publish(store: store, pass: nil, passChecks: [:], previousCoverage: nil, now: now)

        let later = now.addingTimeInterval(600)
        #expect(try await source(context, store: store, now: later) == .stored)
        let printed = try await printedOutputs(context, now: later)
        let computed = try await computedOutputs(context, store: store, now: later)
        #expect(printed == computed)
        // The figures have something in every part, so the comparison has something to disagree on.
        #expect(computed[1].contains("\"state\" : \"unverified\"") && computed[1].contains("\"state\" : \"uncovered\""))

        // `coverage` writes nothing: the stored result is the one publishing left.
        let before = try await store.coverageResult(dimensions: Set(CoverageDimension.allCases), includingGaps: true)
        _ = try await context.coverageText(by: nil, format: "table", now: now.addingTimeInterval(30 * 86_400))
        #expect(try await store.coverageResult(dimensions: Set(CoverageDimension.allCases), includingGaps: true) == before)
    }

    @Test func aPlantedResultIsPrintedUntilAnObservationArrives() async throws {
        let setup = try await Setup()
        defer { setup.remove() }
        let (context, store, _) = try await plantedAfterPublishing(setup)
        let now = setup.generated.now

        let listing = try #require(setup.generated.current.listings.first)
        let pass = try await store.beginPass(startedAt: now, kind: "test")
        try await store.record(
            [Observation(listing: listing.key, marketplace: listing.marketplace, checkedAt: now, verdict: Verdict(status: .active))],
            pass: pass
        )
        #expect(try await source(context, store: store, now: now) == .computed)
        #expect(try await !context.coverageText(by: nil, format: "table", now: now).contains("987654"))
        #expect(try await printedOutputs(context, now: now) == computedOutputs(context, store: store, now: now))
    }

    @Test func aPlantedResultIsNotPrintedAfterACatalogImport() async throws {
        let setup = try await Setup()
        defer { setup.remove() }
        let (context, store, _) = try await plantedAfterPublishing(setup)
        let now = setup.generated.now

        var catalog = setup.generated.current
        catalog.producers[0].name = "HTX đổi tên"
        _ = try await store.importCatalog(catalog, source: "renamed", at: now)
        #expect(try await source(context, store: store, now: now) == .computed)
        #expect(try await !context.coverageText(by: .producer, format: "csv", now: now).contains("987654"))
        #expect(try await context.coverageText(by: .producer, format: "csv", now: now).contains("HTX đổi tên"))
    }

    @Test func aPlantedResultIsNotPrintedUnderOtherRules() async throws {
        let setup = try await Setup()
        defer { setup.remove() }
        let (context, store, _) = try await plantedAfterPublishing(setup)
        let now = setup.generated.now

        let stricter = try setup.context(coverageYAML: "stale_after: 2h")
        #expect(stricter.coverageRules != context.coverageRules)
        #expect(try await source(stricter, store: store, now: now) == .computed)
        let printed = try await stricter.coverageText(by: nil, format: "json", now: now)
        #expect(!printed.contains("987654"))
        #expect(printed.contains("\"stale_after_seconds\" : 7200"))
        // The same rules spelled in the config again: the stored result holds.
        let same = try setup.context(coverageYAML: "stale_after: 7d")
        #expect(try await source(same, store: store, now: now) == .stored)
    }

    @Test func aPlantedResultIsNotPrintedOutsideItsValidity() async throws {
        let setup = try await Setup()
        defer { setup.remove() }
        let (context, store, planted) = try await plantedAfterPublishing(setup)
        let now = setup.generated.now
        let validUntil = try #require(planted.validUntil)
        // The generated second pass is an hour old: its checks go stale in just under seven days.
        #expect(validUntil > now.addingTimeInterval(6 * 86_400) && validUntil < now.addingTimeInterval(7 * 86_400))

        let lastMoment = validUntil.addingTimeInterval(-0.01)
        #expect(try await source(context, store: store, now: lastMoment) == .stored)
        #expect(try await context.coverageText(by: nil, format: "table", now: lastMoment).contains("987654"))
        #expect(try await source(context, store: store, now: validUntil) == .computed)
        let printed = try await context.coverageText(by: nil, format: "table", now: validUntil)
        #expect(!printed.contains("987654"))
        // Time passing does change the figure: once every check is stale, nothing is covered.
        let atPublication = try await context.currentCoverage(store: store, now: now).report
        let weekLater = try await context.currentCoverage(store: store, now: now.addingTimeInterval(8 * 86_400)).report
        #expect(atPublication.products.covered > 0 && weekLater.products.covered == 0)
        // A clock set back before the computation does not use it either.
        #expect(try await source(context, store: store, now: now.addingTimeInterval(-1)) == .computed)
    }
}
