import Foundation
import Testing

@testable import OCOPCore

/// The fast path of ``StandardOrder`` must never disagree with `localizedStandardCompare`.
@Suite struct StandardOrderTests {
    static let keys = [
        "DT-E-000000", "DT-E-000001", "DT-E-000010", "DT-E-016664", "DT-E-16664", "DT-E-1", "DT-E-2", "DT-E-10",
        "dt-e-000002", "DT-E-00000A", "DT-F-000000", "DT-E-000000-2", "DT-E-000000/1", "872", "866/(không rõ)",
        "866/Phường 1", "866", "9", "10", "010", "a1b2", "a1b10", "a01b2", "A1B2", "", "Sen Hồng 1", "Sen Hồng 10",
        "tiki", "tiki (không tính / not counted)", "shopee", "5", "4", "3",
    ]

    @Test func agreesWithLocalizedStandardCompareOnEveryPair() {
        var disagreements: [String] = []
        for left in Self.keys {
            for right in Self.keys {
                let expected = left.localizedStandardCompare(right) == .orderedAscending
                if StandardOrder.precedes(left, right) != expected {
                    disagreements.append("\(left) vs \(right)")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
    }

    @Test func bytesDecideOnlyForDigitRunsOfTheSameLength() {
        #expect(StandardOrder.fastPrecedes("DT-E-000009", "DT-E-000010") == true)
        #expect(StandardOrder.fastPrecedes("DT-E-000010", "DT-E-000009") == false)
        #expect(StandardOrder.fastPrecedes("DT-E-000010", "DT-E-000010") == false)
        #expect(StandardOrder.fastPrecedes("DT-E-9", "DT-E-10") == nil)
        #expect(StandardOrder.fastPrecedes("DT-E-1", "DT-F-1") == nil)
        #expect(StandardOrder.fastPrecedes("DT-E-1", "DT-F-1", byClass: true) == true)
        #expect(StandardOrder.fastPrecedes("a12", "a1b", byClass: true) == nil)
        #expect(StandardOrder.fastPrecedes("a\u{1}z", "a1", byClass: true) == nil)
        #expect(StandardOrder.fastPrecedes("Hồng 1", "Hồng 2") == nil)
    }

    @Test func sortsIdsLikeFoundation() {
        let ids = (0..<300).map { "DT-E-\(String(format: "%06d", ($0 * 7919) % 1000))" } + ["DT-E-7", "dt-e-000005"]
        let fast = ids.sorted(by: StandardOrder.precedes)
        let reference = ids.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        #expect(fast == reference)
    }

    /// Random ASCII strings with a common start: wherever the bytes decide, Foundation agrees,
    /// and they decide most pairs (so the publication's breakdowns seldom ask ICU).
    @Test func bytesDecideAsFoundationDoesOnRandomASCII() {
        var numbers = SeededNumbers(seed: 11)
        let printable = (0x20..<0x7F).map { UInt8($0) }
        let pool = printable + Array("abcxyzABCXYZ0123456789".utf8) + [0x01, 0x09]
        func text(_ count: Int) -> [UInt8] { (0..<count).map { _ in pool[numbers.next(pool.count)] } }
        var decided = 0
        var disagreements: [String] = []
        for _ in 0..<20_000 {
            let start = text(numbers.next(5))
            let left = String(decoding: start + text(numbers.next(5)), as: UTF8.self)
            let right = String(decoding: start + text(numbers.next(5)), as: UTF8.self)
            guard let fast = StandardOrder.fastPrecedes(left, right, byClass: true) else { continue }
            decided += 1
            if fast != (left.localizedStandardCompare(right) == .orderedAscending) {
                disagreements.append("\(left.debugDescription) vs \(right.debugDescription)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
        #expect(decided > 10_000)
    }
}
