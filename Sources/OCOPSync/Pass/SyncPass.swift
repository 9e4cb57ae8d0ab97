import CurlFetch
import Foundation
import Logging
import OCOPConfig
import OCOPCore
import OCOPStore

/// One pass over a set of listings: bounded concurrency, each task checking a short run of
/// listings, observations committed in batches as runs end (the next batch fills while the last
/// is written). A crash loses at most two batches and the finished checks of unfinished runs,
/// which the next pass checks again, and never leaves a pass looking complete.
struct SyncPass: Sendable {
    struct Configuration: Sendable {
        var batchSize = 50
        var flushInterval: TimeInterval = 2
        /// Checks started but not finished at once; the engine enforces the real limits, this only
        /// bounds the memory of waiting tasks.
        var window = 64
        /// The most listings one task checks in a row. A task per listing cost a task, a resumed
        /// parent and a new child per check; a run of them shares those (docs/0012).
        var longestRun = 8
        /// Listings read from the store at a time (the demo catalog's 604 take two pages, so
        /// every end-to-end test crosses a page boundary).
        var pageSize = 500
    }

    let store: any ObservationStore
    let checker: ListingChecker
    let feeds: [MarketplaceID: (checker: FeedChecker, url: String)]
    let configuration: Configuration

    /// Checks every current listing that `includes` accepts, reading them from the store a page
    /// at a time, records everything into a new pass, and returns the tally per status. Feed
    /// listings are gathered on the way and checked at the end, one download per feed.
    ///
    /// - Parameter expected: How many listings `includes` is expected to accept; it only shortens
    ///   the runs near the end.
    func run(
        kind: String,
        expected: Int,
        includes: @escaping @Sendable (Listing) -> Bool,
        progress: TerminalProgress?
    ) async throws -> SyncPassResult {
        let pass = try await store.beginPass(startedAt: Date(), kind: kind)
        var recorder = BatchRecorder(store: store, pass: pass, configuration: configuration)
        do {
            var pages = ListingPages(store: store, pageSize: configuration.pageSize)
            var byFeed: [MarketplaceID: [Listing]] = [:]
            var handedOut = 0
            // Each run goes on where its responses arrive, on the engine's thread.
            let executor = checker.engine.taskExecutor
            try await withThrowingTaskGroup(of: [Observation].self) { group in
                // The next listings to fetch; feed listings are set aside for the end.
                func nextRun() async throws -> [Listing] {
                    // Interrupted (Ctrl-C): nothing more is handed out; the runs out return
                    // what they finished and their cut-short checks, and the loop below still
                    // records the first.
                    guard !Task.isCancelled else { return [] }
                    let size = configuration.runLength(remaining: expected - handedOut)
                    var run: [Listing] = []
                    run.reserveCapacity(size)
                    while run.count < size, let listing = try await pages.next() {
                        guard includes(listing) else { continue }
                        guard feeds[listing.marketplace] == nil else {
                            byFeed[listing.marketplace, default: []].append(listing)
                            continue
                        }
                        run.append(listing)
                    }
                    handedOut += run.count
                    return run
                }
                var running = 0
                while running < configuration.window {
                    let run = try await nextRun()
                    guard !run.isEmpty else { break }
                    group.addTask(executorPreference: executor) { await check(run) }
                    running += 1
                }
                while var kept = try await group.next() {
                    // A check cut short by shutdown says nothing: it is not recorded. (Removed in
                    // place: filtering into a new array copied every observation of every run.)
                    kept.removeAll { $0.verdict.reason == ListingChecker.cancelledReason }
                    try await recorder.add(kept)
                    progress?.advance(by: kept.count)
                    let run = try await nextRun()
                    if !run.isEmpty {
                        group.addTask(executorPreference: executor) { await check(run) }
                    }
                }
            }
            for (marketplace, items) in byFeed {
                try Task.checkCancellation()
                guard let feed = feeds[marketplace] else { continue }
                var observations = await feed.checker.check(items, feedURL: feed.url)
                observations.removeAll { $0.verdict.reason == ListingChecker.cancelledReason }
                try await recorder.add(observations)
                progress?.advance(by: observations.count)
            }
            try Task.checkCancellation()
            try await recorder.flush()
            try await store.finishPass(pass, endedAt: Date(), counts: recorder.counts, error: nil)
        } catch {
            // Cancelled (Ctrl-C): whatever failed first, the store refusing work in a cancelled
            // task included, the pass was interrupted.
            let interrupted = Task.isCancelled
            // In a task of its own, for the same reason: what was checked must still be saved,
            // and the pass closed.
            let (closing, store) = (recorder, store)
            let unsaved = await Task { () -> (any Error)? in
                var recorder = closing
                var failure: (any Error)?
                do { try await recorder.flush() } catch { failure = error }
                do {
                    try await store.finishPass(
                        pass, endedAt: Date(), counts: recorder.counts, error: interrupted ? "interrupted" : "\(error)")
                } catch {
                    failure = failure ?? error
                }
                return failure
            }.value
            if interrupted {
                throw PassInterrupted(checked: closing.added, expected: expected, unsaved: unsaved.map { "\($0)" })
            }
            throw error
        }
        return SyncPassResult(pass: pass, counts: recorder.counts, byMarketplace: recorder.byMarketplace)
    }
}

