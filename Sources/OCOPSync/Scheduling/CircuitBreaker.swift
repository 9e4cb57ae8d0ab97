import Foundation
import OCOPCore

/// Stops all traffic to a marketplace that is blocking us, and lets one probe test whether it
/// stopped.
///
/// A marketplace that answers with captchas and 403s to most requests will not answer the next
/// thousand differently; asking anyway only deepens the block and produces a thousand
/// `blocked` observations. The breaker:
/// - **closed**: traffic flows. Among the last ``Configuration/window`` checks (at least
///   ``Configuration/minimumSamples``), when the share of tripping answers (`blocked`) reaches
///   ``Configuration/threshold``, it opens.
/// - **open(until:)**: no traffic until the cooldown ends. The cooldown doubles each time a
///   probe fails, up to a cap.
/// - **halfOpen**: exactly one probe may go. A conclusive answer (`active`, `out_of_stock`,
///   `delisted`) closes the breaker and resets the cooldown; a tripping answer opens it again for
///   longer; an inconclusive one (a timeout) frees the probe slot for another try.
///
/// Persist it (it is `Codable`) so that a restart does not hammer a marketplace that blocked us
/// a minute ago.
public struct CircuitBreaker: Sendable, Hashable {
    /// Where the breaker is.
    public enum State: Sendable, Hashable, Codable {
        case closed
        case open(until: Date)
        case halfOpen
    }

    /// Thresholds and cooldowns; re-assign after decoding and on reload.
    public var configuration: Configuration
    public private(set) var state: State
    /// The most recent outcomes while closed, oldest first: `true` for a tripping answer.
    private(set) var recent: [Bool]
    /// Openings since the breaker was last closed: the cooldown's attempt number.
    private(set) var openings: Int
    /// When the half-open probe was handed out; `nil` while no probe is out.
    private(set) var probeSentAt: Date?

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.state = .closed
        self.recent = []
        self.openings = 0
        self.probeSentAt = nil
    }

    /// Whether a request may go now: always when closed, and once the cooldown is over for a
    /// single probe (see ``reserveProbe(at:)``).
    public func allows(at now: Date) -> Bool {
        switch state {
        case .closed:
            true
        case .open(let until):
            now >= until
        case .halfOpen:
            isProbeSlotFree(at: now)
        }
    }

    /// Takes the single probe slot when the cooldown is over: the breaker becomes half-open and
    /// `true` is returned; send exactly one request then. Returns `false` when the breaker is
    /// closed (no probe needed) or no probe may go yet.
    @discardableResult
    public mutating func reserveProbe(at now: Date) -> Bool {
        switch state {
        case .closed:
            return false
        case .open(let until):
            guard now >= until else { return false }
        case .halfOpen:
            guard isProbeSlotFree(at: now) else { return false }
        }
        state = .halfOpen
        probeSentAt = now
        return true
    }

    /// Asks to send one request now: `true` when closed, or when the probe slot was just taken.
    public mutating func admit(at now: Date) -> Bool {
        state == .closed || reserveProbe(at: now)
    }

    /// How many requests may go now: unlimited (`nil`) when closed, else 0 or 1 probe.
    public func allowance(at now: Date) -> Int? {
        state == .closed ? nil : (allows(at: now) ? 1 : 0)
    }

    /// When the breaker next lets a request through, `nil` when it does now.
    public func nextAllowed(at now: Date) -> Date? {
        switch state {
        case .closed:
            return nil
        case .open(let until):
            return now >= until ? nil : until
        case .halfOpen:
            guard let probeSentAt, !isProbeSlotFree(at: now) else { return nil }
            return probeSentAt.addingTimeInterval(configuration.probeTimeout)
        }
    }

    /// Feeds the outcome of one check to this marketplace.
    ///
    /// Answers that arrive while open were sent before it opened and are ignored.
    public mutating func record(_ status: ListingStatus, at now: Date) {
        let tripping = configuration.trippingStatuses.contains(status)
        switch state {
        case .closed:
            recent.append(tripping)
            if recent.count > configuration.window {
                recent.removeFirst(recent.count - configuration.window)
            }
            let trips = recent.lazy.filter { $0 }.count
            if recent.count >= configuration.minimumSamples,
                Double(trips) >= configuration.threshold * Double(recent.count)
            {
                open(at: now)
            }
        case .open:
            break
        case .halfOpen:
            if tripping {
                open(at: now)
            } else if status.isConclusive {
                state = .closed
                recent = []
                openings = 0
                probeSentAt = nil
            } else {
                probeSentAt = nil
            }
        }
    }

    private mutating func open(at now: Date) {
        openings += 1
        state = .open(until: now.addingTimeInterval(configuration.cooldown.delay(attempt: openings)))
        recent = []
        probeSentAt = nil
    }

    private func isProbeSlotFree(at now: Date) -> Bool {
        guard let probeSentAt else { return true }
        return now >= probeSentAt.addingTimeInterval(configuration.probeTimeout)
    }
}

/// The configuration is not encoded: it comes from the config file.
extension CircuitBreaker: Codable {
    private enum CodingKeys: String, CodingKey {
        case state
        case recent
        case openings
        case probeSentAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        state = try container.decode(State.self, forKey: .state)
        recent = try container.decode([Bool].self, forKey: .recent)
        openings = try container.decode(Int.self, forKey: .openings)
        probeSentAt = try container.decodeIfPresent(Date.self, forKey: .probeSentAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(recent, forKey: .recent)
        try container.encode(openings, forKey: .openings)
        try container.encodeIfPresent(probeSentAt, forKey: .probeSentAt)
    }
}
