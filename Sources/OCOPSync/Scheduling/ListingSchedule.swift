import Foundation
import HeapModule
import OCOPCore

/// When each listing is checked next: a pure value, driven by the times passed in.
///
/// Rules (`docs/0009-scheduling.md`):
/// - Each listing is checked every ``Configuration/interval(for:)`` of its marketplace.
/// - New listings are placed evenly over one interval with deterministic jitter, so that a
///   first start (or a lost state file) never checks everything at once; every listing keeps
///   that phase afterwards.
/// - Among due listings, never-checked ones go first, then those awaiting confirmation, then
///   the most overdue.
/// - A failed check (`blocked`, `unreachable`, `unparseable`) is retried with exponential
///   backoff per listing, capped at a multiple of the interval; a conclusive answer resets it.
/// - A listing whose product just lost coverage is re-checked after the confirmation delay.
///
/// The daemon persists the entries one record per listing (``changes()``), rewriting after each
/// batch only those the batch touched, so that a restart continues where it stopped instead of
/// re-placing every listing. (It is also `Codable` whole, the form earlier versions stored.)
///
/// The daemon's loop asks for the next due time after every event. Each marketplace's due times
/// are therefore kept in a min-heap beside the entries, so that the answer costs a look at each
/// heap's top instead of a walk over every listing: at 100,000 listings that walk took nine
/// tenths of the daemon's CPU (docs/0009). An item goes stale when its entry's time or
/// marketplace changes or the entry leaves; stale items are dropped when they reach the top, so
/// every heap's top is always current.
public struct ListingSchedule: Sendable, Hashable {
    /// Intervals, backoff and delays; re-assign after decoding and on reload. A shortened
    /// interval applies at once (``keepWithinIntervals()``).
    public var configuration: Configuration {
        didSet {
            if configuration.intervals != oldValue.intervals || configuration.defaultInterval != oldValue.defaultInterval {
                keepWithinIntervals()
            }
        }
    }
    private var entries: [ListingKey: Entry]
    private var wakes: [MarketplaceID: Heap<Wake>] = [:]
    /// The listings whose entry was added, changed or removed since ``markSaved()``.
    private var unsaved: Set<ListingKey> = []

    /// An entry's due time as the index holds it.
    private struct Wake: Comparable, Sendable {
        var due: Date
        var key: ListingKey

