import Foundation
import OCOPCore
import OCOPSync
import Testing

/// One read of a feed answers every listing of its marketplace, so those listings are scheduled
/// as one: the feed is read once per interval, and a failed read is one failed request.
@Suite("Feed reads in the schedule")
struct FeedReadScheduleTests {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)
    static let interval: TimeInterval = 3_600
    static let configuration = CheckPlanner.Configuration(
        schedule: .init(defaultInterval: interval),
        breaker: .init(window: 20, threshold: 0.6, minimumSamples: 10, cooldown: Backoff(base: 900, cap: 3_600)),
        defaultRequestsPerHour: 36_000
    )
    let listings = (0..<40).map { Listing(productID: "P\($0)", marketplace: .tiki, url: "https://tiki.vn/x-p\($0).html") }

    func planner() -> CheckPlanner {
        var planner = CheckPlanner(configuration: Self.configuration)
        planner.sync(with: listings, at: Self.start)
        return planner
    }

    func dueTimes(_ planner: CheckPlanner) -> Set<Date> {
        Set(listings.map { planner.schedule.entry(for: $0.key)!.nextDue })
    }

    @Test func theListingsOfOneReadFallDueTogetherOneIntervalLater() {
        var planner = planner()
        // Placed over the interval as new listings are, each on a phase of its own.
        #expect(dueTimes(planner).count == listings.count)
        let readAt = Self.start.addingTimeInterval(600)
        planner.recordRead(listings.map { (key: $0.key, status: .active) }, at: readAt)
        #expect(dueTimes(planner) == [readAt.addingTimeInterval(Self.interval)])
        // And they stay together at the next read.
        let next = readAt.addingTimeInterval(Self.interval + 5)
        planner.recordRead(listings.map { (key: $0.key, status: .delisted) }, at: next)
        #expect(dueTimes(planner) == [next.addingTimeInterval(Self.interval)])
    }

    @Test func aFailedReadIsRetriedOnceForAllWithTheLongestRunOfFailures() throws {
        var planner = planner()
        let earlier = Self.start.addingTimeInterval(60)
        planner.record(listings[0].key, status: .unreachable, at: earlier)
        planner.record(listings[0].key, status: .unreachable, at: earlier)
        let readAt = Self.start.addingTimeInterval(600)
        planner.recordRead(listings.map { (key: $0.key, status: .unreachable) }, at: readAt)
        let retries = dueTimes(planner)
        #expect(retries.count == 1)
        let retry = try #require(retries.first)
        #expect(retry > readAt && retry < readAt.addingTimeInterval(Self.interval))
        #expect(listings.allSatisfy { planner.schedule.entry(for: $0.key)!.consecutiveFailures == 3 })
    }

    @Test func aReadThatSettledSomeListingsWaitsForTheNextReadForTheOthers() throws {
        var planner = planner()
        let readAt = Self.start.addingTimeInterval(600)
        planner.recordRead(listings.enumerated().map { (key: $1.key, status: $0 == 7 ? .unparseable : .active) }, at: readAt)
        #expect(dueTimes(planner) == [readAt.addingTimeInterval(Self.interval)])
        // Reads that succeeded are no run of failures: one that fails after many of them
        // retries soon, not after the longest backoff.
        for round in 1...9 {
            let at = readAt.addingTimeInterval(Double(round) * Self.interval)
            planner.recordRead(listings.enumerated().map { (key: $1.key, status: $0 == 7 ? .unparseable : .active) }, at: at)
        }
        #expect(planner.schedule.entry(for: listings[7].key)!.consecutiveFailures == 0)
        let failedAt = readAt.addingTimeInterval(10 * Self.interval)
        planner.recordRead(listings.map { (key: $0.key, status: .unreachable) }, at: failedAt)
        let retry = try #require(dueTimes(planner).first)
        #expect(retry < failedAt.addingTimeInterval(Self.interval / 2), "\(retry.timeIntervalSince(failedAt)) s")
    }

    @Test func aBlockedReadIsOneRequestToTheBreaker() {
        var planner = planner()
        let readAt = Self.start.addingTimeInterval(600)
        planner.recordRead(listings.map { (key: $0.key, status: .blocked) }, at: readAt)
        #expect(planner.breakers[.tiki]?.state == .closed, "one blocked read of 40 listings is one sample of ten")
        for round in 1...9 {
            planner.recordRead(listings.map { (key: $0.key, status: .blocked) }, at: readAt.addingTimeInterval(Double(round)))
        }
        #expect(planner.breakers[.tiki]?.state != .closed, "ten blocked reads are")
    }
}
