internal import CCurlShim

/// Runs a task's jobs on the fetch loop's thread when that thread is the one that resumed it:
/// a check goes on where its response arrived.
///
/// Resumed on the cooperative pool, every check cost a hand-off between threads: the loop
/// enqueued the job and woke a pool thread, which read the body again on another core, then
/// handed the next request back through the inbox. On the loop thread the check interprets the
/// body while it is still in that core's cache, and its next request is in the inbox before the
/// loop's next turn, without a wakeup (docs/0012, fourteenth round).
///
/// A turn runs such jobs for at most a budget (1 ms), then hands the rest to the global
/// concurrent executor: while a job runs no socket is served, and when the work per response is
/// long (a debug build, a very large page) the other cores take the surplus instead of the loop
/// doing it all alone. Jobs enqueued from any other thread (a task's first job, one resumed by
/// the store) go to the global concurrent executor, and so does every job once the loop has
/// stopped: a task that prefers this executor never waits for a loop that is gone.
///
/// `@unchecked Sendable`, with one written rule: `pending` and `running` are touched only on the
/// loop thread, which is the only thread ``enqueue(_:)`` appends to `pending` from.
final class LoopExecutor: TaskExecutor, @unchecked Sendable {
    /// Jobs the loop thread enqueued, waiting for the end of its turn.
    private var pending: [UnownedJob] = []
    /// The batch being run, kept to reuse its storage.
    private var running: [UnownedJob] = []

    func enqueue(_ job: consuming ExecutorJob) {
        if isLoopThread {
            pending.append(UnownedJob(job))
        } else {
            globalConcurrentExecutor.enqueue(job)
        }
    }

    /// Whether the calling thread is this executor's loop thread, while the loop runs.
    var isLoopThread: Bool {
        ocw_thread_loop() == Unmanaged.passUnretained(self).toOpaque()
    }

    // MARK: Loop side

    /// Makes the calling thread this executor's loop thread.
    func loopStarted() {
        ocw_set_thread_loop(Unmanaged.passUnretained(self).toOpaque())
    }

    /// Runs the pending jobs, and those they enqueue in turn, while `budget` lasts (the first
    /// always runs); the rest go to the global concurrent executor, where other cores take them.
    func runPending(budget: Duration) {
        guard !pending.isEmpty else { return }
        let clock = ContinuousClock()
        let deadline = clock.now + budget
        var isFirst = true
        while !pending.isEmpty {
            swap(&pending, &running)
            for job in running {
                if isFirst || clock.now < deadline {
                    isFirst = false
                    job.runSynchronously(on: asUnownedTaskExecutor())
                } else {
                    globalConcurrentExecutor.enqueue(ExecutorJob(job))
                }
            }
            running.removeAll(keepingCapacity: true)
        }
    }

    /// Ends the loop thread's role: jobs still pending, and every job from now on, go to the
    /// global concurrent executor.
    func loopStopped() {
        ocw_set_thread_loop(nil)
        for job in pending {
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
        }
        pending = []
    }
}
