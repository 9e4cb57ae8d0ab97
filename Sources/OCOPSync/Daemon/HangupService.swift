import Logging
import OCOPConfig
import ServiceLifecycle
import UnixSignals

/// Turns SIGHUP into a reload request for the daemon's loop (config, catalog, log files).
struct HangupService: Service {
    let control: DaemonControl

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            control.requestReload()
        }
    }
}
