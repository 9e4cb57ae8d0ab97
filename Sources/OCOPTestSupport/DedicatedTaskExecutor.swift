import Foundation

/// A task executor with threads of its own, for servers that run inside a test process.
///
/// Swift Testing runs every test of the process at once on the cooperative pool, which has one
/// thread per core. A mock marketplace whose handlers share that pool answers only when the other
/// tests yield: on a busy two-core machine a daemon under test waited seconds for ten answers and
/// timed out. Tasks that prefer this executor (`Task(executorPreference:)`, and every child task
/// they start) run on its own threads instead, so a server keeps answering however busy the pool is.
public final class DedicatedTaskExecutor: TaskExecutor, @unchecked Sendable {
    /// Shared by the mock servers of a test process; its threads live as long as the process.
    public static let mockServers = DedicatedTaskExecutor(threads: 2, name: "mock-server")

    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var jobs: [UnownedJob] = []

    /// Starts `threads` threads named `name`, which wait for jobs until the process ends.
    public init(threads: Int, name: String) {
        for index in 0..<threads {
            let thread = Thread { [self] in runJobs() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func runJobs() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
