import Foundation
import Testing

@testable import OCOPCore

/// Breakdown rows are finished in place (docs/0012, twelfth round): the order must be that of
/// a stable sort of the rows in order of first appearance.
@Suite struct BreakdownOrderTests {
    @Test func rowsAreInStandardOrderAndTiesKeepTheirOrderOfAppearance() {
        var numbers = SeededNumbers(seed: 12)
        // Producer ids in a scrambled order, some equal to others but for case ("e7", "E7"),
        // which the standard order does not tell apart.
        let ids = (0..<200).map { index in
            let number = numbers.next(60)
            return numbers.next(3) == 0 ? "E\(number)" : "e\(number)"
        }
        let producerIDs = ids.reduce(into: [String]()) { seen, id in
            if !seen.contains(id) { seen.append(id) }
        }
        let products = producerIDs.enumerated().map { index, producer in
            Product(
                id: String(format: "P%04d", index), name: "Sản phẩm \(index)", producerID: producer, stars: 3,
                group: "I.1", region: Region(districtCode: producer))
        }
        let producers = producerIDs.map { Producer(id: $0, name: "HTX \($0)", type: "cooperative") }
        let report = CoverageCalculator().report(
            producers: producers, products: products, listings: [], now: Date(timeIntervalSince1970: 1_800_000_000))

        // An insertion sort: stable whatever the standard library's sort is.
        var expected: [String] = []
        for id in producerIDs {
            let position = expected.firstIndex { StandardOrder.precedes(id, $0) } ?? expected.count
            expected.insert(id, at: position)
        }
        #expect(expected != producerIDs)
        #expect(producerIDs.contains { id in producerIDs.contains { $0 != id && $0.lowercased() == id.lowercased() } })
        #expect(report.breakdowns[.producer]?.map(\.key) == expected)
        #expect(report.breakdowns[.region]?.map(\.key) == expected)
        #expect(report.breakdowns[.producer]?.allSatisfy { $0.producers.total == 1 && $0.products.total == 1 } == true)
        #expect(report.breakdowns[.producer]?.map(\.label) == expected.map { "HTX \($0)" })
    }

    /// Finishing hands the rows over and starts afresh: rows added after it are new rows, even
    /// under the key of the last row added before it.
    @Test func finishingLeavesTheGroupsEmpty() {
        var groups = CoverageCalculator.Groups(productTarget: 100, producerTarget: 100, producerCount: 2)
        groups.add("b", "B", .covered, producer: 0)
        groups.add("a", "A", .uncovered, producer: 1)
        #expect(groups.finished().map(\.key) == ["a", "b"])
        groups.add("a", "A again", .covered, producer: 0)
        let again = groups.finished()
        #expect(again.map(\.label) == ["A again"])
        #expect(again.first?.products.covered == 1 && again.first?.products.total == 1)
        #expect(again.first?.producers.total == 1)
    }
}
