import ServiceLifecycle
import SystemdKit

/// The daemon's loop as a service of the process's `ServiceGroup`.
///
/// It is listed last, so on SIGTERM/SIGINT it is the first service asked to stop: `STOPPING=1`
/// goes out at once, the loop stops taking new checks, lets those in flight finish within
/// `daemon.shutdown_grace`, commits every observation received and returns; then the SIGHUP
/// listener and the metrics endpoint stop.
struct WatchDaemon: Service {
    let session: DaemonSession

    func run() async throws {
        var session = session
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
    }
}
