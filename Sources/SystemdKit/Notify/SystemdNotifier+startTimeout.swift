import Dispatch

extension SystemdNotifier {
    /// Runs `body`, a blocking step of start-up, while asking systemd every `interval` for three
    /// intervals more before the start timeout fires, with `status` shown by `systemctl status`.
    ///
    /// A schema migration runs before `READY=1` and takes time in proportion to the history it
    /// rewrites (about 4 s per million observations for v3): long enough, on a national store, to
    /// outlast the unit's `TimeoutStartSec` and have systemd kill the daemon mid-migration, which
    /// rolls it back and starts again. The requests come from a timer on a queue of its own, not
    /// from a task, so that they go out even when `body` occupies the only thread of the
    /// cooperative pool. Without `$NOTIFY_SOCKET`, `body` simply runs.
    public func extendingStartTimeout<Result>(
        status: String,
        every interval: Duration = .seconds(10),
        _ body: () throws -> Result
    ) rethrows -> Result {
        guard isEnabled else { return try body() }
        let period = DispatchTimeInterval.microseconds(Int(Self.microseconds(of: interval)))
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "ocop-watch.start-timeout"))
        timer.schedule(deadline: .now() + period, repeating: period)
        timer.setEventHandler { [self] in
            _ = try? extendTimeout(by: interval * 3, status: status)
        }
        timer.resume()
        defer { timer.cancel() }
        return try body()
    }
}
