import Foundation
import OCOPCore
import OCOPSync
import Testing

/// The daemon's two scheduling needs added to the planner: a short window for the first checks
/// that does not bunch the later ones, and a per-marketplace capacity for what is handed out.
@Suite("First-check window and capacity")
struct FirstChecksAndCapacityTests {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)
    static let hour: TimeInterval = 3_600

    static func listings(_ count: Int, on marketplace: MarketplaceID) -> [Listing] {
        (0..<count).map { Listing(productID: "P\($0)", marketplace: marketplace, url: "https://\(marketplace).vn/\($0)") }
    }

    @Test("first checks fall within the window, the following ones are spread over the interval")
    func firstWindowKeepsPhasesSpread() throws {
        var schedule = ListingSchedule(configuration: .init(defaultInterval: 6 * Self.hour, firstCheckWindow: 60))
        let listings = Self.listings(120, on: .tiki)
        schedule.sync(with: listings, at: Self.start)
        for listing in listings {
            let entry = try #require(schedule.entry(for: listing.key))
            #expect(entry.nextDue >= Self.start && entry.nextDue < Self.start.addingTimeInterval(60))
        }

        // Every listing checked (active) at its first due time: each next check is on its phase,
        // at least half an interval later, so together they fill six hours (from 3 h to 9 h),
        // about a tenth of them per tenth, instead of all coming due together again.
        for listing in listings {
            let due = try #require(schedule.entry(for: listing.key)).nextDue
            schedule.record(listing.key, status: .active, at: due)
        }
        var slices = [Int](repeating: 0, count: 10)
        for listing in listings {
            let offset = try #require(schedule.entry(for: listing.key)).nextDue.timeIntervalSince(Self.start)
            #expect(offset >= 3 * Self.hour && offset < 9 * Self.hour)
            slices[min(9, max(0, Int((offset - 3 * Self.hour) / (0.6 * Self.hour))))] += 1
        }
        #expect(slices.allSatisfy { $0 <= 120 / 10 + 2 }, "\(slices)")
    }

    @Test("without a window, first checks spread over the whole interval as before")
    func noWindowSpreadsOverTheInterval() throws {
        var schedule = ListingSchedule(configuration: .init(defaultInterval: 6 * Self.hour))
        let listings = Self.listings(60, on: .tiki)
        schedule.sync(with: listings, at: Self.start)
        let dues = try listings.map { try #require(schedule.entry(for: $0.key)).nextDue }
        let anchors = try listings.map { try #require(schedule.entry(for: $0.key)).anchor }
        #expect(dues == anchors)
        #expect(try #require(dues.max()).timeIntervalSince(Self.start) > 5 * Self.hour)
    }

    @Test("capacity bounds what is handed out per marketplace and charges nothing beyond it")
    func capacityBoundsEachMarketplace() {
        var planner = CheckPlanner(
            configuration: .init(schedule: .init(defaultInterval: Self.hour, firstCheckWindow: 1), defaultRequestsPerHour: 600)
        )
        planner.sync(with: Self.listings(10, on: .tiki) + Self.listings(10, on: .shopee), at: Self.start)
        let now = Self.start.addingTimeInterval(2)

        let first = planner.next(at: now, limit: 100, capacity: [.tiki: 2, .shopee: 0])
        #expect(first.count == 2)
        #expect(first.allSatisfy { planner.schedule.entry(for: $0)?.marketplace == .tiki })
        // Shopee's budget (burst 10) was not charged: all ten can go once it has room.
        let shopee = planner.next(at: now, limit: 100, capacity: [.tiki: 0])
        #expect(shopee.count == 10)
        #expect(shopee.allSatisfy { planner.schedule.entry(for: $0)?.marketplace == .shopee })
        // Absent from `capacity`: no limit but the budget (burst 10, 2 already used).
        #expect(planner.next(at: now, limit: 100).count == 8)
    }
}
