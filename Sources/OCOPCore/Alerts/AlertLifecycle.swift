public import Foundation

/// The memory that turns a stream of condition sets into alert events, one alert per key.
///
/// A pure value type: the driver loads it from JSON, calls ``step(conditions:rules:now:hasNewEvidence:)`` after
/// each evaluation, appends the returned events to the alert log and saves it back. Because the
/// state survives a restart, a firing alert is not fired again when the daemon comes back, the
/// way Gatus keeps its triggered alerts (research/anchors.md §2.5).
///
/// Per key the life is `pending(n)` → `firing` → `resolving(m)` → gone, with reminders while
/// firing. Two rules keep an incident at one marketplace from flooding the log:
/// - while a marketplace has an `adapter_degraded` condition, listing-level conditions of that
///   marketplace are ignored and their alerts frozen (neither fired, reminded nor resolved): we
///   cannot see, so nothing changed as far as we know;
/// - when more per-item events of one kind, state and marketplace than
///   ``AlertRules/groupThreshold`` arise in one step, they are sent as one grouped event, while
///   each item's state is still tracked so that later resolutions stay exact.
public struct AlertLifecycle: Sendable, Hashable, Codable {
    /// Where one alert stands.
    public enum State: Sendable, Hashable, Codable {
        /// The condition has held for `count` consecutive evaluations, not yet enough to fire.
        case pending(count: Int)
        /// The alert fired at `since`; the last firing or reminder event was at `lastNotified`.
        case firing(since: Date, lastNotified: Date)
        /// The condition has been absent for `count` consecutive evaluations, not yet enough to
        /// resolve; the alert is still firing as far as anyone outside is concerned.
        case resolving(count: Int, since: Date, lastNotified: Date)
    }

    /// One tracked alert: its latest condition (for the wording of later events) and its state.
    public struct Entry: Sendable, Hashable, Codable {
        public var condition: AlertCondition
        public var state: State

        public init(condition: AlertCondition, state: State) {
            self.condition = condition
            self.state = state
        }

        /// When the alert started firing, or `nil` while it is only pending.
        public var firingSince: Date? {
            switch state {
            case .pending: nil
            case .firing(let since, _), .resolving(_, let since, _): since
            }
        }
    }

    /// Every tracked alert by key, pending ones included.
    public internal(set) var entries: [String: Entry]

    public init() {
        entries = [:]
    }

    /// The alerts that have fired and not yet resolved, sorted by key: what a report lists.
    public var active: [Entry] {
        entries.values.filter { $0.firingSince != nil }.sorted { $0.condition.key < $1.condition.key }
    }

    /// Advances every alert by one evaluation and returns the events to log, sorted by key.
    ///
    /// - Parameters:
    ///   - conditions: Everything that holds now (``AlertEvaluator/conditions(coverage:previous:passChecks:concluded:lastSuccessfulPass:paused:now:)``);
    ///     when two share a key the last one wins.
    ///   - rules: Thresholds from the config, passed on every step rather than stored, so a
    ///     restored state always runs under the current config.
    ///   - now: The evaluation time, used for `since`, reminders and the events' `time`.
    public mutating func step(
        conditions: [AlertCondition],
        rules: AlertRules,
        now: Date,
        hasNewEvidence: ((AlertCondition) -> Bool)? = nil
    ) -> [AlertEvent] {
        Self.group(
            advance(conditions: conditions, rules: rules, now: now, hasNewEvidence: hasNewEvidence), rules: rules,
            time: now)
    }

