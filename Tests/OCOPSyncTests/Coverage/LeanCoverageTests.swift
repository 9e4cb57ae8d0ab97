import Foundation
import OCOPCore
import OCOPReport
import OCOPStore
import Testing

@testable import OCOPSync

/// `coverage` and `publish` compute the figure from each listing's facts and read observations
/// only for the listings the report and the alerts show. Both shortcuts must agree with the
/// detailed path (every observation, every reason) on a real SQLite file and on the memory store.
@Suite struct LeanCoverageTests {
    enum Backend: String, CaseIterable {
        case sqlite
        case memory
    }

    /// A filled store of `backend`, and the folder that holds its file (removed at the end).
    func filledStore(_ backend: Backend, _ generated: GeneratedCatalog) async throws -> (any ObservationStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ocop-lean-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store: any ObservationStore =
            switch backend {
            case .sqlite: try SQLiteStore(path: folder.appendingPathComponent("ocop-watch.sqlite").path)
            case .memory: MemoryStore()
            }
        try await generated.fill(store)
        return (store, folder)
    }

    /// The detailed report as the lean one gives it: the summary line only, no online listings.
    func summarised(_ report: CoverageReport) -> CoverageReport {
        var report = report
        for index in report.productCoverage.indices {
            report.productCoverage[index].reasons = Array(report.productCoverage[index].reasons.prefix(1))
            report.productCoverage[index].onlineListings = []
        }
        return report
    }

    @Test(arguments: Backend.allCases)
    func theStoreCountsTheFactsOfItsEvidence(_ backend: Backend) async throws {
        let generated = GeneratedCatalog(seed: 7, products: 120, now: Date(timeIntervalSince1970: 1_780_000_000))
        let (store, folder) = try await filledStore(backend, generated)
        defer { try? FileManager.default.removeItem(at: folder) }

        let calculator = CoverageCalculator()
        let counted = try await store.coverage(rules: calculator.rules, now: generated.now)
        let catalog = try await store.catalog()
        let evidence = try await store.evidence()
        let facts = evidence.map(ListingFacts.init)
        #expect(counted.producers == catalog.producers)
        #expect(counted.products == catalog.products)
        #expect(
            counted.report
                == calculator.report(producers: catalog.producers, products: catalog.products, listings: facts, now: generated.now))
        #expect(counted.validUntil == calculator.validUntil(listings: facts, from: generated.now))
        #expect(counted.validUntil != nil)
        #expect(facts.count == generated.current.listings.count)
        #expect(facts.contains { $0.conclusive == nil })
        #expect(facts.contains { $0.conclusive != nil })

        let delisted = try await store.concludedListings(ofProducts: [], orConcluded: [.delisted])
        #expect(!delisted.isEmpty)
        #expect(delisted == evidence.filter { $0.latestConclusive?.status == .delisted }.compactMap(ConcludedListing.init))
        let allProducts = Set(generated.current.products.map(\.id))
        #expect(try await store.evidence(ofProducts: allProducts) == evidence)
        #expect(try await store.evidence(ofProducts: []).isEmpty)
        // Listings never checked conclusively are left out of what alerts read.
        let allConcluded = try await store.concludedListings(ofProducts: allProducts, orConcluded: [])
        #expect(allConcluded == evidence.compactMap(ConcludedListing.init))
        #expect(allConcluded.count < evidence.count)

