import Foundation

/// A condition that did not become true in time.
public struct PollTimeout: Error, CustomStringConvertible {
    public var description: String
}

/// Polls `condition` until it holds, instead of sleeping for a guessed time: a test stays fast
/// when the system is fast and still passes on a loaded machine.
///
/// The default `timeout` is long on purpose. Conditions here hold within a second or two, and a
/// long limit costs nothing when they do; it only spares a false failure when the machine (a CI
/// runner running every test at once on two cores) is many times slower than usual.
///
/// - Throws: ``PollTimeout`` naming `what` when `timeout` passes first.
public func waitUntil(
    _ what: String,
    timeout: Duration = .seconds(60),
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
