import Foundation
import OCOPCore
import Testing

@Suite struct CoverageChangesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func coverage(_ states: [String: CoverageState]) -> CoverageReport {
        let items = states.sorted { $0.key < $1.key }.map { id, state in
            ProductCoverage(
                product: Product(id: id, name: "Sản phẩm \(id)", producerID: "E1", stars: 3, group: "I.1"),
                state: state,
                reasons: ["\(state.rawValue): because"],
                onlineListings: []
            )
        }
        return CoverageReport(
            generatedAt: now,
            rules: CoverageRules(),
            products: CoverageTally(),
            producers: CoverageTally(),
            productCoverage: items,
            breakdowns: [:]
        )
    }

    @Test func statesListEveryCountedProductOnceSorted() {
        let states = ProductStates(coverage(["P3": .covered, "P1": .covered, "P2": .uncovered, "P4": .unverified]))
        #expect(states.covered == ["P1", "P3"])
        #expect(states.uncovered == ["P2"])
        #expect(states.unverified == ["P4"])
        #expect(states.count == 4)
        #expect(states.byProduct["P4"] == .unverified)
    }

    @Test func statesRoundTripThroughJSONCompactly() throws {
        let states = ProductStates(coverage(["P1": .covered, "P2": .uncovered]))
        let data = try JSONEncoder().encode(states)
        #expect(try JSONDecoder().decode(ProductStates.self, from: data) == states)
        #expect(String(decoding: data, as: UTF8.self).count < 80)
    }

    @Test func changesSortProductsByWhereTheyWent() {
        let before = ProductStates(covered: ["P1", "P2"], uncovered: ["P3"], unverified: ["P4", "P9"])
        let after = coverage([
            "P1": .covered,  // unchanged
            "P2": .uncovered,  // lost
            "P3": .covered,  // gained
            "P4": .uncovered,
            "P10": .uncovered,  // new certificate, no listing
            "P11": .covered,  // new certificate, listed
        ])
        let changes = CoverageChanges(from: before, at: now - 7 * 86_400, to: after)
        #expect(changes.newlyCovered.map(\.product.id) == ["P3", "P11"])
        #expect(changes.newlyUncovered.map(\.product.id) == ["P2", "P4", "P10"])
        #expect(changes.newlyUncovered.map(\.from) == [.covered, .unverified, nil])
        #expect(changes.newlyUnverified.isEmpty)
        #expect(changes.noLongerCounted == ["P9"])
        #expect(changes.newlyCovered.first?.reason == "covered: because")
        #expect(changes.since == now - 7 * 86_400)
        #expect(changes.until == now)
        #expect(changes.before == before)
        #expect(changes.after.count == 6)
        #expect(!changes.isEmpty)
    }

    @Test func identicalStatesMeanNoChange() {
        let report = coverage(["P1": .covered, "P2": .unverified])
        let changes = CoverageChanges(from: ProductStates(report), at: now - 60, to: report)
        #expect(changes.isEmpty)
        #expect(changes.changes.isEmpty)
    }
}
