import CurlFetch
import Foundation
import Logging
import OCOPConfig
import OCOPCore
import OCOPReport
import OCOPStore
import SystemdKit

extension DaemonSession {
    /// Starts checks for what the planner hands out (due, within budget, let through by the
    /// breaker) while the window has room. Listings of a marketplace read from a feed are checked
    /// together by one feed request. Returns how many tasks were started.
    mutating func dispatch(at now: Date, into group: inout DiscardingTaskGroup) -> Int {
        let free = window - inFlight
        guard free > 0 else { return 0 }
        let keys = planner.next(at: now, limit: free, capacity: capacity, feeds: feedMarketplaces)
        noteBreakerTransitions()
        guard !keys.isEmpty, let slot = engines[engineGeneration] else { return 0 }
        let generation = engineGeneration
        let store = store
        let inbox = inbox
        var byFeed: [MarketplaceID: [Listing]] = [:]
        var tasks = 0
        for key in keys {
            guard let listing = listings[key] else { continue }
            if slot.feeds[listing.marketplace] != nil {
                byFeed[listing.marketplace, default: []].append(listing)
                continue
            }
            let checker = slot.checker
            group.addTask(executorPreference: checker.engine.taskExecutor) {
                let observation = await checker.check(listing, historyIn: store)
                inbox.post(.checked([observation], marketplace: listing.marketplace, engine: generation, read: false))
            }
            inFlightByMarketplace[listing.marketplace, default: 0] += 1
            tasks += 1
        }
        for (marketplace, due) in byFeed {
            guard let feed = slot.feeds[marketplace] else { continue }
            let items = Self.feedBatch(
                due: due, of: marketplace, among: listings.values, readInFlight: inFlightByMarketplace[marketplace, default: 0] > 0)
            group.addTask {
                let observations = await feed.checker.check(items, feedURL: feed.url)
                inbox.post(.checked(observations, marketplace: marketplace, engine: generation, read: true))
            }
            inFlightByMarketplace[marketplace, default: 0] += 1
            tasks += 1
        }
        inFlight += tasks
        engines[generation]?.inFlight += tasks
        return tasks
    }

    /// The listings one read of `marketplace`'s feed checks when `due` fell due: every listing
    /// of the marketplace, since the one document answers them all and the next to fall due
    /// would otherwise read it again (a 100,000-listing feed read once per listing); only `due`
    /// while an earlier read is still out.
    static func feedBatch(
        due: [Listing],
        of marketplace: MarketplaceID,
        among listings: some Collection<Listing>,
        readInFlight: Bool
    ) -> [Listing] {
        readInFlight ? due : listings.filter { $0.marketplace == marketplace }
    }

    /// Takes finished checks: every one reaches the planner (blocked ones too, so breakers and
    /// backoffs see them), the metrics, and the open batch. Checks cut short by shutdown say
    /// nothing about the listing and are dropped.
    ///
    /// - Parameter read: The observations came from one request that answered for them all (a
    ///   feed's read), so they are scheduled together.
    mutating func record(_ observations: [Observation], read: Bool) async {
        let kept = observations.filter { $0.verdict.reason != ListingChecker.cancelledReason }
        guard !kept.isEmpty else { return }
        // The schedule counts from the read, not from `checkedAt`: a feed's verdicts are dated
        // by the feed (docs/0004), and a day-old feed read now is not due again at once.
        let readAt = Date()
        if read {
            planner.recordRead(kept.map { (key: $0.listing, status: $0.status) }, at: readAt)
        } else {
            for observation in kept { planner.record(observation.listing, status: observation.status, at: readAt) }
        }
        for observation in kept {
            metrics.record(observation)
            // Only what alerts read: a blocked or failed check says nothing about a listing.
            if observation.status.isConclusive { checkedSincePublication.insert(observation.listing) }
        }
        noteBreakerTransitions()
        if batch == nil {
            let now = Date()
            do {
                let pass = try await store.beginPass(startedAt: now, kind: "scheduled")
                batch = Batch(
                    pass: pass,
                    recorder: BatchRecorder(
                        store: store,
                        pass: pass,
                        configuration: SyncPass.Configuration(
                            batchSize: configuration.daemon.batchSize,
                            flushInterval: configuration.daemon.flushInterval
                        )
                    ),
                    openedAt: now,
                    lastFlush: now
                )
            } catch {
                report(error, "cannot open a pass in the store; observations lost", metadata: ["count": "\(kept.count)"])
                return
            }
        }
        recentChecks.record(kept)
        do {
            try await batch?.recorder.add(kept)
        } catch {
            report(error, "cannot commit observations to the store")
        }
    }