    /// Advances every alert like ``step(conditions:rules:now:hasNewEvidence:)`` but returns one
    /// event per alert, ungrouped, sorted by key: for a driver that routes events somewhere before
    /// grouping them (per-district digests, where a marketplace-wide batch is only a few lines).
    ///
    /// - Parameter hasNewEvidence: Whether anything was checked, since the last evaluation, that
    ///   bears on an alert whose condition is gone (the alert's listing, or a listing of its
    ///   product; or the listing or product left the catalog). Only such an evaluation counts
    ///   towards resolving an alert concluded from checks, as only a new check counts towards
    ///   firing one: one wrong answer neither fires nor resolves. `nil`: every evaluation
    ///   follows new checks of everything (a `sync --once` pass).
    public mutating func advance(
        conditions: [AlertCondition],
        rules: AlertRules,
        now: Date,
        hasNewEvidence: ((AlertCondition) -> Bool)? = nil
    ) -> [AlertEvent] {
        let degraded = Set(conditions.filter { $0.kind == .adapterDegraded }.compactMap(\.marketplace))
        func frozen(_ condition: AlertCondition) -> Bool {
            guard condition.kind.isListingLevel, let marketplace = condition.marketplace else { return false }
            return degraded.contains(marketplace)
        }
        // Each present condition's place in `conditions`, not a copy of it, sorted by key (the
        // last of equal keys kept) and walked in step with the tracked keys: a national catalog
        // has some 13,000 listing conditions, and a table of them by key, then sorted, was
        // 1.1 MB at the peak of publishing (docs/0012).
        var present = conditions.indices.filter { !frozen(conditions[$0]) }
        present.sort { (conditions[$0].key, $0) < (conditions[$1].key, $1) }
        present = present.indices.compactMap { position in
            let index = present[position]
            let isLast = position == present.count - 1 || conditions[present[position + 1]].key != conditions[index].key
            return isLast ? index : nil
        }
        var next = 0
        /// The present condition with `key`, for keys asked in ascending order.
        func presentCondition(_ key: String) -> Int? {
            while next < present.count, conditions[present[next]].key < key { next += 1 }
            return next < present.count && conditions[present[next]].key == key ? present[next] : nil
        }

        var events: [AlertEvent] = []
        let resolveAfter = max(1, rules.consecutiveToResolve)
        for key in entries.keys.sorted() {
            guard var entry = entries[key], !frozen(entry.condition) else { continue }
            if let index = presentCondition(key) {
                let condition = conditions[index]
                // No newer check since the last evaluation: the same evidence, counted once.
                let sameEvidence =
                    condition.kind.isObservationDerived && condition.evidenceTime != nil
                    && condition.evidenceTime == entry.condition.evidenceTime
                entry.condition = condition
                switch entry.state {
                case .pending where sameEvidence:
                    break
                case .pending(let count):
                    if count + 1 >= rules.evaluationsToFire(condition.kind) {
                        entry.state = .firing(since: now, lastNotified: now)
                        events.append(AlertEvent(condition, state: .firing, time: now))
                    } else {
                        entry.state = .pending(count: count + 1)
                    }
                case .firing(let since, let lastNotified), .resolving(_, let since, let lastNotified):
                    if let interval = rules.reminderInterval, now.timeIntervalSince(lastNotified) >= interval {
                        entry.state = .firing(since: since, lastNotified: now)
                        events.append(AlertEvent(condition, state: .reminder, time: now))
                    } else {
                        entry.state = .firing(since: since, lastNotified: lastNotified)
                    }
                }
                entries[key] = entry
            } else {
                if entry.condition.kind.isObservationDerived, entry.firingSince != nil,
                    let hasNewEvidence, !hasNewEvidence(entry.condition)
                {
                    continue
                }
                let absent: Int
                switch entry.state {
                case .pending:
                    entries[key] = nil
                    continue
                case .firing(let since, let lastNotified):
                    absent = 1
                    entry.state = .resolving(count: absent, since: since, lastNotified: lastNotified)
                case .resolving(let count, let since, let lastNotified):
                    absent = count + 1
                    entry.state = .resolving(count: absent, since: since, lastNotified: lastNotified)
                }
                if absent >= resolveAfter {
                    entries[key] = nil
                    events.append(AlertEvent(entry.condition, state: .resolved, time: now))
                } else {
                    entries[key] = entry
                }
            }
        }
        // The conditions no alert tracked yet: those whose key has no entry now (an entry with
        // a present condition was kept above).
        let added = present.filter { entries[conditions[$0].key] == nil }
        entries.reserveCapacity(entries.count + added.count)
        for index in added {
            let condition = conditions[index]
            let key = condition.key
            if rules.evaluationsToFire(condition.kind) <= 1 {
                entries[key] = Entry(condition: condition, state: .firing(since: now, lastNotified: now))
                events.append(AlertEvent(condition, state: .firing, time: now))
            } else {
                entries[key] = Entry(condition: condition, state: .pending(count: 1))
            }
        }
        events.sort { ($0.key, $0.state.rawValue) < ($1.key, $1.state.rawValue) }
        return events
    }

    /// Replaces each large batch of per-item events of one kind, state and marketplace by one
    /// grouped event keyed `<kind>:group:<marketplace or all>`; other events pass through.
    /// The result is sorted by key.
    public static func group(_ events: [AlertEvent], rules: AlertRules, time: Date) -> [AlertEvent] {
        struct Batch: Hashable {
            var kind: AlertKind
            var state: AlertEvent.State
            var marketplace: MarketplaceID?
        }
        var single: [AlertEvent] = []
        var batches: [Batch: [AlertEvent]] = [:]
        for event in events {
            if event.kind.isPerItem {
                batches[Batch(kind: event.kind, state: event.state, marketplace: event.marketplace), default: []]
                    .append(event)
            } else {
                single.append(event)
            }
        }
        for (batch, members) in batches {
            guard members.count > max(1, rules.groupThreshold) else {
                single += members
                continue
            }
            let sample = members.map { $0.listing ?? $0.product ?? $0.key }.sorted()
                .prefix(max(0, rules.groupSampleSize))
            single.append(
                AlertEvent(
                    time: time,
                    kind: batch.kind,
                    severity: members.map(\.severity).max() ?? rules.severity(of: batch.kind),
                    key: "\(batch.kind.rawValue):group:\(batch.marketplace?.rawValue ?? "all")",
                    state: batch.state,
                    message: AlertMessages.group(batch.kind, count: members.count, marketplace: batch.marketplace),
                    marketplace: batch.marketplace,
                    count: members.count,
                    sample: Array(sample)
                )
            )
        }
        return single.sorted { ($0.key, $0.state.rawValue) < ($1.key, $1.state.rawValue) }
    }
}
