/// When and how long to wait before trying a request again.
///
/// Retried: timeouts, connection failures, 429 and 5xx. The wait is exponential backoff
/// (`baseDelay · 2^(attempt-1)`, at most `maxDelay`) shortened by up to `jitter` of itself so that
/// many failed requests do not return in lock-step. A server's `Retry-After` replaces the backoff;
/// one that asks for more than `maxRetryAfter` is not retried at all (the response is returned),
/// because retrying earlier than asked is impolite and waiting longer stalls the pass.
public struct RetryPolicy: Sendable, Hashable {
    /// Tries in all, including the first; 1 turns retries off.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// Fraction (0...1) of the backoff that may be cut at random.
    public var jitter: Double
    /// Longest `Retry-After` the engine will wait for.
    public var maxRetryAfter: Duration

    public init(
        maxAttempts: Int = 3,
        baseDelay: Duration = .seconds(1),
        maxDelay: Duration = .seconds(30),
        jitter: Double = 0.2,
        maxRetryAfter: Duration = .seconds(120)
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.maxRetryAfter = maxRetryAfter
    }

    /// Whether a status is worth another attempt: rate limiting and server-side failures.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || (500...599).contains(status)
    }

    /// The wait before the next attempt, or nil when the request should not be retried.
    ///
    /// - Parameters:
    ///   - attempt: The attempt that just failed, counting from 1.
    ///   - retryAfter: The server's `Retry-After`, already parsed, if it sent one.
    ///   - jitter: A number in `0..<1`; random in production, fixed in tests.
    public func delay(attempt: Int, retryAfter: Duration?, jitter unit: Double) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        if let retryAfter {
            return retryAfter <= maxRetryAfter ? max(retryAfter, .zero) : nil
        }
        let exponent = min(max(attempt - 1, 0), 30)
        let backoff = min(baseDelay * (1 << exponent), maxDelay)
        let cut = min(max(jitter, 0), 1) * min(max(unit, 0), 1)
        return backoff * (1 - cut)
    }
}
