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
        case loading([CheckedContinuation<Answer, Never>])
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
            return await withCheckedContinuation { continuation in
                let settled: Answer? = entries.withLock { entries in
                    switch entries[origin] {
                    case .loading(var waiters):
                        waiters.append(continuation)
                        entries[origin] = .loading(waiters)
                        return nil
                    case .known(let answer, _):
                        return answer
                    case nil:
                        return .success(.allowAll)
                    }
                }
                if let settled { continuation.resume(returning: settled) }
            }
        case .load:
            let answer = await load()
            let kept: Duration
            switch answer {
            case .success: kept = lifetime
            case .failure(.cancelled), .failure(.shutdown): kept = .zero
            case .failure: kept = failureLifetime
            }
            let waiters: [CheckedContinuation<Answer, Never>] = entries.withLock { entries in
                guard case .loading(let waiters) = entries[origin] else { return [] }
                entries[origin] = kept > .zero ? .known(answer, until: ContinuousClock.now + kept) : nil
                return waiters
            }
            for waiter in waiters { waiter.resume(returning: answer) }
            return answer
        }
    }
}
