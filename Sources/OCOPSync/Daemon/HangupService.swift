import ServiceLifecycle
import UnixSignals

/// Turns SIGHUP (`systemctl reload`, logrotate's `postrotate`) into a reload request for the
/// daemon's loop, which re-reads the config and the catalog and reopens its log files between
/// two events, without dropping checks in flight.
struct HangupService: Service {
    let inbox: DaemonInbox

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            inbox.post(.reload)
        }
    }
}
