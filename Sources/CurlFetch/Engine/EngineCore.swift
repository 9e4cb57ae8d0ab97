import Synchronization

/// The state `FetchEngine` and its loop thread share. Everything mutable sits behind a lock;
/// the loop's own working state lives in `FetchLoop`, which never leaves its thread.
final class EngineCore: Sendable {
    /// What the loop picks up on each turn.
    struct Inbox: Sendable {
        var submissions: [Transfer] = []
        var cancellations: [UInt64] = []
        var isShuttingDown = false
    }

    private struct State: Sendable {
        var inbox = Inbox()
        /// Submitted and not yet resumed: the ids a cancellation may still reach.
        var inFlight: Set<UInt64> = []
        /// False once the loop stopped and the multi handle is gone: no more wakeups.
        var isLoopRunning = true
        /// True while the loop sleeps (or is about to) in `curl_multi_poll` with an empty inbox:
        /// only then does a submission need `curl_multi_wakeup`, a system call per request
        /// otherwise.
        var isLoopPolling = false
        var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let configuration: FetchEngine.Configuration
    /// `allowedFileDirectories` with symlinks resolved.
    let fileDirectories: [String]
    let multi: MultiHandle
    /// Bodies read to the end and handed back, for the next transfers to fill.
    let bodies: BodyPool
    /// Runs the tasks the loop resumes, on the loop's thread.
    let executor = LoopExecutor()
    /// Each site's `robots.txt`, when `obeysRobotsTxt`.
    let robots = RobotsCache()
    private let state = Mutex(State())
    private let validatorCache: Mutex<ValidatorCache>
    private let counters = Mutex(FetchEngine.Statistics())
    private let lastID = Atomic<UInt64>(0)

    init(configuration: FetchEngine.Configuration, fileDirectories: [String], multi: MultiHandle) {
        self.configuration = configuration
        self.fileDirectories = fileDirectories
        self.multi = multi
        bodies = BodyPool(limit: min(configuration.maxConcurrency, BodyPool.defaultLimit))
        validatorCache = Mutex(ValidatorCache(capacity: configuration.validatorCacheCapacity))
    }

    func makeTransferID() -> UInt64 {
        lastID.add(1, ordering: .relaxed).newValue
    }

    // MARK: Fetching side

    /// Hands a transfer to the loop. Resumes it at once with `.cancelled` or `.shutdown` instead
    /// when the task is already cancelled or the engine is stopping.
    func submit(_ transfer: Transfer) {
        let refusal: FetchError? = state.withLock { state in
            if state.inbox.isShuttingDown || !state.isLoopRunning {
                return .shutdown(url: transfer.hop.url)
            }
            if Task.isCancelled {
                return .cancelled(url: transfer.hop.url)
            }
            state.inbox.submissions.append(transfer)
            state.inFlight.insert(transfer.id)
            if state.isLoopPolling {
                state.isLoopPolling = false
                multi.wakeup()
            }
            return nil
        }
        if let refusal {
            transfer.resume(with: .failure(refusal))
        }
    }

    /// Cancels a submitted transfer: at once when the loop has not picked it up yet, else by
    /// asking the loop to remove it from libcurl.
    func cancel(id: UInt64) {
        let unclaimed: Transfer? = state.withLock { state in
            if let index = state.inbox.submissions.firstIndex(where: { $0.id == id }) {
                state.inFlight.remove(id)
                return state.inbox.submissions.remove(at: index)
            }
            if state.inFlight.contains(id), state.isLoopRunning {
                state.inbox.cancellations.append(id)
                multi.wakeup()
            }
            return nil
        }
        if let unclaimed {
            unclaimed.resume(with: .failure(.cancelled(url: unclaimed.hop.url)))
        }
    }

    /// Asks the loop to stop; `waiter`, if given, is resumed once it has.
    func requestShutdown(waiter: CheckedContinuation<Void, Never>?) {
        let stopped: Bool = state.withLock { state in
            guard state.isLoopRunning else { return true }
            if let waiter {
                state.shutdownWaiters.append(waiter)
            }
            if !state.inbox.isShuttingDown {
                state.inbox.isShuttingDown = true
                multi.wakeup()
            }
            return false
        }
        if stopped {
            waiter?.resume()
        }
    }

    // MARK: Loop side

    /// Whether the loop may sleep in `curl_multi_poll`: not when work arrived since it last
    /// took the inbox. When it may, submissions from now on wake it.
    func prepareToPoll() -> Bool {
        state.withLock { state in
            let inbox = state.inbox
            guard inbox.submissions.isEmpty, inbox.cancellations.isEmpty, !inbox.isShuttingDown else { return false }
            state.isLoopPolling = true
            return true
        }
    }

    func finishedPolling() {
        state.withLock { $0.isLoopPolling = false }
    }

    func takeInbox() -> Inbox {
        state.withLock { state in
            let inbox = state.inbox
            state.inbox.submissions.removeAll(keepingCapacity: true)
            state.inbox.cancellations.removeAll(keepingCapacity: true)
            return inbox
        }
    }

    /// Ends a transfer's time in flight and resumes its fetch.
    func retire(_ transfer: Transfer, with result: Result<HopResult, FetchError>) {
        state.withLock { _ = $0.inFlight.remove(transfer.id) }
        if case .success(let hop) = result {
            record {
                $0.newConnections += hop.newConnections
                $0.bytesReceived += hop.body.count
            }
        }
        transfer.resume(with: result)
    }

    /// Marks the loop as gone (no more wakeups) and returns who waits for that.
    func loopStopped() -> [CheckedContinuation<Void, Never>] {
        state.withLock { state in
            state.isLoopRunning = false
            defer { state.shutdownWaiters = [] }
            return state.shutdownWaiters
        }
    }

    // MARK: Validators and statistics

    func conditionalHeaders(for url: String) -> [FetchHeader] {
        validatorCache.withLock { $0.conditionalHeaders(for: url) }
    }

    func recordValidators(url: String, status: Int, headers: [FetchHeader]) {
        validatorCache.withLock { $0.record(url: url, status: status, headers: headers) }
    }

    var statistics: FetchEngine.Statistics {
        counters.withLock { $0 }
    }

    func record(_ update: (inout FetchEngine.Statistics) -> Void) {
        counters.withLock { update(&$0) }
    }
}
