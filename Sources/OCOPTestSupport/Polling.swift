import Foundation

/// A condition that did not become true in time.
public struct PollTimeout: Error, CustomStringConvertible {
    public var description: String
}

/// Polls `condition` until it holds, instead of sleeping for a guessed time: a test stays fast
/// when the system is fast and still passes on a loaded machine.
///
/// - Throws: ``PollTimeout`` naming `what` when `timeout` passes first.
public func waitUntil(
    _ what: String,
    timeout: Duration = .seconds(20),
    every interval: Duration = .milliseconds(50),
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            throw PollTimeout(description: "timed out after \(timeout) waiting for \(what)")
        }
        try await Task.sleep(for: interval)
    }
}
