import Foundation
import Synchronization

/// The calling thread's name (Linux): the engine's thread is `ocw-fetch`.
func currentThreadName() -> String {
    let name = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
    return name?.trimmingCharacters(in: .newlines) ?? "?"
}

/// The task's value, or nil if it has not ended within `limit` (a task group would wait for
/// a waiter that never ends; this leaves it behind).
func value<T: Sendable>(of task: Task<T, Never>, within limit: Duration) async -> T? {
    let ended = Mutex<T?>(nil)
    Task {
        let value = await task.value
        ended.withLock { $0 = value }
    }
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
        if let value = ended.withLock({ $0 }) { return value }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return nil
}
