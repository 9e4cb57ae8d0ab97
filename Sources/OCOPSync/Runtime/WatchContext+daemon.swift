import Foundation
import Logging
import OCOPConfig
import ServiceLifecycle
import SystemdKit
import UnixSignals

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension WatchContext {
    /// `sync` without `--once`: the systemd service (`Type=notify`).
    ///
    /// Start-up, in order: take the instance lock (a second daemon on the same state directory
    /// exits here, naming the first one's PID), open and migrate the store (asking systemd for
    /// more start time while a migration runs), import the catalog,
    /// load the persisted schedule; then the service group runs the metrics endpoint (when
    /// `metrics.listen` is set), the SIGHUP listener and the loop, which sends `READY=1`.
    /// Returns after a SIGTERM/SIGINT once every observation received is committed.
    public func runDaemon() async throws {
        // SIGHUP's default action would kill the process until the listener exists; libcurl with
        // NOSIGNAL does not ignore SIGPIPE. The dispatch sources still receive ignored signals.
        signal(SIGHUP, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        let notifier = try SystemdNotifier()
        let watchdog = try WatchdogConfiguration()
        let lock = try InstanceLock(nextTo: configuration.paths.database)
        defer { lock.release() }
        let store = try notifier.extendingStartTimeout(status: "Opening the store (a schema migration may take minutes)") {
            try openStore(holdingLock: true)
        }
        let inbox = DaemonInbox()
        let metrics = DaemonMetrics()
        let session = try await DaemonSession.start(
            context: self,
            store: store,
            inbox: inbox,
            notifier: notifier,
            watchdog: watchdog,
            metrics: metrics
        )
        // Named, because the group otherwise names each service by printing it whole: the
        // daemon's session holds every listing and its schedule, 160 MB of text at 100,000
        // listings, built at start-up only to label log lines (docs/0012, fifth round).
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let listen = configuration.metrics.listen {
            var metricsLogger = logger
            metricsLogger[metadataKey: "service"] = "metrics"
            services.append(
                .init(
                    service: MetricsEndpoint(listen: listen, metrics: metrics, logger: metricsLogger),
                    serviceName: "MetricsEndpoint"
                )
            )
        }
        services.append(.init(service: HangupService(inbox: inbox), serviceName: "HangupService"))
        services.append(.init(service: WatchDaemon(session: consume session), serviceName: "WatchDaemon"))
        var group = ServiceGroupConfiguration(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        // The loop bounds its own drain by daemon.shutdown_grace and then needs a moment to
        // commit; the group cancels only if that moment stretches far beyond.
        group.maximumGracefulShutdownDuration = .milliseconds(Int64((configuration.daemon.shutdownGrace + 15) * 1000))
        try await ServiceGroup(configuration: group).run()
    }
}