        // What publishing asks for, selected by the store, is what the same filter over all evidence gives.
        let products = Set(generated.current.products.map(\.id).sorted().prefix(7))
        let shown = try await store.evidence(ofProducts: products)
        #expect(shown == evidence.filter { products.contains($0.listing.productID) })
        for statuses: Set<ListingStatus> in [[], [.delisted], [.delisted, .outOfStock], Set(ListingStatus.allCases)] {
            let expected = evidence.filter { item in
                products.contains(item.listing.productID) || item.latestConclusive.map { statuses.contains($0.status) } == true
            }
            let concluded = try await store.concludedListings(ofProducts: products, orConcluded: statuses)
            #expect(concluded == expected.compactMap(ConcludedListing.init), "statuses \(statuses.sorted { $0.rawValue < $1.rawValue })")
            #expect(concluded.contains { !products.contains($0.listing.productID) } == !statuses.isEmpty)
        }
    }

    @Test(
        arguments: Backend.allCases,
        [
            CoverageRules(),
            CoverageRules(onlineStatuses: [.active], staleAfter: 86_400),
            CoverageRules(staleAfter: 30 * 86_400, marketplaces: [.shopee, .tiki, .sendo], sellerRelations: [.ownShop, .unknown]),
            CoverageRules(windows: [:], certificateStatuses: [.active, .expired], productTarget: 50, producerTarget: 80),
        ])
    func leanAndDetailedReportsAgree(_ backend: Backend, rules: CoverageRules) async throws {
        let generated = GeneratedCatalog(seed: 11, products: 300, now: Date(timeIntervalSince1970: 1_780_000_000))
        let (store, folder) = try await filledStore(backend, generated)
        defer { try? FileManager.default.removeItem(at: folder) }

        let calculator = CoverageCalculator(rules: rules)
        let lean = try await store.coverage(rules: rules, now: generated.now).report
        let catalog = try await store.catalog()
        let evidence = try await store.evidence()
        let detailed = calculator.report(
            producers: catalog.producers,
            products: catalog.products,
            evidence: evidence,
            now: generated.now
        )
        #expect(lean == summarised(detailed))
        // Every state and dimension occurs, so the comparison has something to disagree on.
        #expect(lean.products.covered > 0 && lean.products.uncovered > 0 && lean.products.unverified > 0)
        #expect(CoverageDimension.allCases.allSatisfy { !(lean.breakdowns[$0] ?? []).isEmpty })

        // Listings in another order give the same figure.
        let shuffled = calculator.report(
            producers: catalog.producers,
            products: catalog.products.reversed(),
            listings: evidence.map(ListingFacts.init).reversed(),
            now: generated.now
        )
        #expect(shuffled == lean)
    }

    @Test(arguments: Backend.allCases)
    func alertsAndTheReportNeedOnlyWhatTheyShow(_ backend: Backend) async throws {
        let generated = GeneratedCatalog(seed: 23, products: 300, now: Date(timeIntervalSince1970: 1_780_000_000))
        let (store, folder) = try await filledStore(backend, generated)
        defer { try? FileManager.default.removeItem(at: folder) }
        let context = try WatchContext(configPath: nil, verbose: false, command: "test")

        let input = try await context.currentCoverage(store: store, now: generated.now)
        let lean = input.report
        let shown = try await context.shownEvidence(of: HTMLReport(coverage: lean).listedProducts, store: store)
        let alerted = try await context.alertedListings(of: lean, store: store)
        let evidence = try await store.evidence()
        let detailed = CoverageCalculator(rules: context.coverageRules).report(
            producers: input.producers,
            products: input.products,
            evidence: evidence,
            now: generated.now
        )
        #expect(lean == summarised(detailed))
        #expect(shown.count < evidence.count)
        #expect(alerted.count < evidence.count)
        #expect(!alerted.isEmpty && !shown.isEmpty)

        let evaluator = AlertEvaluator(rules: context.alertRules)
        let checks: [MarketplaceID: [ListingStatus: Int]] = [.tiki: [.active: 3, .blocked: 40]]
        let fromShown = evaluator.conditions(
            coverage: lean,
            passChecks: checks,
            concluded: alerted,
            lastSuccessfulPass: generated.now,
            now: generated.now
        )
        let fromAll = evaluator.conditions(
            coverage: detailed,
            passChecks: checks,
            concluded: evidence.compactMap(ConcludedListing.init),
            lastSuccessfulPass: generated.now,
            now: generated.now
        )
        #expect(fromShown == fromAll)
        #expect(Set(fromAll.map(\.kind)).isSuperset(of: [.productLostCoverage, .listingDelisted, .listingOutOfStock]))

        let leanHTML = HTMLReport(coverage: lean, producers: input.producers, evidence: shown).render()
        let detailedHTML = HTMLReport(coverage: detailed, producers: input.producers, evidence: evidence).render()
        #expect(leanHTML == detailedHTML)
    }
}
