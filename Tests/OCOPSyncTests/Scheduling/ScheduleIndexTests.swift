import Foundation
import OCOPCore
import OCOPSync
import OCOPTestSupport
import Testing

/// The schedule answers "when next?" and "what is due?" from an index of due times; these tests
/// hold those answers to what a walk over every entry gives, through a long random sequence of
/// the daemon's operations.
@Suite("ListingSchedule's index of due times")
struct ScheduleIndexTests {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)
    static let hour: TimeInterval = 3_600
    static let marketplaces: [MarketplaceID] = [.tiki, .shopee, .lazada]

    static func listing(_ index: Int) -> Listing {
        Listing(productID: "P\(index / 2)", marketplace: marketplaces[index % marketplaces.count], url: "https://example.vn/\(index)")
    }

    /// The earliest due time per marketplace, from every entry.
    static func walkedWakes(_ schedule: ListingSchedule, _ keys: [ListingKey]) -> [MarketplaceID: Date] {
        var wakes: [MarketplaceID: Date] = [:]
        for key in keys {
            guard let entry = schedule.entry(for: key) else { continue }
            wakes[entry.marketplace] = min(wakes[entry.marketplace] ?? .distantFuture, entry.nextDue)
        }
        return wakes
    }

    /// What `due(at:limit:allowance:)` must hand out, from every entry: due ones best first
    /// (never checked, then awaiting confirmation, then most overdue, then by key), within the
    /// allowance and the limit.
    static func walkedDue(
        _ schedule: ListingSchedule,
        _ keys: [ListingKey],
        at now: Date,
        limit: Int,
        allowance: [MarketplaceID: Int]?
    ) -> [ListingKey] {
        let due = keys.compactMap { schedule.entry(for: $0) }.filter { $0.nextDue <= now }.sorted { lhs, rhs in
            if lhs.isNeverChecked != rhs.isNeverChecked { return lhs.isNeverChecked }
            if lhs.awaitingConfirmation != rhs.awaitingConfirmation { return lhs.awaitingConfirmation }
            if lhs.nextDue != rhs.nextDue { return lhs.nextDue < rhs.nextDue }
            return lhs.key < rhs.key
        }
        var left = allowance
        var chosen: [ListingKey] = []
        for entry in due where chosen.count < limit {
            if let share = left?[entry.marketplace] {
                guard share > 0 else { continue }
                left?[entry.marketplace] = share - 1
            } else if left != nil {
                continue
            }
            chosen.append(entry.key)
        }
        return chosen
    }

    /// A few listings make stale items (a check's in-flight deadline, a time moved by a
    /// confirmation) reach the top of their heap often; many listings make the heaps deep.
    @Test("next wake and due listings match a walk over every entry", arguments: [(1, 9), (2, 30), (3, 300)])
    func indexAgreesWithAWalk(seed: UInt64, size: Int) {
        var random = SplitMix64(seed: seed)
        var configuration = ListingSchedule.Configuration(intervals: [.shopee: 2 * Self.hour], defaultInterval: 6 * Self.hour)
        configuration.firstCheckWindow = 600
        var schedule = ListingSchedule(configuration: configuration)
        var catalog = (0..<size).map(Self.listing)
        var nextIndex = size
        var keys = catalog.map(\.key)
        var now = Self.start
        schedule.sync(with: catalog, at: now)
        var inFlight: [ListingKey] = []
        var handedOut = 0
        let statuses: [ListingStatus] = [.active, .outOfStock, .delisted, .blocked, .unreachable, .unparseable]

        for step in 0..<1_000 {
            now = now.addingTimeInterval(Double(Int.random(in: 0...90, using: &random)))
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<4:
                let limit = Int.random(in: 1...20, using: &random)
                let allowance: [MarketplaceID: Int]? =
                    Bool.random(using: &random)
                    ? nil : [.tiki: Int.random(in: 0...5, using: &random), .lazada: Int.random(in: 0...5, using: &random)]
                let expected = Self.walkedDue(schedule, keys, at: now, limit: limit, allowance: allowance)
                let chosen = schedule.due(at: now, limit: limit, allowance: allowance)
                #expect(chosen == expected, "step \(step)")
                inFlight += chosen
                handedOut += chosen.count
            case 4..<8:
                guard !inFlight.isEmpty else { continue }
                let key = inFlight.remove(at: Int.random(in: 0..<inFlight.count, using: &random))
                schedule.record(key, status: statuses.randomElement(using: &random)!, at: now)
            case 8:
                guard let key = keys.randomElement(using: &random) else { continue }
                schedule.requestConfirmation(key, at: now)
            default:
                // The catalog changes: some listings leave, some arrive, some move marketplace.
                catalog = Array(catalog.dropFirst(min(catalog.count / 3, Int.random(in: 0...3, using: &random))))
                let arriving = Int.random(in: 0...3, using: &random)
                catalog += (nextIndex..<(nextIndex + arriving)).map(Self.listing)
                nextIndex += arriving
                if let moved = catalog.indices.randomElement(using: &random) {
                    catalog[moved].marketplace = Self.marketplaces.randomElement(using: &random)!
                }
                keys = catalog.map(\.key)
                inFlight.removeAll { key in !keys.contains(key) }
                schedule.sync(with: catalog, at: now)
            }
            #expect(schedule.nextWakeByMarketplace() == Self.walkedWakes(schedule, keys), "step \(step)")
            #expect(schedule.nextWake() == Self.walkedWakes(schedule, keys).values.min(), "step \(step)")
            let dueMarketplaces = Set(keys.compactMap { schedule.entry(for: $0) }.filter { $0.nextDue <= now }.map(\.marketplace))
            #expect(schedule.marketplacesWithDueListings(at: now) == dueMarketplaces, "step \(step)")
        }
        // The sequence exercised what it is meant to: many checks handed out and recorded.
        #expect(handedOut > 100)
    }

    @Test("a decoded schedule answers like the one encoded, and equals it")
    func decodedScheduleIsIndexed() throws {
        var schedule = ListingSchedule(configuration: .init(defaultInterval: 6 * Self.hour))
        let catalog = (0..<50).map(Self.listing)
        schedule.sync(with: catalog, at: Self.start)
        let later = Self.start.addingTimeInterval(6 * Self.hour)
        for key in schedule.due(at: later, limit: 10) { schedule.record(key, status: .active, at: later) }
        var decoded = try JSONDecoder().decode(ListingSchedule.self, from: JSONEncoder().encode(schedule))
        decoded.configuration = schedule.configuration
        #expect(decoded == schedule)
        #expect(decoded.nextWakeByMarketplace() == schedule.nextWakeByMarketplace())
        #expect(decoded.due(at: later, limit: 100) == schedule.due(at: later, limit: 100))
    }
}
