import ServiceLifecycle
import Synchronization
import SystemdKit

/// The daemon's loop as a service of the process's `ServiceGroup`.
///
/// It is listed last, so on SIGTERM/SIGINT it is the first service asked to stop: `STOPPING=1`
/// goes out at once, the loop stops taking new checks, lets those in flight finish within
/// `daemon.shutdown_grace`, commits every observation received and returns; then the SIGHUP
/// listener and the metrics endpoint stop.
final class WatchDaemon: Service {
    /// Taken by ``run()``, not copied: the group holds this service for the daemon's lifetime,
    /// and a copy kept here would hold the session as it was at start (its schedule and first
    /// coverage) beside the loop's own, and make the loop's first change copy the whole
    /// schedule: 30 MB of resident memory at 100,000 listings (docs/0012).
    private let session: Mutex<DaemonSession?>

    init(session: consuming DaemonSession) {
        self.session = Mutex(session)
    }

    func run() async throws {
        guard var session = session.withLock({ $0.take() }) else { return }
        let inbox = session.inbox
        let notifier = session.notifier
        await withGracefulShutdownHandler {
            // Cancellation (another service failed) wakes the loop, which then stops at once.
            await withTaskCancellationHandler {
                await session.run()
            } onCancel: {
                inbox.post(.stop)
            }
        } onGracefulShutdown: {
            _ = try? notifier.stopping(status: "stopping: checks in flight finish, then every observation is committed")
            inbox.post(.stop)
        }
        // A stop the daemon decided on its own is a failure: the process exits non-zero.
        if let failure = session.failure { throw WatchError(failure) }
    }
}
