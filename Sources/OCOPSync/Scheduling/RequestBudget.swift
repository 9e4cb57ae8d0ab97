import Foundation

/// A marketplace's requests-per-hour allowance, as a token bucket.
///
/// The bucket holds up to ``burst`` tokens and refills at ``requestsPerHour`` / 3600 tokens per
/// second; each request takes one. Per-host pacing (one request per second or so) is the fetch
/// engine's job; the budget bounds the hourly volume, including the catch-up after an outage,
/// so that a provincial server never becomes a marketplace's heaviest visitor.
///
/// Wall-clock time is passed in. If it goes backwards (an NTP step), nothing refills until it
/// catches up: erring on the polite side. The budget is `Codable` so a restart does not
/// start with a full bucket again.
public struct RequestBudget: Sendable, Hashable {
    /// Sustained rate; `0` stops traffic.
    public var requestsPerHour: Double {
        didSet { requestsPerHour = max(0, requestsPerHour) }
    }
    /// Largest number of requests that may go back to back after a quiet period.
    public var burst: Double {
        didSet {
            burst = max(1, burst)
            tokens = min(tokens, burst)
        }
    }
    private var tokens: Double
    private var updatedAt: Date?

    /// A full bucket.
    ///
    /// - Parameters:
    ///   - requestsPerHour: sustained rate.
    ///   - burst: bucket size; by default one minute's worth of requests (at least one).
    public init(requestsPerHour: Double, burst: Double? = nil) {
        self.requestsPerHour = max(0, requestsPerHour)
        self.burst = max(1, burst ?? requestsPerHour / 60)
        self.tokens = self.burst
        self.updatedAt = nil
    }

    /// Whole requests that may go at `now`.
    public func available(at now: Date) -> Int {
        Int(refilled(at: now).rounded(.down))
    }

    /// Takes `count` tokens if there are that many; all or nothing.
    @discardableResult
    public mutating func consume(_ count: Int = 1, at now: Date) -> Bool {
        let current = refilled(at: now)
        advance(to: now)
        guard Double(count) <= current else {
            tokens = current
            return false
        }
        tokens = current - Double(count)
        return true
    }

    /// When the next request may go: `now` if one may go already, `nil` if the rate is zero.
    public func nextAvailable(at now: Date) -> Date? {
        let current = refilled(at: now)
        if current >= 1 { return now }
        guard requestsPerHour > 0 else { return nil }
        return now.addingTimeInterval((1 - current) * 3600 / requestsPerHour)
    }

    private func refilled(at now: Date) -> Double {
        guard let updatedAt else { return tokens }
        let elapsed = max(0, now.timeIntervalSince(updatedAt))
        return min(burst, tokens + elapsed * requestsPerHour / 3600)
    }

    private mutating func advance(to now: Date) {
        if let updatedAt, now < updatedAt { return }
        updatedAt = now
    }
}

/// The level and the time it was taken are what matter across a restart; the rate and burst are
/// encoded too, and callers re-assign the configured ones after decoding (a lower burst also
/// lowers the level).
extension RequestBudget: Codable {
    private enum CodingKeys: String, CodingKey {
        case requestsPerHour
        case burst
        case tokens
        case updatedAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            requestsPerHour: try container.decode(Double.self, forKey: .requestsPerHour),
            burst: try container.decode(Double.self, forKey: .burst)
        )
        tokens = min(burst, max(0, try container.decode(Double.self, forKey: .tokens)))
        updatedAt = try container.decodeIfPresent(Date.self, forKey: .updatedAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requestsPerHour, forKey: .requestsPerHour)
        try container.encode(burst, forKey: .burst)
        try container.encode(tokens, forKey: .tokens)
        try container.encodeIfPresent(updatedAt, forKey: .updatedAt)
    }
}
