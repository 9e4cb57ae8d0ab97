import Foundation
import OCOPCore

/// The schedule, one circuit breaker and one request budget per marketplace, combined: what the
/// daemon's loop asks "what do I check now, and how long may I sleep?".
///
/// Keeping the combination here, pure, means the rules that involve more than one of them are
/// tested without sockets or clocks: a marketplace whose breaker is open or whose budget is
/// spent gets no requests, a half-open breaker gets exactly one probe, and such a marketplace's
/// overdue listings do not make the loop spin (``nextWake(at:)``).
public struct CheckPlanner: Sendable, Hashable {
    /// Settings; assigning re-applies them to the schedule, breakers and budgets (reload, and
    /// after decoding).
    public var configuration: Configuration {
        didSet { apply(configuration) }
    }
    public private(set) var schedule: ListingSchedule
    public private(set) var breakers: [MarketplaceID: CircuitBreaker]
    public private(set) var budgets: [MarketplaceID: RequestBudget]

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.schedule = ListingSchedule(configuration: configuration.schedule)
        self.breakers = [:]
        self.budgets = [:]
    }

    /// Follows the catalog (``ListingSchedule/sync(with:at:)``) and sets up a breaker and a
    /// budget for every marketplace that has listings.
    public mutating func sync(with listings: [Listing], at now: Date) {
        schedule.sync(with: listings, at: now)
        for marketplace in Set(listings.map(\.marketplace)) {
            if breakers[marketplace] == nil {
                breakers[marketplace] = CircuitBreaker(configuration: configuration.breaker)
            }
            if budgets[marketplace] == nil {
                budgets[marketplace] = configuration.budget(for: marketplace)
            }
        }
    }

    /// Up to `limit` listings to check now: due, within their marketplace's budget, and let
    /// through by its breaker (one probe when half-open). Budgets are charged and probes
    /// reserved for what is returned.
    ///
    /// - Parameters:
    ///   - limit: At most this many requests: a listing each, or a whole feed.
    ///   - capacity: At most this many requests to a marketplace (absent: no limit), e.g. its
    ///     free connection slots, so that what is handed out goes on the wire at once instead of
    ///     queueing behind a slow marketplace where a breaker or a shutdown cannot recall it.
    ///   - feeds: Marketplaces read from a feed, where one request checks every listing: all
    ///     their due listings are handed out together, for one request's budget and probe.
    public mutating func next(
        at now: Date,
        limit: Int,
        capacity: [MarketplaceID: Int] = [:],
        feeds: Set<MarketplaceID> = []
    ) -> [ListingKey] {
        var allowance: [MarketplaceID: Int] = [:]
        var openFeeds: [MarketplaceID] = []
        for marketplace in schedule.marketplacesWithDueListings(at: now) {
            let budget = budgets[marketplace]?.available(at: now) ?? 0
            let breaker = breakers[marketplace]?.allowance(at: now) ?? nil
            let requests = min(budget, breaker ?? .max, capacity[marketplace] ?? .max)
            if feeds.contains(marketplace) {
                if requests > 0 { openFeeds.append(marketplace) }
            } else {
                allowance[marketplace] = requests
            }
        }
        var keys: [ListingKey] = []
        for marketplace in openFeeds.sorted(by: { $0.rawValue < $1.rawValue }).prefix(limit) {
            keys += schedule.due(at: now, limit: .max, allowance: [marketplace: .max])
            charge(marketplace, at: now)
        }
        for key in schedule.due(at: now, limit: limit - min(limit, openFeeds.count), allowance: allowance) {
            guard let marketplace = schedule.entry(for: key)?.marketplace else { continue }
            keys.append(key)
            charge(marketplace, at: now)
        }
        return keys
    }

    /// One request's budget, and its probe when the breaker is not closed.
    private mutating func charge(_ marketplace: MarketplaceID, at now: Date) {
        budgets[marketplace]?.consume(at: now)
        if breakers[marketplace]?.state != .closed {
            breakers[marketplace]?.reserveProbe(at: now)
        }
    }

    /// Records a check's outcome with the schedule and the listing's marketplace breaker.
    public mutating func record(_ key: ListingKey, status: ListingStatus, at time: Date) {
        guard let marketplace = schedule.entry(for: key)?.marketplace else { return }
        schedule.record(key, status: status, at: time)
        breakers[marketplace]?.record(status, at: time)
    }

    /// Records one read that answered for several listings of a marketplace (a feed) with the
    /// schedule (``ListingSchedule/recordRead(_:at:)``) and, as the one request it was, with the
    /// breaker: it succeeded if it settled any listing. Recorded per listing, one timed-out read
    /// of a feed with many listings would open the breaker by itself.
    public mutating func recordRead(_ outcomes: [(key: ListingKey, status: ListingStatus)], at time: Date) {
        let current = schedule
        guard let marketplace = outcomes.lazy.compactMap({ current.entry(for: $0.key)?.marketplace }).first else { return }
        schedule.recordRead(outcomes, at: time)
        let status = outcomes.first { $0.status.isConclusive }?.status ?? outcomes[0].status
        breakers[marketplace]?.record(status, at: time)
    }

    /// See ``ListingSchedule/requestConfirmation(_:at:)``.
    public mutating func requestConfirmation(_ key: ListingKey, at now: Date) {
        schedule.requestConfirmation(key, at: now)
    }

    /// When ``next(at:limit:capacity:feeds:)`` will next have something to hand out, `nil` when never (no
    /// listings, or only marketplaces with a zero budget). A time at or before `now` means now.
    ///
    /// A marketplace counts from the latest of its earliest due listing, its breaker's reopening
    /// and its budget's next token.
    public func nextWake(at now: Date) -> Date? {
        var wake: Date?
        for (marketplace, due) in schedule.nextWakeByMarketplace() {
            guard let budget = budgets[marketplace], let refill = budget.nextAvailable(at: now) else { continue }
            var time = max(due, refill)
            if let reopening = breakers[marketplace]?.nextAllowed(at: now) {
                time = max(time, reopening)
            }
            wake = min(wake ?? time, time)
        }
        return wake
    }

    private mutating func apply(_ configuration: Configuration) {
        schedule.configuration = configuration.schedule
        for marketplace in breakers.keys {
            breakers[marketplace]?.configuration = configuration.breaker
        }
        for marketplace in budgets.keys {
            let fresh = configuration.budget(for: marketplace)
            budgets[marketplace]?.requestsPerHour = fresh.requestsPerHour
            budgets[marketplace]?.burst = fresh.burst
        }
    }
}

