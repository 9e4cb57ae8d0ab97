import Foundation
import OCOPCore
import Synchronization

/// The server's mutable state behind one lock: scenario, fault schedule, counters and page cache.
///
/// Requests take the lock twice at most (admission, then a cache lookup or insert) and never
/// while rendering, so 64 concurrent requests do not serialise on a 300 KB page build.
final class MockServerState: Sendable {
    /// What one request was admitted with.
    struct Admission: Sendable {
        /// The item the route addresses (synthesised as `not_found` when unlisted); `nil` for feeds and `/`.
        var facts: MockItemFacts?
        /// The scenario's items of a feed route's marketplace.
        var feedItems: [MockItem]
        var decision: MockFaultDecision
        /// Requests for the same item before this one.
        var attempt: Int
        var revision: Int
        var sendoClosed: Bool
        var loadedAt: Date
    }

    /// Identifies one rendering of one route under one scenario revision.
    struct RenderKey: Hashable, Sendable {
        var route: MockRoute
        var state: MockItemState?
        var variant: Int
        var invalidUTF8: Bool
        var revision: Int
    }

    private struct Storage {
        var scenario: MockScenario
        var index: [ItemKey: Int] = [:]
        var schedule: MockFaultSchedule
        var revision = 0
        var loadedAt = Date()
        var stats = MockRequestStats()
        var attempts: [ItemKey: Int] = [:]
        var cache: [RenderKey: RenderedResponse] = [:]
        var bombs: [Int: RenderedResponse] = [:]

        init(scenario: MockScenario) {
            self.scenario = scenario
            self.schedule = MockFaultSchedule(faults: scenario.faults, seed: scenario.seed)
            reindex()
        }

        mutating func reindex() {
            index = [:]
            for (position, item) in scenario.items.enumerated() {
                index[ItemKey(marketplace: item.marketplace, itemID: item.itemID)] = position
            }
        }

        mutating func changed() {
            revision += 1
            stats.scenarioRevision = revision
            loadedAt = Date()
            cache.removeAll(keepingCapacity: true)
        }
    }

    struct ItemKey: Hashable, Sendable {
        var marketplace: MarketplaceID
        var itemID: String

        var description: String { "\(marketplace.rawValue)/\(itemID)" }
    }

    private let storage: Mutex<Storage>

    init(scenario: MockScenario) {
        storage = Mutex(Storage(scenario: scenario))
    }

    var scenario: MockScenario { storage.withLock { $0.scenario } }

    /// Replaces the scenario; fault counters restart, request statistics carry on.
    func update(scenario: MockScenario) {
        storage.withLock { storage in
            storage.scenario = scenario
            storage.schedule = MockFaultSchedule(faults: scenario.faults, seed: scenario.seed)
            storage.reindex()
            storage.changed()
        }
    }

    /// Sets one item's state, adding the item when the scenario does not list it.
    func setState(_ state: MockItemState, marketplace: MarketplaceID, itemID: String) {
        storage.withLock { storage in
            let key = ItemKey(marketplace: marketplace, itemID: itemID)
            if let position = storage.index[key] {
                storage.scenario.items[position].state = state
            } else {
                storage.scenario.items.append(MockItem(marketplace: marketplace, itemID: itemID, state: state))
                storage.index[key] = storage.scenario.items.count - 1
            }
            storage.changed()
        }
    }

    /// Counts a request, resolves its item and decides its faults.
    func admit(_ route: MockRoute) -> Admission {
        storage.withLock { storage in
            var facts: MockItemFacts?
            var feedItems: [MockItem] = []
            let candidates = route.candidateItemIDs
            if case .feed(let marketplace) = route {
                feedItems = storage.scenario.items.filter { $0.marketplace == marketplace }
            } else if let first = candidates.first {
                facts = MockItemFacts(marketplace: route.marketplace, itemID: first)
                for candidate in candidates {
                    if let position = storage.index[ItemKey(marketplace: route.marketplace, itemID: candidate)] {
                        facts = MockItemFacts(storage.scenario.items[position])
                        break
                    }
                }
            }
            let decision = storage.schedule.decide(marketplace: route.marketplace, itemID: facts?.itemID)

            storage.stats.total += 1
            storage.stats.marketplaces[route.marketplace.rawValue, default: 0] += 1
            storage.stats.routes[route.name, default: 0] += 1
            var attempt = 0
            if let facts {
                let key = ItemKey(marketplace: facts.marketplace, itemID: facts.itemID)
                attempt = storage.attempts[key, default: 0]
                storage.attempts[key] = attempt + 1
                storage.stats.items[key.description, default: 0] += 1
            }
            for index in decision.hitFaults {
                storage.stats.faults[storage.schedule.faults[index].kind.name, default: 0] += 1
            }
            return Admission(
                facts: facts,
                feedItems: feedItems,
                decision: decision,
                attempt: attempt,
                revision: storage.revision,
                sendoClosed: storage.scenario.sendoClosed,
                loadedAt: storage.loadedAt
            )
        }
    }

    func cached(_ key: RenderKey) -> RenderedResponse? {
        storage.withLock { $0.cache[key] }
    }

    /// Stores a rendering unless the scenario changed while it was built.
    func store(_ rendered: RenderedResponse, for key: RenderKey) {
        storage.withLock { storage in
            if key.revision == storage.revision { storage.cache[key] = rendered }
        }
    }

    func bomb(inflatedBytes: Int, render: () -> RenderedResponse) -> RenderedResponse {
        if let cached = storage.withLock({ $0.bombs[inflatedBytes] }) { return cached }
        let rendered = render()
        storage.withLock { $0.bombs[inflatedBytes] = rendered }
        return rendered
    }

    func stallBegan() { storage.withLock { $0.stats.openStalls += 1 } }

    func stallEnded() { storage.withLock { $0.stats.openStalls -= 1 } }

    var stats: MockRequestStats { storage.withLock { $0.stats } }

    func resetStats() {
        storage.withLock { storage in
            let open = storage.stats.openStalls
            storage.stats = MockRequestStats()
            storage.stats.openStalls = open
            storage.stats.scenarioRevision = storage.revision
            storage.attempts = [:]
        }
    }
}