    /// Logs breaker changes (opened, probing, closed) to the event log, and passes the states to
    /// the metrics. At start-up (`restored: true`) a breaker that is not closed is reported as
    /// restored from the stored state instead.
    mutating func noteBreakerTransitions(restored: Bool = false) {
        var states: [MarketplaceID: MetricsSnapshot.BreakerState] = [:]
        for (marketplace, breaker) in planner.breakers {
            states[marketplace] = breaker.state.metricsState
        }
        guard states != breakerStates else { return }
        for (marketplace, state) in states.sorted(by: { $0.key < $1.key }) {
            guard state != breakerStates[marketplace] ?? .closed else { continue }
            var metadata: Logger.Metadata = ["marketplace": "\(marketplace)", "state": "\(state.rawValue)"]
            if case .open(let until) = planner.breakers[marketplace]?.state {
                metadata["until"] = "\(ISO8601DateFormatter().string(from: until))"
            }
            if restored {
                eventLog.record(
                    "breaker_restored",
                    "circuit breaker not closed before the restart; it stays so",
                    level: .warning,
                    metadata: metadata
                )
                continue
            }
            switch planner.breakers[marketplace]?.state {
            case .open:
                eventLog.record(
                    "breaker_opened",
                    "marketplace answers mostly 'blocked': no requests to it until the cooldown ends",
                    level: .warning,
                    metadata: metadata
                )
            case .halfOpen:
                eventLog.record("breaker_probe", "cooldown over: one probe request to the marketplace", level: .notice, metadata: metadata)
            case .closed, nil:
                eventLog.record("breaker_closed", "marketplace answers again: normal traffic resumes", level: .notice, metadata: metadata)
            }
        }
        breakerStates = states
        metrics.setBreakers(states)
        notifySystemd { try $0.status(statusLine(at: Date())) }
    }

    /// The STATUS line for now.
    func statusLine(at now: Date) -> String {
        var status = DaemonStatus()
        if let coverage {
            status.coveredPercent = coverage.products.percent
            status.coveredProducts = coverage.products.covered
            status.countedProducts = coverage.products.total
        }
        status.due = planner.schedule.dueCount(at: now)
        status.inFlight = inFlight
        for (marketplace, breaker) in planner.breakers {
            switch breaker.state {
            case .closed: continue
            case .open(let until): status.paused[marketplace] = .some(until)
            case .halfOpen: status.paused[marketplace] = .some(nil)
            }
        }
        status.lastError = lastError
        if case .draining = phase { status.stopping = true }
        return status.line()
    }

    /// An error that the loop survives: logged to both logs, kept for STATUS.
    mutating func report(_ error: any Error, _ message: String, metadata: Logger.Metadata = [:]) {
        lastError = Self.stamp("\(message): \(error)")
        lastErrorIsConfiguration = false
        var fields = metadata
        fields["error"] = "\(error)"
        eventLog.record("error", message, level: .error, metadata: fields)
    }
}

extension CircuitBreaker.State {
    var metricsState: MetricsSnapshot.BreakerState {
        switch self {
        case .closed: .closed
        case .open: .open
        case .halfOpen: .halfOpen
        }
    }
}