extension CheckPlanner {
    /// The schedule's entries added, changed or removed since ``scheduleSaved()``: saved as
    /// records apart from the planner (``ListingSchedule/changes()``).
    public func scheduleChanges() -> (saving: ScheduleRecords, removing: [String]) {
        schedule.changes()
    }

    /// Everything ``scheduleChanges()`` gave is saved.
    public mutating func scheduleSaved() {
        schedule.markSaved()
    }

    /// Replaces the schedule by `entries`, read back from the records ``scheduleChanges()`` gave.
    public mutating func restoreSchedule(entries: [ListingSchedule.Entry]) {
        schedule = ListingSchedule(configuration: configuration.schedule, entries: entries)
    }
}

/// Encoded: the breakers and budgets; not the configuration (assign it after decoding), nor the
/// schedule, which is saved as records (``scheduleChanges()``). A planner stored whole by an
/// earlier version still decodes, its schedule with it.
extension CheckPlanner: Codable {
    private enum CodingKeys: String, CodingKey {
        case schedule
        case breakers
        case budgets
    }

    private struct Breaker: Codable {
        var marketplace: MarketplaceID
        var breaker: CircuitBreaker
    }

    private struct Budget: Codable {
        var marketplace: MarketplaceID
        var budget: RequestBudget
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        if let stored = try container.decodeIfPresent(ListingSchedule.self, forKey: .schedule) {
            schedule = stored
        }
        for item in try container.decode([Breaker].self, forKey: .breakers) {
            breakers[item.marketplace] = item.breaker
        }
        for item in try container.decode([Budget].self, forKey: .budgets) {
            budgets[item.marketplace] = item.budget
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(
            breakers.sorted { $0.key < $1.key }.map { Breaker(marketplace: $0.key, breaker: $0.value) },
            forKey: .breakers
        )
        try container.encode(
            budgets.sorted { $0.key < $1.key }.map { Budget(marketplace: $0.key, budget: $0.value) },
            forKey: .budgets
        )
    }
}