        static func < (lhs: Wake, rhs: Wake) -> Bool {
            (lhs.due, lhs.key) < (rhs.due, rhs.key)
        }
    }

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.entries = [:]
    }

    /// Equal when the configuration and the entries are: the index is derived from the entries,
    /// and its stale items depend on the order of past changes.
    public static func == (lhs: ListingSchedule, rhs: ListingSchedule) -> Bool {
        lhs.configuration == rhs.configuration && lhs.entries == rhs.entries
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(configuration)
        hasher.combine(entries)
    }

    /// Number of listings scheduled.
    public var count: Int { entries.count }

    /// What is known about `key`, `nil` when it is not scheduled.
    public func entry(for key: ListingKey) -> Entry? {
        entries[key]
    }

    /// Makes the schedule follow the catalog: adds new listings, drops removed ones, and follows
    /// a listing that moved to another marketplace id. Existing listings keep their times.
    ///
    /// New listings are placed per marketplace: sorted by a stable hash of their key, the i-th of
    /// n gets the phase `p = (i + jitter) / n`, jitter in `0..<1` from the hash too. Its anchor is
    /// `now + p × interval` and its first check is due at `now + p × span`, where `span` is
    /// `initialSpread × interval`, bounded by `firstCheckWindow`: a short first window gives a
    /// quick first picture without bunching the later checks.
    public mutating func sync(with listings: [Listing], at now: Date) {
        var wanted: [ListingKey: MarketplaceID] = [:]
        for listing in listings where wanted[listing.key] == nil {
            wanted[listing.key] = listing.marketplace
        }
        for key in entries.keys where wanted[key] == nil {
            unsaved.insert(key)
        }
        entries = entries.filter { wanted[$0.key] != nil }

        var newcomers: [MarketplaceID: [ListingKey]] = [:]
        for (key, marketplace) in wanted {
            if let entry = entries[key] {
                guard entry.marketplace != marketplace else { continue }
                entries[key]!.marketplace = marketplace
                unsaved.insert(key)
            } else {
                newcomers[marketplace, default: []].append(key)
            }
        }
        for (marketplace, keys) in newcomers {
            place(keys, of: marketplace, at: now)
        }
        indexWakes()
    }

    /// Hands out up to `limit` listings due at `now`, best first, and marks them in flight so that
    /// the next call does not hand them out again while they are being checked.
    ///
    /// - Parameters:
    ///   - allowance: when given, at most this many listings per marketplace (marketplaces absent
    ///     from it get none): the caller's budgets and circuit breakers.
    public mutating func due(at now: Date, limit: Int, allowance: [MarketplaceID: Int]? = nil) -> [ListingKey] {
        guard limit > 0 else { return [] }
        var remaining = allowance
        var chosen: [ListingKey] = []
        for entry in takeDueEntries(at: now) {
            var allowed = chosen.count < limit
            if allowed, var left = remaining {
                let share = left[entry.marketplace] ?? 0
                allowed = share > 0
                if allowed {
                    left[entry.marketplace] = share - 1
                    remaining = left
                }
            }
            guard allowed else {
                // Still due: back into the index for the next call.
                index(entry)
                continue
            }
            chosen.append(entry.key)
            var dispatched = entry
            dispatched.dispatchedAt = now
            dispatched.nextDue = now.addingTimeInterval(configuration.inFlightTimeout)
            store(dispatched)
        }
        return chosen
    }

    /// The marketplaces with at least one listing due at `now` (in-flight ones are not): what
    /// ``dueCounts(at:)`` would list, from the index.
    public func marketplacesWithDueListings(at now: Date) -> Set<MarketplaceID> {
        Set(wakes.compactMap { marketplace, heap in heap.min.map { $0.due <= now } == true ? marketplace : nil })
    }

    /// How many listings are due at `now` (in-flight ones are not), all marketplaces together:
    /// the figure the daemon's STATUS line and batch log give.
    public func dueCount(at now: Date) -> Int {
        entries.values.lazy.filter { $0.nextDue <= now }.count
    }

    /// How many listings are due at `now` (in-flight ones are not), per marketplace.
    public func dueCounts(at now: Date) -> [MarketplaceID: Int] {
        var counts: [MarketplaceID: Int] = [:]
        for entry in entries.values where entry.nextDue <= now {
            counts[entry.marketplace, default: 0] += 1
        }
        return counts
    }

    /// Records the outcome of a check and moves the listing to its next time.
    ///
    /// A conclusive status (`active`, `out_of_stock`, `delisted`) resets the backoff and puts the
    /// listing back on its regular cadence, at least half an interval later. Any other status
    /// retries after the listing's backoff (sooner if a confirmation is pending). Results for
    /// listings no longer scheduled are ignored.
    public mutating func record(_ key: ListingKey, status: ListingStatus, at time: Date) {
        guard let entry = entries[key] else { return }
        let failures = entry.consecutiveFailures + 1
        record(entry, status: status, at: time, failures: failures, seed: ScheduleHash.of(key), regular: status.isConclusive)
    }

    /// Records the outcomes of one request that answered for every listing in `outcomes` (a
    /// feed's read).
    ///
    /// Those listings take the read as their phase and share one retry backoff, so that they
    /// fall due together and the next read answers them all again. Each on its own phase, the
    /// earliest fell due half an interval after a read: the feed was read twice per interval.
    /// A read that answered for any listing succeeded: the listings it could not settle (a
    /// conflicting entry) wait for the next regular read, since retrying sooner would read the
    /// whole feed again for them.
    public mutating func recordRead(_ outcomes: [(key: ListingKey, status: ListingStatus)], at time: Date) {
        let read = outcomes.compactMap { outcome in entries[outcome.key].map { (entry: $0, status: outcome.status) } }
        guard let first = read.first else { return }
        let succeeded = read.contains { $0.status.isConclusive }
        // A read that succeeded ends the run of failed reads, for the listings it could not
        // settle too; one that failed extends the longest run among its listings.
        let failures = succeeded ? 0 : (read.lazy.map(\.entry.consecutiveFailures).max() ?? 0) + 1
        let seed = ScheduleHash.of(first.entry.marketplace.rawValue)
        for var item in read {
            item.entry.anchor = time
            record(item.entry, status: item.status, at: time, failures: failures, seed: seed, regular: succeeded)
        }
    }

    /// Records `status` for `entry` at `time`. A failed check becomes its `failures`-th in a row;
    /// the listing goes back on its cadence when `regular`, else it is retried after the backoff
    /// drawn with `seed`.
    private mutating func record(
        _ entry: Entry,
        status: ListingStatus,
        at time: Date,
        failures: Int,
        seed: UInt64,
        regular: Bool
    ) {
        var entry = entry
        entry.lastChecked = time
        entry.lastStatus = status
        entry.dispatchedAt = nil
        if status.isConclusive {
            entry.consecutiveFailures = 0
            entry.awaitingConfirmation = false
        } else {
            entry.consecutiveFailures = failures
        }
        if regular {
            let interval = configuration.interval(for: entry.marketplace)
            let earliest = time.addingTimeInterval(interval / 2)
            entry.nextDue = Self.slot(of: entry.anchor, interval: interval, notBefore: earliest)
        } else {
            let backoff = configuration.retryBackoff(for: entry.marketplace)
            let delay = backoff.delay(attempt: failures, seed: seed)
            var next = time.addingTimeInterval(delay)
            if entry.awaitingConfirmation {
                next = min(next, time.addingTimeInterval(configuration.confirmationDelay))
            }
            entry.nextDue = next
        }
        store(entry)
    }

    /// Asks for `key` to be re-checked soon (its product just lost coverage): no later than
    /// ``Configuration/confirmationDelay`` after `now`, and before listings that are merely due.
    public mutating func requestConfirmation(_ key: ListingKey, at now: Date) {
        guard var entry = entries[key] else { return }
        entry.awaitingConfirmation = true
        entry.nextDue = min(entry.nextDue, now.addingTimeInterval(configuration.confirmationDelay))
        store(entry)
    }

    /// The earliest time a listing falls due (in-flight listings count at their timeout), `nil`
    /// when nothing is scheduled: how long the daemon may sleep.
    public func nextWake() -> Date? {
        wakes.values.lazy.compactMap(\.min?.due).min()
    }

    /// The earliest due time among the listings of `marketplace`.
    public func nextWake(for marketplace: MarketplaceID) -> Date? {
        wakes[marketplace]?.min?.due
    }

    /// The earliest due time of each marketplace that has listings.
    public func nextWakeByMarketplace() -> [MarketplaceID: Date] {
        wakes.compactMapValues(\.min?.due)
    }

    /// Takes every entry due at `now` out of the index, best first: the caller puts back what it
    /// does not dispatch.
    private mutating func takeDueEntries(at now: Date) -> [Entry] {
        var due: [ListingKey: Entry] = [:]
        for marketplace in Array(wakes.keys) {
            while let top = wakes[marketplace]?.min, top.due <= now {
                _ = wakes[marketplace]!.removeMin()
                if let entry = entries[top.key], isCurrent(top, of: entry, in: marketplace) { due[top.key] = entry }
            }
            dropStaleWakes(of: marketplace)
        }
        return due.values.sorted { lhs, rhs in
            if lhs.isNeverChecked != rhs.isNeverChecked { return lhs.isNeverChecked }
            if lhs.awaitingConfirmation != rhs.awaitingConfirmation { return lhs.awaitingConfirmation }
            if lhs.nextDue != rhs.nextDue { return lhs.nextDue < rhs.nextDue }
            return lhs.key < rhs.key
        }
    }

    /// Stores `entry` and indexes its due time when that (or its marketplace) changed.
    private mutating func store(_ entry: Entry) {
        let previous = entries.updateValue(entry, forKey: entry.key)
        unsaved.insert(entry.key)
        if previous?.nextDue != entry.nextDue || previous?.marketplace != entry.marketplace {
            index(entry)
        }
        if let previous { dropStaleWakes(of: previous.marketplace) }
        // Stale items below the tops wait for their time; rebuild before they outnumber entries.
        if wakes.values.reduce(0, { $0 + $1.count }) > 2 * entries.count + 1024 { indexWakes() }
    }

    /// Adds `entry`'s due time to its marketplace's heap.
    private mutating func index(_ entry: Entry) {
        wakes[entry.marketplace, default: Heap()].insert(Wake(due: entry.nextDue, key: entry.key))
    }

    /// Pops stale items off the top of `marketplace`'s heap, so that its top is current.
    private mutating func dropStaleWakes(of marketplace: MarketplaceID) {
        while let top = wakes[marketplace]?.min {
            if let entry = entries[top.key], isCurrent(top, of: entry, in: marketplace) { return }
            _ = wakes[marketplace]!.removeMin()
        }
        wakes[marketplace] = nil
    }

    private func isCurrent(_ wake: Wake, of entry: Entry, in marketplace: MarketplaceID) -> Bool {
        entry.marketplace == marketplace && entry.nextDue == wake.due
    }

    /// Rebuilds the index from the entries.
    private mutating func indexWakes() {
        var items: [MarketplaceID: [Wake]] = [:]
        for entry in entries.values {
            items[entry.marketplace, default: []].append(Wake(due: entry.nextDue, key: entry.key))
        }
        wakes = items.mapValues { Heap($0) }
    }

    private mutating func place(_ keys: [ListingKey], of marketplace: MarketplaceID, at now: Date) {
        let interval = configuration.interval(for: marketplace)
        let span = min(interval * configuration.initialSpread, configuration.firstCheckWindow ?? .infinity)
        let hashed = keys.map { (key: $0, hash: ScheduleHash.of($0)) }.sorted { lhs, rhs in
            lhs.hash != rhs.hash ? lhs.hash < rhs.hash : lhs.key < rhs.key
        }
        for (index, item) in hashed.enumerated() {
            let jitter = ScheduleHash.unitInterval(ScheduleHash.combine(item.hash, 1))
            let phase = (Double(index) + jitter) / Double(hashed.count)
            unsaved.insert(item.key)
            entries[item.key] = Entry(
                key: item.key,
                marketplace: marketplace,
                anchor: now.addingTimeInterval(phase * interval),
                nextDue: now.addingTimeInterval(phase * span),
                lastChecked: nil,
                lastStatus: nil,
                consecutiveFailures: 0,
                awaitingConfirmation: false,
                dispatchedAt: nil
            )
        }
    }

    /// Brings forward every listing whose regular check, under the current intervals, comes
    /// before the one it waits for: an operator who shortens a marketplace's `interval` (6 h to
    /// 2 h, say) sees it apply within the new interval, after a reload or a restart alike, not
    /// when each listing's old due time comes round, hours later. Listings in backoff, in flight
    /// or never checked keep their times; a lengthened interval applies from each next check.
    private mutating func keepWithinIntervals() {
        let moved = entries.values.compactMap { entry -> Entry? in
            guard let regular = regularDue(of: entry), regular < entry.nextDue else { return nil }
            var moved = entry
            moved.nextDue = regular
            return moved
        }
        for entry in moved { store(entry) }
    }

    /// When `entry`'s regular check falls under the current interval, for a listing last
    /// checked with a conclusive answer and waiting for nothing else.
    private func regularDue(of entry: Entry) -> Date? {
        guard let checked = entry.lastChecked, entry.lastStatus?.isConclusive == true, entry.consecutiveFailures == 0,
            entry.dispatchedAt == nil, !entry.awaitingConfirmation
        else { return nil }
        let interval = configuration.interval(for: entry.marketplace)
        return Self.slot(of: entry.anchor, interval: interval, notBefore: checked.addingTimeInterval(interval / 2))
    }

    /// The first time `anchor + k × interval` (any integer k) that is not before `earliest`.
    static func slot(of anchor: Date, interval: TimeInterval, notBefore earliest: Date) -> Date {
        let periods = (earliest.timeIntervalSince(anchor) / interval).rounded(.up)
        return anchor.addingTimeInterval(periods * interval)
    }
}

