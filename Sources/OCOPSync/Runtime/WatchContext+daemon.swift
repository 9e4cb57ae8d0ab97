import CurlFetch
import Foundation
import Logging
import OCOPConfig
import OCOPCore
import OCOPStore
import ServiceLifecycle
import UnixSignals

extension WatchContext {
    /// `sync` without `--once`: the systemd service.
    public func runDaemon() async throws {
        let control = DaemonControl()
        var group = ServiceGroupConfiguration(
            services: [
                .init(service: HangupService(control: control)),
                .init(service: WatchDaemon(initialContext: self, control: control)),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        group.maximumGracefulShutdownDuration = .milliseconds(Int64(configuration.daemon.shutdownGrace * 1000))
        try await ServiceGroup(configuration: group).run()
    }

    /// Checks a batch of listings as one recorded pass (the daemon's unit of work).
    func runBatch(_ listings: [Listing], store: any ObservationStore, engine: FetchEngine, kind: String) async throws
        -> SyncPassResult
    {
        let pass = SyncPass(
            store: store,
            checker: makeChecker(engine: engine),
            feeds: makeFeeds(engine: engine),
            configuration: SyncPass.Configuration(
                batchSize: configuration.daemon.batchSize,
                flushInterval: configuration.daemon.flushInterval
            ),
            logger: logger
        )
        return try await pass.run(listings, kind: kind, progress: nil)
    }
}
