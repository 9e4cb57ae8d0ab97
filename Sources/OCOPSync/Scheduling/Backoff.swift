import Foundation

/// Exponential backoff with a cap and deterministic jitter, shared by the listing schedule
/// (retries after a failed check) and the circuit breaker (cooldowns).
///
/// Attempt 1 waits `base`, each further attempt `multiplier` times longer, never more than
/// `cap`. Jitter *shortens* a delay by up to `jitter` × delay, so the cap is a true upper
/// bound; it comes from a hash of a seed (the listing) and the attempt rather than from a random
/// generator, so that tests and restarts see the same numbers while different listings that
/// failed together still retry apart.
public struct Backoff: Sendable, Hashable, Codable {
    /// The first delay.
    public var base: TimeInterval
    /// The longest delay.
    public var cap: TimeInterval
    /// Growth per attempt.
    public var multiplier: Double
    /// The largest share of a delay that jitter may remove, `0...1`.
    public var jitter: Double

    public init(base: TimeInterval, cap: TimeInterval, multiplier: Double = 2, jitter: Double = 0) {
        self.base = base
        self.cap = max(cap, base)
        self.multiplier = multiplier
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The delay before attempt number `attempt` (1 for the first retry); `0` for `attempt ≤ 0`.
    ///
    /// - Parameter seed: spreads equal attempts of different subjects; use a stable hash.
    public func delay(attempt: Int, seed: UInt64 = 0) -> TimeInterval {
        guard attempt > 0 else { return 0 }
        let grown = base * pow(multiplier, Double(attempt - 1))
        let capped = grown.isFinite ? min(cap, grown) : cap
        guard jitter > 0 else { return capped }
        let draw = ScheduleHash.unitInterval(ScheduleHash.combine(seed, UInt64(attempt)))
        return capped * (1 - jitter * draw)
    }
}