extension ListingSchedule {
    /// The entries added or changed since ``markSaved()``, as records, and the record keys of
    /// those removed since: what the daemon saves after a batch.
    ///
    /// At 100,000 listings the whole schedule, encoded at once after every batch, took 0.2 s of
    /// CPU and 140 MB at the peak, and rewrote a 24 MB value; a batch touches the entries of the
    /// listings it checked (docs/0012).
    public func changes() -> (saving: ScheduleRecords, removing: [String]) {
        let kept = unsaved.filter { entries[$0] != nil }.sorted()
        let removed = unsaved.filter { entries[$0] == nil }.sorted()
        return (ScheduleRecords(keys: kept, entries: entries), removed.map(Self.recordKey(for:)))
    }

    /// Everything ``changes()`` gave is saved.
    public mutating func markSaved() {
        unsaved = []
    }

    /// The schedule of `entries`, read back from the records of ``changes()``
    /// (``ScheduleRecords/entry(from:)``), with nothing unsaved.
    public init(configuration: Configuration, entries: [Entry]) {
        self.init(configuration: configuration)
        // Sized once: grown by doubling to 100,000 entries, the tables held 57 MB at a restart.
        self.entries.reserveCapacity(entries.count)
        for var entry in entries {
            // Saved under the intervals of the last run: a shortened one applies from the start.
            if let regular = regularDue(of: entry), regular < entry.nextDue {
                entry.nextDue = regular
                unsaved.insert(entry.key)
            }
            self.entries[entry.key] = entry
        }
        indexWakes()
    }

    /// The record key of a listing's entry: its product and its URL, which holds no line break.
    static func recordKey(for key: ListingKey) -> String {
        key.productID + "\n" + key.url
    }
}

/// Only the entries are encoded, sorted by key so that equal schedules encode equally; the
/// configuration comes from the config file and is re-assigned after decoding.
extension ListingSchedule: Codable {
    private enum CodingKeys: String, CodingKey {
        case version
        case entries
    }

    private static let formatVersion = 1

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .version)
        guard version == Self.formatVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version,
                in: container,
                debugDescription: "schedule format \(version) is not \(Self.formatVersion); it will be rebuilt"
            )
        }
        self.init()
        for entry in try container.decode([Entry].self, forKey: .entries) {
            entries[entry.key] = entry
        }
        // Read whole, it is saved as records the first time: every entry is new to them.
        unsaved = Set(entries.keys)
        indexWakes()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatVersion, forKey: .version)
        try container.encode(entries.values.sorted { $0.key < $1.key }, forKey: .entries)
    }
}
