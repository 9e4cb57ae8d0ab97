import Logging
import OCOPConfig
import Synchronization

/// Requests that reach the daemon's loop from signal handlers: checked between batches, so no
/// work in flight is dropped.
final class DaemonControl: Sendable {
    private struct Requests {
        var stop = false
        var reload = false
    }

    private let requests = Mutex(Requests())

    func requestStop() { requests.withLock { $0.stop = true } }
    func requestReload() { requests.withLock { $0.reload = true } }

    var stopRequested: Bool { requests.withLock { $0.stop } }

    /// Returns whether a reload was requested, and clears the request.
    func takeReload() -> Bool {
        requests.withLock { state in
            defer { state.reload = false }
            return state.reload
        }
    }
}
