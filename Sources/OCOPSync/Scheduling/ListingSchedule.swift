import Foundation
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
/// The schedule is `Codable` so the daemon can persist it (only the entries are encoded) and a
/// restart continues where it stopped instead of re-placing every listing.
public struct ListingSchedule: Sendable, Hashable {
    /// Intervals, backoff and delays; re-assign after decoding and on reload.
    public var configuration: Configuration
    private var entries: [ListingKey: Entry]

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.entries = [:]
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
        entries = entries.filter { wanted[$0.key] != nil }

        var newcomers: [MarketplaceID: [ListingKey]] = [:]
        for (key, marketplace) in wanted {
            if entries[key] != nil {
                entries[key]!.marketplace = marketplace
            } else {
                newcomers[marketplace, default: []].append(key)
            }
        }
        for (marketplace, keys) in newcomers {
            place(keys, of: marketplace, at: now)
        }
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
        for entry in dueEntries(at: now) {
            if var left = remaining {
                guard let share = left[entry.marketplace], share > 0 else { continue }
                left[entry.marketplace] = share - 1
                remaining = left
            }
            chosen.append(entry.key)
            if chosen.count == limit { break }
        }
        for key in chosen {
            entries[key]!.dispatchedAt = now
            entries[key]!.nextDue = now.addingTimeInterval(configuration.inFlightTimeout)
        }
        return chosen
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
        guard var entry = entries[key] else { return }
        entry.lastChecked = time
        entry.lastStatus = status
        entry.dispatchedAt = nil
        if status.isConclusive {
            entry.consecutiveFailures = 0
            entry.awaitingConfirmation = false
            let interval = configuration.interval(for: entry.marketplace)
            let earliest = time.addingTimeInterval(interval / 2)
            entry.nextDue = Self.slot(of: entry.anchor, interval: interval, notBefore: earliest)
        } else {
            entry.consecutiveFailures += 1
            let backoff = configuration.retryBackoff(for: entry.marketplace)
            let delay = backoff.delay(attempt: entry.consecutiveFailures, seed: ScheduleHash.of(key))
            var next = time.addingTimeInterval(delay)
            if entry.awaitingConfirmation {
                next = min(next, time.addingTimeInterval(configuration.confirmationDelay))
            }
            entry.nextDue = next
        }
        entries[key] = entry
    }

    /// Asks for `key` to be re-checked soon (its product just lost coverage): no later than
    /// ``Configuration/confirmationDelay`` after `now`, and before listings that are merely due.
    public mutating func requestConfirmation(_ key: ListingKey, at now: Date) {
        guard var entry = entries[key] else { return }
        entry.awaitingConfirmation = true
        entry.nextDue = min(entry.nextDue, now.addingTimeInterval(configuration.confirmationDelay))
        entries[key] = entry
    }

    /// The earliest time a listing falls due (in-flight listings count at their timeout), `nil`
    /// when nothing is scheduled: how long the daemon may sleep.
    public func nextWake() -> Date? {
        entries.values.lazy.map(\.nextDue).min()
    }

    /// The earliest due time among the listings of `marketplace`.
    public func nextWake(for marketplace: MarketplaceID) -> Date? {
        entries.values.lazy.filter { $0.marketplace == marketplace }.map(\.nextDue).min()
    }

    /// The earliest due time of each marketplace that has listings.
    public func nextWakeByMarketplace() -> [MarketplaceID: Date] {
        var result: [MarketplaceID: Date] = [:]
        for entry in entries.values where result[entry.marketplace].map({ entry.nextDue < $0 }) ?? true {
            result[entry.marketplace] = entry.nextDue
        }
        return result
    }

    private func dueEntries(at now: Date) -> [Entry] {
        entries.values.filter { $0.nextDue <= now }.sorted { lhs, rhs in
            if lhs.isNeverChecked != rhs.isNeverChecked { return lhs.isNeverChecked }
            if lhs.awaitingConfirmation != rhs.awaitingConfirmation { return lhs.awaitingConfirmation }
            if lhs.nextDue != rhs.nextDue { return lhs.nextDue < rhs.nextDue }
            return lhs.key < rhs.key
        }
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

    /// The first time `anchor + k × interval` (any integer k) that is not before `earliest`.
    static func slot(of anchor: Date, interval: TimeInterval, notBefore earliest: Date) -> Date {
        let periods = (earliest.timeIntervalSince(anchor) / interval).rounded(.up)
        return anchor.addingTimeInterval(periods * interval)
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
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatVersion, forKey: .version)
        try container.encode(entries.values.sorted { $0.key < $1.key }, forKey: .entries)
    }
}
