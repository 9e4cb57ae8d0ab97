import Testing

@testable import CurlFetch

@Suite("Retry timing, without sockets")
struct RetryPolicyTests {
    let policy = RetryPolicy(
        maxAttempts: 5,
        baseDelay: .milliseconds(100),
        maxDelay: .seconds(1),
        jitter: 0.5,
        maxRetryAfter: .seconds(60)
    )

    @Test("Backoff doubles per attempt and stops at maxDelay")
    func exponentialBackoff() {
        let delays = (1...4).map { policy.delay(attempt: $0, retryAfter: nil, jitter: 0) }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800)])
        let capped = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .milliseconds(300))
        #expect(capped.delay(attempt: 6, retryAfter: nil, jitter: 0) == .milliseconds(300))
    }

    @Test("Jitter only shortens the wait, by at most its fraction")
    func jitterBounds() {
        #expect(policy.delay(attempt: 2, retryAfter: nil, jitter: 0.999_999)! > .milliseconds(100))
        #expect(policy.delay(attempt: 2, retryAfter: nil, jitter: 0.5) == .milliseconds(150))
        #expect(policy.delay(attempt: 2, retryAfter: nil, jitter: 0) == .milliseconds(200))
    }

    @Test("No retry once maxAttempts have been made")
    func attemptsExhausted() {
        #expect(policy.delay(attempt: 4, retryAfter: nil, jitter: 0) != nil)
        #expect(policy.delay(attempt: 5, retryAfter: nil, jitter: 0) == nil)
        #expect(RetryPolicy(maxAttempts: 1).delay(attempt: 1, retryAfter: nil, jitter: 0) == nil)
    }

    @Test("Retry-After replaces the backoff; one past maxRetryAfter means no retry")
    func retryAfter() {
        #expect(policy.delay(attempt: 1, retryAfter: .seconds(7), jitter: 0.9) == .seconds(7))
        #expect(policy.delay(attempt: 1, retryAfter: .zero, jitter: 0.9) == .zero)
        #expect(policy.delay(attempt: 1, retryAfter: .seconds(61), jitter: 0) == nil)
        #expect(policy.delay(attempt: 5, retryAfter: .seconds(1), jitter: 0) == nil)
    }

    @Test(
        "429 and 5xx are retryable statuses; others are not",
        arguments: [
            (429, true), (500, true), (502, true), (503, true), (599, true),
            (200, false), (304, false), (404, false), (403, false), (410, false),
        ])
    func retryableStatuses(status: Int, retryable: Bool) {
        #expect(RetryPolicy.isRetryable(status: status) == retryable)
    }

    @Test("Only timeouts and connection failures are transient")
    func transientErrors() {
        #expect(FetchError.timeout(url: "u").isTransient)
        #expect(FetchError.connectionFailed(url: "u", detail: "reset").isTransient)
        #expect(!FetchError.dns(url: "u", detail: "nx").isTransient)
        #expect(!FetchError.tls(url: "u", detail: "bad cert").isTransient)
        #expect(!FetchError.bodyTooLarge(url: "u", limit: 1).isTransient)
    }
}

@Suite("Retry-After parsing")
struct RetryAfterTests {
    /// Wed, 21 Oct 2015 07:28:00 GMT
    let now = 1_445_412_480

    @Test("Delay-seconds")
    func seconds() {
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
    }

    @Test("HTTP-dates in all three formats, measured from now; past dates mean no wait")
    func dates() {
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:30:00 GMT", now: now) == .seconds(120))
        #expect(RetryAfter.parse("Wednesday, 21-Oct-15 07:29:00 GMT", now: now) == .seconds(60))
        #expect(RetryAfter.parse("Wed Oct 21 07:28:30 2015", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", now: now) == .zero)
    }

    @Test("Garbage is ignored")
    func garbage() {
        #expect(RetryAfter.parse("", now: now) == nil)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse("-5", now: now) == nil)
    }

    @Test("An absurdly large number is still a (huge) wait, which the policy then refuses")
    func huge() {
        let parsed = RetryAfter.parse("99999999999999999999999", now: now)
        #expect(parsed != nil)
        #expect(RetryPolicy().delay(attempt: 1, retryAfter: parsed, jitter: 0) == nil)
    }
}
