public import OCOPCore

/// Decides, request by request, which scenario faults hit: a pure state machine over request counts.
///
/// Faults are evaluated in scenario order. A fault *sees* a request when its selectors
/// (`marketplace`, `item_id`) match and no earlier non-latency fault has already hit that request;
/// each fault counts the requests it has seen, and its selection decides from that count:
/// - `first: n` hits the requests it sees while its count is below `n`, so a retrying client heals;
/// - `ratio: r` hits request number `k` (0-based, shifted by the scenario seed) exactly when
///   `floor((k + 1) · r) > floor(k · r)`, computed in millionths: of any `n` consecutive requests,
///   `⌊n·r⌋` or `⌈n·r⌉` are hit, evenly spaced (`r = 0.1` hits the 10th, 20th …);
/// - no selection hits every request it sees.
///
/// `latency` faults add their delay and let evaluation continue; the first other fault that hits
/// ends it. Nothing here is random, so a scenario replays identically for the same request order.
public struct MockFaultSchedule: Sendable, Hashable {
    public let faults: [MockFault]
    public let seed: Int
    private var seen: [Int]

    public init(faults: [MockFault], seed: Int = 0) {
        self.faults = faults
        self.seed = seed
        self.seen = Array(repeating: 0, count: faults.count)
    }

    /// Counts one request and returns the faults that hit it.
    /// - Parameters:
    ///   - marketplace: The marketplace (or `feed`) the request addresses; `nil` for routes of none.
    ///   - itemID: The item the request addresses; `nil` for routes about no item (feeds, home page).
    public mutating func decide(marketplace: MarketplaceID?, itemID: String?) -> MockFaultDecision {
        var decision = MockFaultDecision()
        for (index, fault) in faults.enumerated() where fault.matches(marketplace: marketplace, itemID: itemID) {
            let count = seen[index]
            seen[index] += 1
            guard Self.hits(fault.selection, count: count, seed: seed) else { continue }
            decision.hitFaults.append(index)
            if case .latency(let milliseconds) = fault.kind {
                decision.latencyMilliseconds += milliseconds
            } else {
                decision.fault = fault.kind
                break
            }
        }
        return decision
    }

    /// How many requests each fault has seen, in scenario order.
    public var seenCounts: [Int] { seen }

    static func hits(_ selection: MockFault.Selection, count: Int, seed: Int) -> Bool {
        switch selection {
        case .always:
            return true
        case .first(let limit):
            return count < limit
        case .ratio(let ratio):
            let perMillion = Int((ratio * 1_000_000).rounded())
            let position = count + seed
            return (position + 1) * perMillion / 1_000_000 > position * perMillion / 1_000_000
        }
    }
}

/// The faults that hit one request.
public struct MockFaultDecision: Sendable, Hashable {
    /// Total delay from the `latency` faults that hit, in milliseconds.
    public var latencyMilliseconds = 0
    /// The fault that decides the answer, or `nil` for the normal answer.
    public var fault: MockFault.Kind?
    /// Indexes (in scenario order) of every fault that hit, latency included.
    public var hitFaults: [Int] = []

    public init(latencyMilliseconds: Int = 0, fault: MockFault.Kind? = nil, hitFaults: [Int] = []) {
        self.latencyMilliseconds = latencyMilliseconds
        self.fault = fault
        self.hitFaults = hitFaults
    }
}

extension MockFault {
    func matches(marketplace: MarketplaceID?, itemID: String?) -> Bool {
        if let wanted = self.marketplace, wanted != marketplace { return false }
        if let wanted = self.itemID, wanted != itemID { return false }
        return true
    }
}