extension SyncPass {
    /// Checks the listings of one run one after the other.
    func check(_ run: [Listing]) async -> [Observation] {
        let store = store
        var observations: [Observation] = []
        observations.reserveCapacity(run.count)
        for listing in run {
            observations.append(await checker.check(listing, historyIn: store))
        }
        return observations
    }
}

extension SyncPass.Configuration {
    /// How many listings one task checks in a row: up to ``longestRun`` while many remain, fewer
    /// near the end so that the last tasks finish together.
    func runLength(remaining: Int) -> Int {
        min(longestRun, max(1, remaining / (2 * max(window, 1))))
    }
}

/// What a pass recorded: the tallies per status, overall and per marketplace. The observations
/// themselves are in the store; a pass over 100,000 listings keeps none of them in memory.
struct SyncPassResult: Sendable {
    var pass: PassID
    var counts: [ListingStatus: Int]
    var byMarketplace: [MarketplaceID: [ListingStatus: Int]]
}

/// Collects observations and commits them in one transaction per batch.
///
/// A full batch is handed to the store while the checks go on: the pass waits only when the
/// batch before it is still being written. (Waiting for every commit stalled the pass for the
/// length of each transaction, with nothing fetched meanwhile.) A crash therefore loses at most
/// the batch being written and the one being filled; ``flush()`` commits everything and waits.
/// A batch the store refused (locked, disk full) goes back ahead of the buffer and is written
/// by the next flush: the daemon goes on after a failed commit, and lost checks would leave
/// their listings unchecked for a whole interval.
struct BatchRecorder: Sendable {
    let store: any ObservationStore
    let pass: PassID
    let configuration: SyncPass.Configuration
    private(set) var counts: [ListingStatus: Int] = [:]
    private(set) var byMarketplace: [MarketplaceID: [ListingStatus: Int]] = [:]
    /// Observations added so far.
    private(set) var added = 0
    private var buffer: [Observation] = []
    private var lastFlush = Date()
    private var writing: (task: Task<Void, any Error>, batch: [Observation])?

    init(store: any ObservationStore, pass: PassID, configuration: SyncPass.Configuration) {
        self.store = store
        self.pass = pass
        self.configuration = configuration
    }

    mutating func add(_ observations: [Observation]) async throws {
        for observation in observations {
            counts[observation.status, default: 0] += 1
            byMarketplace[observation.marketplace, default: [:]][observation.status, default: 0] += 1
        }
        added += observations.count
        buffer.append(contentsOf: observations)
        if buffer.count >= configuration.batchSize || Date().timeIntervalSince(lastFlush) >= configuration.flushInterval {
            try await startWriting()
        }
    }

    /// Commits everything added so far, and waits until it is.
    mutating func flush() async throws {
        try await startWriting()
        try await finishWriting()
    }

    private mutating func startWriting() async throws {
        lastFlush = Date()
        try await finishWriting()
        guard !buffer.isEmpty else { return }
        let (store, pass, batch) = (store, pass, buffer)
        buffer.removeAll(keepingCapacity: true)
        writing = (Task { try await store.record(batch, pass: pass) }, batch)
    }

    private mutating func finishWriting() async throws {
        guard let (task, batch) = writing else { return }
        writing = nil
        do {
            try await task.value
        } catch {
            buffer.insert(contentsOf: batch, at: 0)
            throw error
        }
    }
}
