import Synchronization

/// Each site's `robots.txt`, fetched once however many requests wait for it, and kept for a day
/// (RFC 9309 §2.4); a site whose file could not be fetched is asked again after a minute.
///
/// The lookup of a known site takes a lock, not an actor hop: it runs before every request, on
/// the fetch loop's thread, where a hop to another executor would cost more than the request's
/// own bookkeeping (docs/0012, fourteenth round).
final class RobotsCache: Sendable {
    typealias Answer = Result<RobotsRules, FetchError>

    private enum Entry {
        case known(Answer, until: ContinuousClock.Instant)
        case loading([CheckedContinuation<Outcome, Never>])
    }

    /// What a waiter is woken with: the answer, or, when the load was cancelled with the task
    /// that ran it, a turn to ask again (one of the waiters then loads).
    private enum Outcome {
        case answer(Answer)
        case askAgain
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let lifetime: Duration
    private let failureLifetime: Duration

    init(lifetime: Duration = .seconds(86_400), failureLifetime: Duration = .seconds(60)) {
        self.lifetime = lifetime
        self.failureLifetime = failureLifetime
    }

    /// The rules of `origin` (`https://tiki.vn`), loading them with `load` when none are known.
    func rules(for origin: String, load: () async -> Answer) async -> Answer {
        enum Step {
            case known(Answer)
            case wait
            case load
        }
        while true {
            let now = ContinuousClock.now
            let step: Step = entries.withLock { entries in
                switch entries[origin] {
                case .known(let answer, let until) where now < until: return .known(answer)
                case .loading: return .wait
                default:
                    entries[origin] = .loading([])
                    return .load
                }
            }
            switch step {
            case .known(let answer):
                return answer
            case .wait:
                let outcome = await withCheckedContinuation { continuation in
                    let settled: Outcome? = entries.withLock { entries in
                        switch entries[origin] {
                        case .loading(var waiters):
                            waiters.append(continuation)
                            entries[origin] = .loading(waiters)
                            return nil
                        case .known(let answer, _):
                            return .answer(answer)
                        case nil:
                            return .askAgain
                        }
                    }
                    if let settled { continuation.resume(returning: settled) }
                }
                if case .answer(let answer) = outcome { return answer }
            case .load:
                let answer = await load()
                let cancelled: Bool
                switch answer {
                case .failure(.cancelled), .failure(.shutdown): cancelled = true
                default: cancelled = false
                }
                let kept: Duration
                if case .success = answer { kept = lifetime } else { kept = failureLifetime }
                let waiters: [CheckedContinuation<Outcome, Never>] = entries.withLock { entries in
                    guard case .loading(let waiters) = entries[origin] else { return [] }
                    entries[origin] = cancelled ? nil : .known(answer, until: ContinuousClock.now + kept)
                    return waiters
                }
                // A load cut short by its own task's cancellation says nothing to the others.
                for waiter in waiters { waiter.resume(returning: cancelled ? .askAgain : .answer(answer)) }
                return answer
            }
        }
    }
}
