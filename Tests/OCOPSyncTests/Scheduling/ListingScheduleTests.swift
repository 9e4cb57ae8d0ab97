import Foundation
import OCOPCore
import OCOPSync
import Testing

@Suite("ListingSchedule")
struct ListingScheduleTests {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)
    static let hour: TimeInterval = 3_600

    static func listings(_ count: Int, on marketplace: MarketplaceID = .tiki) -> [Listing] {
        (0..<count).map { index in
            Listing(productID: "P\(index / 3)", marketplace: marketplace, url: "https://\(marketplace).vn/p/\(index)")
        }
    }

    static func schedule(_ listings: [Listing], at now: Date = start) -> ListingSchedule {
        var schedule = ListingSchedule(configuration: .init(defaultInterval: 6 * hour))
        schedule.sync(with: listings, at: now)
        return schedule
    }

    /// How many listings fall due in each of `slices` equal parts of `[from, from + span)`.
    static func histogram(
        _ schedule: ListingSchedule,
        _ keys: [ListingKey],
        from: Date,
        span: TimeInterval,
        slices: Int
    ) -> [Int] {
        var counts = [Int](repeating: 0, count: slices)
        for key in keys {
            let offset = schedule.entry(for: key)!.nextDue.timeIntervalSince(from)
            #expect(offset >= 0 && offset < span, "\(key) is due outside the span")
            counts[min(slices - 1, max(0, Int(offset / span * Double(slices))))] += 1
        }
        return counts
    }

    /// An operator who shortens an interval sees it apply within the new interval, after a
    /// reload (the configuration re-assigned) or a restart (the schedule restored under it).
    @Test func aShortenedIntervalAppliesAtOnceAndALongerOneAtTheNextCheck() throws {
        let listings = Self.listings(30)
        var schedule = Self.schedule(listings)
        let checkedAt = Self.start.addingTimeInterval(Self.hour)
        for listing in listings { schedule.record(listing.key, status: .active, at: checkedAt) }
        schedule.record(listings[0].key, status: .blocked, at: checkedAt)
        let waiting = listings.dropFirst().map { schedule.entry(for: $0.key)!.nextDue }
        #expect(waiting.allSatisfy { $0 >= checkedAt.addingTimeInterval(3 * Self.hour) }, "on the 6 h cadence")
        let saved = listings.map { schedule.entry(for: $0.key)! }

        var shortened = schedule.configuration
        shortened.intervals[.tiki] = 120
        schedule.configuration = shortened
        let restored = ListingSchedule(configuration: shortened, entries: saved)
        for candidate in [schedule, restored] {
            for listing in listings.dropFirst() {
                let due = candidate.entry(for: listing.key)!.nextDue
                #expect(due >= checkedAt.addingTimeInterval(60) && due <= checkedAt.addingTimeInterval(180), "\(due)")
            }
            let backoff = try #require(candidate.entry(for: listings[0].key))
            #expect(backoff.nextDue == schedule.entry(for: listings[0].key)!.nextDue, "a retry keeps its backoff")
        }
        #expect(restored.changes().saving.keys.count == listings.count - 1, "the moved entries are saved again")

        var lengthened = schedule.configuration
        lengthened.intervals[.tiki] = 24 * Self.hour
        let before = listings.map { schedule.entry(for: $0.key)!.nextDue }
        schedule.configuration = lengthened
        #expect(listings.map { schedule.entry(for: $0.key)!.nextDue } == before, "longer: from each next check")
    }

    @Test("first placement spreads listings evenly over the interval", arguments: [10, 24, 60])
    func spread(slices: Int) {
        let listings = Self.listings(1_000)
        let schedule = Self.schedule(listings)
        let keys = listings.map(\.key)
        let counts = Self.histogram(schedule, keys, from: Self.start, span: 6 * Self.hour, slices: slices)
        // Listing i of n falls in [i/n, (i+1)/n) of the interval, so a slice holds at most ⌈n/N⌉ + 1.
        let fair = (1_000 + slices - 1) / slices
        #expect(counts.allSatisfy { $0 <= fair + 1 }, "\(counts)")
        #expect(counts.reduce(0, +) == 1_000)
    }

    @Test("each marketplace is spread over its own interval")
    func spreadPerMarketplace() {
        let configuration = ListingSchedule.Configuration(
            intervals: [.shopee: 2 * Self.hour],
            defaultInterval: 6 * Self.hour
        )
        var schedule = ListingSchedule(configuration: configuration)
        let tiki = Self.listings(300, on: .tiki)
        let shopee = Self.listings(300, on: .shopee)
        schedule.sync(with: tiki + shopee, at: Self.start)

        let tikiCounts = Self.histogram(schedule, tiki.map(\.key), from: Self.start, span: 6 * Self.hour, slices: 6)
        let shopeeCounts = Self.histogram(schedule, shopee.map(\.key), from: Self.start, span: 2 * Self.hour, slices: 6)
        #expect(tikiCounts.allSatisfy { $0 <= 51 }, "\(tikiCounts)")
        #expect(shopeeCounts.allSatisfy { $0 <= 51 }, "\(shopeeCounts)")
    }

    @Test("placement is deterministic: the catalog's order does not matter")
    func deterministic() {
        let listings = Self.listings(200)
        #expect(Self.schedule(listings) == Self.schedule(listings.reversed()))
        #expect(Self.schedule(listings).nextWake() == Self.schedule(listings).nextWake())
    }

    @Test("a restart from saved state checks nothing at once; a lost state re-spreads")
    func restartFromState() throws {
        let listings = Self.listings(500)
        var schedule = Self.schedule(listings)
        let restart = Self.start.addingTimeInterval(Self.hour)
        // What was due in the first hour is checked …
        for key in schedule.due(at: restart, limit: .max) {
            schedule.record(key, status: .active, at: restart)
        }
        // … then the process restarts from its saved state.
        let saved = try JSONEncoder().encode(schedule)
        var restored = try JSONDecoder().decode(ListingSchedule.self, from: saved)
        restored.configuration = schedule.configuration
        restored.sync(with: listings, at: restart)
        #expect(restored.due(at: restart, limit: .max).isEmpty)
        #expect(restored.dueCounts(at: restart.addingTimeInterval(Self.hour))[.tiki, default: 0] <= 500 / 6 + 1)
    }

    @Test("due hands out each listing once, best first, and marks it in flight")
    func dueAndInFlight() {
        let listings = Self.listings(100)
        var schedule = Self.schedule(listings)
        #expect(schedule.due(at: Self.start.addingTimeInterval(-1), limit: 10).isEmpty)

        let later = Self.start.addingTimeInterval(6 * Self.hour)
        let first = schedule.due(at: later, limit: 60)
        let second = schedule.due(at: later, limit: 60)
        #expect(first.count == 60 && second.count == 40)
        #expect(Set(first + second) == Set(listings.map(\.key)))
        #expect(schedule.due(at: later, limit: 60).isEmpty)
        #expect(schedule.entry(for: first[0])?.dispatchedAt == later)

        // A check whose result never came back is handed out again after the in-flight timeout.
        let lost = later.addingTimeInterval(schedule.configuration.inFlightTimeout)
        #expect(schedule.due(at: lost, limit: .max).count == 100)
    }

    @Test("the most overdue come first")
    func overdueOrder() throws {
        var schedule = Self.schedule(Self.listings(50))
        let before = schedule
        let ordered = schedule.due(at: Self.start.addingTimeInterval(6 * Self.hour), limit: .max)
        let times = try ordered.map { try #require(before.entry(for: $0)).nextDue }
        #expect(ordered.count == 50)
        #expect(times == times.sorted())
    }

    @Test("never-checked listings are served before more overdue ones")
    func neverCheckedFirst() throws {
        let old = Listing(productID: "P1", marketplace: .tiki, url: "https://tiki.vn/p/old")
        let new = Listing(productID: "P2", marketplace: .tiki, url: "https://tiki.vn/p/new")
        var schedule = Self.schedule([old])
        let checked = Self.start.addingTimeInterval(6 * Self.hour)
        #expect(schedule.due(at: checked, limit: 5) == [old.key])
        schedule.record(old.key, status: .unreachable, at: checked)
        schedule.sync(with: [old, new], at: checked)

        let oldDue = try #require(schedule.entry(for: old.key)).nextDue
        let newDue = try #require(schedule.entry(for: new.key)).nextDue
        try #require(oldDue < newDue, "the checked listing must be the more overdue one for this test")
        let later = checked.addingTimeInterval(6 * Self.hour)
        #expect(schedule.due(at: later, limit: 1) == [new.key])
        #expect(schedule.due(at: later, limit: 1) == [old.key])
    }

    @Test("failures back off exponentially up to interval × 4; success resets to the cadence")
    func failureBackoff() throws {
        let listing = Self.listings(1)[0]
        var schedule = Self.schedule([listing])
        let anchor = try #require(schedule.entry(for: listing.key)).anchor
        var now = anchor
        var delays: [TimeInterval] = []
        let failures: [ListingStatus] = [.blocked, .unreachable, .unparseable, .unreachable, .blocked]
        for status in failures + failures {
            #expect(schedule.due(at: now, limit: 1) == [listing.key])
            schedule.record(listing.key, status: status, at: now)
            let next = try #require(schedule.entry(for: listing.key)).nextDue
            delays.append(next.timeIntervalSince(now))
            now = next
        }
        // 5 min doubling, jitter removing at most 20 %, capped at 24 h.
        for (index, delay) in delays.enumerated() {
            let plain = min(300 * pow(2, Double(index)), 24 * Self.hour)
            #expect(delay <= plain && delay >= plain * 0.8, "attempt \(index + 1): \(delay)")
        }
        #expect(delays.last! <= 24 * Self.hour && delays.last! >= 0.8 * 24 * Self.hour)
        #expect(schedule.entry(for: listing.key)?.consecutiveFailures == 10)

        #expect(schedule.due(at: now, limit: 1) == [listing.key])
        schedule.record(listing.key, status: .delisted, at: now)
        let entry = try #require(schedule.entry(for: listing.key))
        #expect(entry.consecutiveFailures == 0)
        let gap = entry.nextDue.timeIntervalSince(now)
        #expect(gap >= 3 * Self.hour && gap < 9 * Self.hour)
        // Back on the listing's own phase.
        let phase = entry.nextDue.timeIntervalSince(anchor).truncatingRemainder(dividingBy: 6 * Self.hour)
        #expect(abs(phase) < 0.001 || abs(phase - 6 * Self.hour) < 0.001)
    }

    @Test("listings checked in a burst (catch-up after an outage) fall back onto their spread phases")
    func phaseSurvivesBurst() {
        let listings = Self.listings(600)
        var schedule = Self.schedule(listings)
        let outageEnd = Self.start.addingTimeInterval(30 * Self.hour)
        let keys = schedule.due(at: outageEnd, limit: .max)
        #expect(keys.count == 600)
        for key in keys {
            schedule.record(key, status: .active, at: outageEnd)
        }
        let counts = Self.histogram(
            schedule, keys, from: outageEnd.addingTimeInterval(3 * Self.hour), span: 6 * Self.hour, slices: 12)
        #expect(counts.allSatisfy { $0 <= 51 }, "\(counts)")
    }

    @Test("a confirmation re-checks within the confirmation delay and goes before others")
    func confirmation() throws {
        let listings = Self.listings(30)
        var schedule = Self.schedule(listings)
        let checked = Self.start.addingTimeInterval(6 * Self.hour)
        for key in schedule.due(at: checked, limit: .max) {
            schedule.record(key, status: .active, at: checked)
        }
        let lost = listings[7].key
        schedule.requestConfirmation(lost, at: checked)
        let entry = try #require(schedule.entry(for: lost))
        #expect(entry.awaitingConfirmation)
        #expect(entry.nextDue == checked.addingTimeInterval(15 * 60))
        #expect(schedule.due(at: checked.addingTimeInterval(14 * 60), limit: 5).isEmpty)

        let muchLater = checked.addingTimeInterval(12 * Self.hour)
        #expect(schedule.due(at: muchLater, limit: 1) == [lost])
        schedule.record(lost, status: .delisted, at: muchLater)
        #expect(schedule.entry(for: lost)?.awaitingConfirmation == false)
    }

    @Test("a failed confirmation check is retried no later than the confirmation delay")
    func failedConfirmation() throws {
        let listing = Self.listings(1)[0]
        var schedule = Self.schedule([listing])
        let now = Self.start.addingTimeInterval(6 * Self.hour)
        for _ in 0..<6 {
            _ = schedule.due(at: now, limit: 1)
            schedule.record(listing.key, status: .unreachable, at: now)
        }
        schedule.requestConfirmation(listing.key, at: now)
        schedule.record(listing.key, status: .unreachable, at: now)
        let entry = try #require(schedule.entry(for: listing.key))
        #expect(entry.awaitingConfirmation)
        #expect(entry.nextDue == now.addingTimeInterval(15 * 60))
    }

    @Test("sync drops removed listings, follows marketplace moves, ignores stray results")
    func syncChanges() throws {
        let listings = Self.listings(10)
        var schedule = Self.schedule(listings)
        let moved = Listing(productID: listings[0].productID, marketplace: .lazada, url: listings[0].url)
        schedule.sync(with: [moved] + listings[1..<5], at: Self.start.addingTimeInterval(60))
        #expect(schedule.count == 5)
        #expect(schedule.entry(for: listings[9].key) == nil)
        #expect(schedule.entry(for: moved.key)?.marketplace == .lazada)
        schedule.record(listings[9].key, status: .active, at: Self.start)
        #expect(schedule.entry(for: listings[9].key) == nil)
    }

    @Test("an allowance per marketplace limits what is handed out")
    func allowance() {
        var schedule = Self.schedule(Self.listings(20, on: .tiki) + Self.listings(20, on: .shopee))
        let later = Self.start.addingTimeInterval(6 * Self.hour)
        #expect(schedule.dueCounts(at: later) == [.tiki: 20, .shopee: 20])
        #expect(schedule.dueCount(at: later) == 40)
        let keys = schedule.due(at: later, limit: 100, allowance: [.tiki: 3])
        #expect(keys.count == 3)
        #expect(keys.allSatisfy { schedule.entry(for: $0)?.marketplace == .tiki })
        #expect(schedule.dueCounts(at: later) == [.tiki: 17, .shopee: 20])
    }

    @Test("nextWake is the earliest due time, nil when empty")
    func nextWake() throws {
        #expect(ListingSchedule().nextWake() == nil)
        let listings = Self.listings(5)
        let schedule = Self.schedule(listings)
        let earliest = try listings.map { try #require(schedule.entry(for: $0.key)).nextDue }.min()
        #expect(schedule.nextWake() == earliest)
        #expect(schedule.nextWake(for: .tiki) == earliest)
        #expect(schedule.nextWake(for: .shopee) == nil)
    }

    @Test("Codable round trip keeps every entry; a foreign format version is refused")
    func codable() throws {
        var schedule = Self.schedule(Self.listings(40))
        let now = Self.start.addingTimeInterval(6 * Self.hour)
        let keys = schedule.due(at: now, limit: 10)
        schedule.record(keys[0], status: .blocked, at: now)
        schedule.record(keys[1], status: .active, at: now)
        schedule.requestConfirmation(keys[2], at: now)

        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(schedule)
        let decoded = try JSONDecoder().decode(ListingSchedule.self, from: data)
        #expect(decoded == schedule)
        #expect(try encoder.encode(decoded) == data)

        let foreign = Data(#"{"version":99,"entries":[]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ListingSchedule.self, from: foreign) }
    }

    @Test("Saved as records: only the entries added, changed or removed since the last save")
    func changesSinceTheLastSave() throws {
        let listings = Self.listings(6)
        var schedule = Self.schedule(listings)
        let first = schedule.changes()
        #expect(first.saving.keys == listings.map(\.key).sorted(), "every new entry")
        #expect(first.removing.isEmpty)
        var stored = try first.saving.dictionary()
        schedule.markSaved()
        #expect(schedule.changes().saving.keys.isEmpty)
        #expect(schedule.changes().removing.isEmpty)
        schedule.sync(with: listings, at: Self.start.addingTimeInterval(60))
        #expect(schedule.changes().saving.keys.isEmpty, "the same catalog changes no entry")

        let now = Self.start.addingTimeInterval(6 * Self.hour)
        let dispatched = schedule.due(at: now, limit: 1)
        schedule.record(dispatched[0], status: .active, at: now)
        schedule.requestConfirmation(listings[1].key, at: now)
        let gone = try #require(listings.last { $0.key != dispatched[0] && $0.key != listings[1].key })
        schedule.sync(with: listings.filter { $0.key != gone.key }, at: now)
        let changes = schedule.changes()
        #expect(changes.saving.keys == Set([dispatched[0], listings[1].key]).sorted())
        #expect(changes.removing.count == 1)

        // Saved onto the first records, they give the schedule back.
        for key in changes.removing { stored[key] = nil }
        stored.merge(try changes.saving.dictionary()) { _, new in new }
        let restored = ListingSchedule(configuration: schedule.configuration, entries: try stored.values.map(ScheduleRecords.entry(from:)))
        #expect(restored == schedule)
        #expect(restored.changes().saving.keys.isEmpty, "read back, nothing is unsaved")
        #expect(restored.nextWake() == schedule.nextWake())
    }
}
