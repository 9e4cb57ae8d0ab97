import Foundation
import Synchronization
import Testing

@testable import CurlFetch

/// The executor alone, on a thread the test owns as its loop thread: tasks created there put
/// their first job in its pending list, so what `runPending` does with them is deterministic.
@Suite("Loop executor")
struct LoopExecutorTests {
    /// Runs `body` on a new thread, and waits for it.
    static func onOwnThread(_ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                body()
                done.resume()
            }.start()
        }
    }

    /// Busy for `duration`: longer than a budget, whatever the machine does meanwhile.
    static func spin(for duration: Duration) {
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end {}
    }

    /// Starts `count` tasks on the executor's loop thread and runs its pending jobs once with
    /// `budget`; returns, per task in order, whether it ran on that thread.
    static func ranOnLoop(count: Int, budget: Duration, spinning: Duration) async -> [Bool] {
        let executor = LoopExecutor()
        let tasks = Mutex<[Task<Bool, Never>]>([])
        await onOwnThread {
            executor.loopStarted()
            for _ in 0..<count {
                let task = Task(executorPreference: executor) {
                    Self.spin(for: spinning)
                    return executor.isLoopThread
                }
                tasks.withLock { $0.append(task) }
            }
            executor.runPending(budget: budget)
            executor.loopStopped()
        }
        var ran: [Bool] = []
        for task in tasks.withLock({ $0 }) {
            ran.append(await task.value)
        }
        return ran
    }

    @Test("Within the budget, every pending job runs on the loop thread")
    func withinBudget() async {
        #expect(await Self.ranOnLoop(count: 3, budget: .seconds(30), spinning: .zero) == [true, true, true])
    }

    @Test("The first pending job always runs there; once the budget is spent, the rest go to the pool")
    func pastBudget() async {
        let ran = await Self.ranOnLoop(count: 3, budget: .milliseconds(1), spinning: .milliseconds(5))
        #expect(ran == [true, false, false])
        // Even with no time at all, a turn makes progress.
        #expect(await Self.ranOnLoop(count: 3, budget: .zero, spinning: .zero) == [true, false, false])
    }

    @Test("A loop that stops hands its pending jobs to the pool")
    func stopping() async throws {
        let executor = LoopExecutor()
        let task = Mutex<Task<Bool, Never>?>(nil)
        await Self.onOwnThread {
            executor.loopStarted()
            task.withLock { $0 = Task(executorPreference: executor) { !executor.isLoopThread } }
            executor.loopStopped()
        }
        // A job left pending would never run: wait for it, bounded.
        let ranElsewhere = try #require(task.withLock { $0 })
        #expect(await value(of: ranElsewhere, within: .seconds(20)) == true)
    }
}
