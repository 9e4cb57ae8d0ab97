/// Decides which waiting transfers may start now, under a global concurrency limit and each
/// host's ``HostPolicy`` (concurrency and minimum interval between starts), plus pauses a host
/// asked for with `Retry-After`.
///
/// A pure value type driven by the fetch loop with explicit instants, so that pacing is tested
/// without sockets or sleeping. Order is first-in first-out across hosts, except that a host that
/// must wait does not hold up the others.
struct AdmissionQueue<ID: Hashable & Sendable>: Sendable {
    typealias Instant = ContinuousClock.Instant

    private struct Waiting: Sendable {
        var id: ID
        var sequence: UInt64
    }

    private struct Host: Sendable {
        var policy: HostPolicy
        var queue = FIFOQueue<Waiting>()
        var active = 0
        var lastStart: Instant?
        var pausedUntil: Instant?

        /// The earliest instant at which the next start is allowed, ignoring concurrency.
        var notBefore: Instant? {
            let paced = lastStart.map { $0 + policy.minimumInterval }
            switch (paced, pausedUntil) {
            case (let paced?, let paused?): return max(paced, paused)
            case (let paced?, nil): return paced
            case (nil, let paused): return paused
            }
        }

        func canStart(now: Instant) -> Bool {
            guard active < policy.maxConcurrentRequests else { return false }
            return notBefore.map { now >= $0 } ?? true
        }

        mutating func append(_ waiting: Waiting, policy: HostPolicy) {
            // The longest interval asked while the host is busy holds: a `Crawl-delay` learnt
            // from one origin is not undone by a request that carries none (another origin
            // under the same pacing key, the daily robots.txt read).
            self.policy = HostPolicy(
                maxConcurrentRequests: policy.maxConcurrentRequests,
                minimumInterval: max(self.policy.minimumInterval, policy.minimumInterval))
            queue.append(waiting)
        }

        func isIdle(now: Instant) -> Bool {
            queue.isEmpty && active == 0 && (notBefore.map { now >= $0 } ?? true)
        }
    }

    /// Transfers running at once, across all hosts.
    let maxConcurrency: Int
    /// Transfers started and not yet finished.
    private(set) var active = 0
    private var hosts: [String: Host] = [:]
    private var hostsWithWaiting: Set<String> = []
    private var keyOfWaiting: [ID: String] = [:]
    private var nextSequence: UInt64 = 0

    init(maxConcurrency: Int) {
        self.maxConcurrency = max(maxConcurrency, 1)
    }

    /// Transfers waiting to start.
    var waitingCount: Int { keyOfWaiting.count }

    /// Hosts the queue keeps state for (waiting, running or still inside their interval).
    var trackedHostCount: Int { hosts.count }

    /// Queues a transfer behind the others for its host, whose budget becomes `policy` (the
    /// latest request's, which carries the site's `Crawl-delay` once its `robots.txt` is known),
    /// with the longest interval asked since the host was last idle.
    mutating func enqueue(_ id: ID, key: String, policy: HostPolicy) {
        hosts[key, default: Host(policy: policy)].append(Waiting(id: id, sequence: nextSequence), policy: policy)
        nextSequence &+= 1
        hostsWithWaiting.insert(key)
        keyOfWaiting[id] = key
    }

    /// Takes a transfer out of the queue before it started (it was cancelled). Returns false when
    /// it is not waiting (never queued, or already started).
    @discardableResult
    mutating func remove(_ id: ID) -> Bool {
        guard let key = keyOfWaiting.removeValue(forKey: id) else { return false }
        hosts[key]?.queue.removeAll { $0.id == id }
        if hosts[key]?.queue.isEmpty ?? true {
            hostsWithWaiting.remove(key)
        }
        return true
    }

    /// Starts every transfer that may start at `now`, oldest first, and returns them in order.
    mutating func admit(now: Instant) -> [(id: ID, key: String)] {
        var admitted: [(id: ID, key: String)] = []
        while active < maxConcurrency {
            var best: (key: String, sequence: UInt64)?
            for key in hostsWithWaiting {
                guard let host = hosts[key], host.canStart(now: now), let head = host.queue.first else { continue }
                if best == nil || head.sequence < best!.sequence {
                    best = (key, head.sequence)
                }
            }
            guard let key = best?.key, var host = hosts[key], let next = host.queue.removeFirst() else { break }
            host.active += 1
            host.lastStart = now
            hosts[key] = host
            if host.queue.isEmpty {
                hostsWithWaiting.remove(key)
            }
            keyOfWaiting[next.id] = nil
            active += 1
            admitted.append((next.id, key))
        }
        return admitted
    }

    /// Records that a started transfer for `key` ended, freeing its slots.
    mutating func finish(key: String) {
        guard var host = hosts[key], host.active > 0 else { return }
        host.active -= 1
        hosts[key] = host
        active -= 1
    }

    /// Holds every start to `key` until `until` (a `Retry-After` from the host).
    mutating func pause(key: String, until: Instant, policy: HostPolicy) {
        var host = hosts[key, default: Host(policy: policy)]
        host.pausedUntil = max(host.pausedUntil ?? until, until)
        hosts[key] = host
    }

    /// The next instant at which a waiting transfer becomes startable by the passing of time
    /// alone, or nil when none will (nothing waits, or every waiting one needs a slot to free up).
    func nextWakeup(now: Instant) -> Instant? {
        var earliest: Instant?
        for key in hostsWithWaiting {
            guard let host = hosts[key], host.active < host.policy.maxConcurrentRequests,
                let notBefore = host.notBefore, notBefore > now
            else { continue }
            earliest = min(earliest ?? notBefore, notBefore)
        }
        return earliest
    }

    /// Forgets hosts with nothing waiting, nothing running and no interval left to honour, so
    /// that memory stays bounded by the hosts in use.
    mutating func prune(now: Instant) {
        hosts = hosts.filter { !$0.value.isIdle(now: now) }
    }
}
