import MockMarketplace
import OCOPCore
import Testing

@Suite("Fault selection")
struct FaultScheduleTests {
    /// Decides `count` requests for one item and returns the indexes of the faulted ones.
    private func faulted(
        _ schedule: inout MockFaultSchedule,
        count: Int,
        marketplace: MarketplaceID = .shopee,
        itemID: String = "1"
    ) -> [Int] {
        (0..<count).filter { _ in schedule.decide(marketplace: marketplace, itemID: itemID).fault != nil }
    }

    @Test func firstHitsOnlyTheFirstMatchingRequests() {
        var schedule = MockFaultSchedule(faults: [MockFault(.reset, selection: .first(2))])
        #expect(faulted(&schedule, count: 6) == [0, 1])
    }

    @Test(arguments: [0.0, 0.1, 0.25, 0.333, 0.5, 0.9, 1.0])
    func ratioHitsItsShareEvenly(ratio: Double) {
        var schedule = MockFaultSchedule(faults: [MockFault(.captcha, selection: .ratio(ratio))])
        let hits = faulted(&schedule, count: 1000)
        #expect(hits.count == Int((ratio * 1000).rounded(.down)))
        // Evenly spread: no window of 100 requests is far from its share.
        for start in stride(from: 0, to: 900, by: 100) {
            let inWindow = hits.filter { (start..<(start + 100)).contains($0) }.count
            #expect(abs(Double(inWindow) - ratio * 100) <= 1)
        }
    }

    @Test func ratioIsByCountSoTheTenthRequestIsTheFirstHit() {
        var schedule = MockFaultSchedule(faults: [MockFault(.captcha, selection: .ratio(0.1))])
        #expect(faulted(&schedule, count: 30) == [9, 19, 29])
    }

    @Test func theSeedShiftsWhichRequestsAreHit() {
        var shifted = MockFaultSchedule(faults: [MockFault(.captcha, selection: .ratio(0.1))], seed: 3)
        #expect(faulted(&shifted, count: 30) == [6, 16, 26])
    }

    @Test func sameScenarioSameRequestsSameFaults() {
        let faults = [
            MockFault(.latency(milliseconds: 5), selection: .ratio(0.3)),
            MockFault(.captcha, marketplace: .shopee, selection: .ratio(0.2)),
            MockFault(.status(code: 503, retryAfter: nil), selection: .first(3)),
        ]
        var first = MockFaultSchedule(faults: faults, seed: 7)
        var second = MockFaultSchedule(faults: faults, seed: 7)
        let requests: [(MarketplaceID, String)] = (0..<200).map { index in
            ([MarketplaceID.shopee, .tiki, .lazada][index % 3], String(index % 11))
        }
        let one = requests.map { first.decide(marketplace: $0.0, itemID: $0.1) }
        let two = requests.map { second.decide(marketplace: $0.0, itemID: $0.1) }
        #expect(one == two)
        #expect(one.contains { $0.fault == .captcha })
    }

    @Test func selectorsRestrictByMarketplaceAndItem() {
        var schedule = MockFaultSchedule(faults: [MockFault(.reset, marketplace: .tiki, itemID: "42")])
        #expect(schedule.decide(marketplace: .tiki, itemID: "42").fault == .reset)
        #expect(schedule.decide(marketplace: .tiki, itemID: "43").fault == nil)
        #expect(schedule.decide(marketplace: .lazada, itemID: "42").fault == nil)
        #expect(schedule.decide(marketplace: .feed, itemID: nil).fault == nil)
        #expect(schedule.seenCounts == [1])
    }

    @Test func latencyAddsUpAndLetsOtherFaultsHit() {
        var schedule = MockFaultSchedule(faults: [
            MockFault(.latency(milliseconds: 100)),
            MockFault(.latency(milliseconds: 20), marketplace: .tiki),
            MockFault(.invalidUTF8, marketplace: .tiki),
        ])
        #expect(
            schedule.decide(marketplace: .tiki, itemID: "1")
                == MockFaultDecision(latencyMilliseconds: 120, fault: .invalidUTF8, hitFaults: [0, 1, 2])
        )
        #expect(
            schedule.decide(marketplace: .lazada, itemID: "1")
                == MockFaultDecision(latencyMilliseconds: 100, hitFaults: [0])
        )
    }

    @Test func aRequestHitByOneFaultIsNotSeenByTheFollowingOnes() {
        var schedule = MockFaultSchedule(faults: [
            MockFault(.status(code: 429, retryAfter: 1), selection: .first(1)),
            MockFault(.reset, selection: .first(1)),
        ])
        #expect(schedule.decide(marketplace: .tiki, itemID: "1").fault == .status(code: 429, retryAfter: 1))
        #expect(schedule.decide(marketplace: .tiki, itemID: "1").fault == .reset)
        #expect(schedule.decide(marketplace: .tiki, itemID: "1").fault == nil)
        #expect(schedule.seenCounts == [3, 2])
    }
}
