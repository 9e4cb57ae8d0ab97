import Hummingbird
import Logging
import NIOCore
import OCOPReport
import ServiceLifecycle

/// Serves `GET /metrics` (Prometheus text format) on the loopback address of `metrics.listen`,
/// as a service of the daemon's group: it starts with the daemon and stops after it, so a scrape
/// during the shutdown drain still answers.
///
/// The text is rendered at scrape time from ``DaemonMetrics``, so it is never older than the
/// loop's last update. The config loader accepts loopback addresses only: the endpoint has no
/// authentication and should be reached through the node's own Prometheus or an SSH tunnel.
struct MetricsEndpoint: Service {
    /// `host:port` as written in the config (`127.0.0.1:9464`, `[::1]:9464`, `localhost:9464`).
    let listen: String
    let metrics: DaemonMetrics
    let logger: Logger

    func run() async throws {
        let (host, port) = try Self.split(listen)
        let metrics = metrics
        let router = Router()
        router.get("metrics") { _, _ -> Response in
            let text = PrometheusText().render(metrics.snapshot())
            return Response(
                status: .ok,
                headers: [.contentType: PrometheusText.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text))
            )
        }
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            logger: logger
        )
        do {
            try await application.run()
        } catch {
            throw WatchError(
                "cannot serve metrics on \(listen) (\(error)); choose a free port for metrics.listen "
                    + "or remove it from the config"
            )
        }
    }

    /// Host and port of a `metrics.listen` value; brackets around an IPv6 address are removed.
    static func split(_ listen: String) throws -> (host: String, port: Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65_535).contains(port)
        else {
            throw WatchError("metrics.listen '\(listen)' is not host:port, e.g. 127.0.0.1:9464")
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}
