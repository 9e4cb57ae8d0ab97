import Foundation

/// A case that ran past its bound: the fault made the program hang.
struct DeadlineExceeded: Error, CustomStringConvertible {
    var seconds: Double
    var what: String

    var description: String { "\(what) did not finish within \(seconds) s: it hangs" }
}

/// Runs `body`, failing with ``DeadlineExceeded`` when it takes longer than `seconds`.
///
/// The bound is a hang guard, not a timing assertion: it is several times the configured timeouts
/// and retries of the case. `body` is cancelled when the deadline passes; the fetch engine honours
/// cancellation, so a hang surfaces as a failure instead of a stuck test run.
func withDeadline<T: Sendable>(
    _ seconds: Double,
    _ what: String,
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw DeadlineExceeded(seconds: seconds, what: what)
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeadlineExceeded(seconds: seconds, what: what) }
        return first
    }
}
