import Foundation
import OCOPCore
import OCOPSync
import Testing

@Suite("CheckPlanner")
struct CheckPlannerTests {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)
    static let configuration = CheckPlanner.Configuration(
        schedule: .init(defaultInterval: 3_600),
        breaker: .init(window: 20, threshold: 0.6, minimumSamples: 10, cooldown: Backoff(base: 900, cap: 3_600)),
        requestsPerHour: [.lazada: 60],
        defaultRequestsPerHour: 36_000
    )

    static func listings(_ count: Int, on marketplace: MarketplaceID) -> [Listing] {
        (0..<count).map { index in
            Listing(productID: "P\(index)", marketplace: marketplace, url: "https://\(marketplace).vn/\(index)")
        }
    }

    @Test("an open breaker stops its marketplace, the loop sleeps until the probe, the probe closes it")
    func breakerGatesTraffic() throws {
        var planner = CheckPlanner(configuration: Self.configuration)
        planner.sync(with: Self.listings(30, on: .shopee), at: Self.start)
        let now = Self.start.addingTimeInterval(3_600)

        let first = planner.next(at: now, limit: 20)
        #expect(first.count == 20)
        for (index, key) in first.enumerated() {
            planner.record(key, status: index < 12 ? .blocked : .active, at: now)
        }
        let reopening = now.addingTimeInterval(900)
        #expect(planner.breakers[.shopee]?.state == .open(until: reopening))

        // Ten listings are still overdue, yet nothing goes and the loop is told to sleep.
        #expect(planner.next(at: now, limit: 100).isEmpty)
        #expect(planner.nextWake(at: now) == reopening)

        let probe = planner.next(at: reopening, limit: 100)
        #expect(probe.count == 1)
        #expect(planner.breakers[.shopee]?.state == .halfOpen)
        #expect(planner.next(at: reopening, limit: 100).isEmpty)

        planner.record(probe[0], status: .active, at: reopening)
        #expect(planner.breakers[.shopee]?.state == .closed)
        #expect(planner.next(at: reopening, limit: 100).count == 9 + 12)
    }

    @Test("a spent budget holds its marketplace back without holding the others")
    func budgetGatesTraffic() throws {
        var planner = CheckPlanner(configuration: Self.configuration)
        planner.sync(with: Self.listings(5, on: .lazada) + Self.listings(5, on: .tiki), at: Self.start)
        let now = Self.start.addingTimeInterval(3_600)

        let keys = planner.next(at: now, limit: 100)
        let byMarketplace = Dictionary(grouping: keys) { planner.schedule.entry(for: $0)?.marketplace }
        #expect(byMarketplace[.lazada]?.count == 1)
        #expect(byMarketplace[.tiki]?.count == 5)
        // 60 per hour: the next lazada request may go a minute later.
        #expect(planner.nextWake(at: now) == now.addingTimeInterval(60))
        #expect(planner.next(at: now.addingTimeInterval(60), limit: 100).count == 1)
    }

    @Test("a feed's due listings go out together, as one request against the budget and the limit")
    func feedListingsGoTogether() throws {
        var planner = CheckPlanner(configuration: Self.configuration)
        planner.sync(with: Self.listings(5, on: .lazada) + Self.listings(5, on: .tiki), at: Self.start)
        let now = Self.start.addingTimeInterval(3_600)

        // One request allowed (lazada's budget, and one slot for its feed): it checks all five.
        let keys = planner.next(at: now, limit: 1, capacity: [.lazada: 1], feeds: [.lazada])
        #expect(Set(keys.compactMap { planner.schedule.entry(for: $0)?.marketplace }) == [.lazada])
        #expect(keys.count == 5)
        // The feed took the one slot; with more, Tiki's listings go a request each.
        #expect(planner.next(at: now, limit: 3, feeds: [.lazada]).count == 3)
        #expect(planner.next(at: now, limit: 0, feeds: [.lazada]).isEmpty)
    }

    @Test("A planner stored whole by an earlier version is read with its schedule, all of it to save as records")
    func wholePlannerOfEarlierVersions() throws {
        var planner = CheckPlanner(configuration: Self.configuration)
        planner.sync(with: Self.listings(10, on: .lazada) + Self.listings(10, on: .shopee), at: Self.start)
        planner.scheduleSaved()
        var object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(planner)) as? [String: Any])
        object["schedule"] = try JSONSerialization.jsonObject(with: JSONEncoder().encode(planner.schedule))
        let whole = try JSONSerialization.data(withJSONObject: object)

        var decoded = try JSONDecoder().decode(CheckPlanner.self, from: whole)
        decoded.configuration = Self.configuration
        #expect(decoded == planner)
        #expect(decoded.scheduleChanges().saving.keys.count == 20)
    }

    @Test("nothing scheduled, nothing to wake for")
    func empty() {
        #expect(CheckPlanner().nextWake(at: Self.start) == nil)
    }

    @Test("Codable round trip, the schedule apart as records; assigning the configuration re-applies it")
    func codable() throws {
        var planner = CheckPlanner(configuration: Self.configuration)
        planner.sync(with: Self.listings(10, on: .lazada) + Self.listings(10, on: .shopee), at: Self.start)
        let now = Self.start.addingTimeInterval(3_600)
        for key in planner.next(at: now, limit: 100) {
            planner.record(key, status: .blocked, at: now)
        }

        let data = try JSONEncoder().encode(planner)
        var decoded = try JSONDecoder().decode(CheckPlanner.self, from: data)
        decoded.configuration = Self.configuration
        #expect(decoded.schedule.count == 0, "the schedule is not in the planner's value")
        decoded.restoreSchedule(entries: try planner.scheduleChanges().saving.dictionary().values.map(ScheduleRecords.entry(from:)))
        #expect(decoded == planner)

        var lowered = Self.configuration
        lowered.requestsPerHour[.shopee] = 0
        decoded.configuration = lowered
        #expect(decoded.budgets[.shopee]?.requestsPerHour == 0)
        #expect(decoded.schedule.configuration == lowered.schedule)
    }
}
