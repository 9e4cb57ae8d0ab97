#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The watchdog systemd expects this process to feed (`WatchdogSec=` in the unit).
///
/// systemd passes `WATCHDOG_USEC` and `WATCHDOG_PID` to the service. The variables are inherited
/// by children, which must not ping on the parent's behalf, so they count only when
/// `WATCHDOG_PID` is unset or names this process (`man sd_watchdog_enabled`).
public struct WatchdogConfiguration: Sendable, Hashable {
    /// How long systemd waits for a ping before it kills and restarts the service.
    public let timeout: Duration

    /// How often to ping: half the timeout, as `man sd_watchdog_enabled` recommends, so one late
    /// loop iteration is not fatal.
    public var pingInterval: Duration { timeout / 2 }

    /// The configuration systemd asked for, or `nil` when no watchdog is enabled for this process.
    ///
    /// - Parameters:
    ///   - environment: the variables to read (`WATCHDOG_USEC`, `WATCHDOG_PID`).
    ///   - processID: this process's id, compared with `WATCHDOG_PID`.
    /// - Throws: ``WatchdogConfigurationError`` when a variable is set but malformed, since a
    ///   watchdog silently ignored would restart the service every `WatchdogSec=`.
    public init?(environment: [String: String], processID: Int32) throws(WatchdogConfigurationError) {
        guard let rawTimeout = environment["WATCHDOG_USEC"], !rawTimeout.isEmpty else { return nil }
        if let rawPID = environment["WATCHDOG_PID"], !rawPID.isEmpty {
            guard let pid = Int32(rawPID), pid > 0 else {
                throw .invalidValue(variable: "WATCHDOG_PID", value: rawPID)
            }
            guard pid == processID else { return nil }
        }
        guard let microseconds = Int64(rawTimeout), microseconds > 0 else {
            throw .invalidValue(variable: "WATCHDOG_USEC", value: rawTimeout)
        }
        self.timeout = .microseconds(microseconds)
    }

    /// Reads the process environment.
    public init?() throws(WatchdogConfigurationError) {
        var environment: [String: String] = [:]
        for name in ["WATCHDOG_USEC", "WATCHDOG_PID"] {
            environment[name] = getenv(name).map { String(cString: $0) }
        }
        try self.init(environment: environment, processID: getpid())
    }

    /// A watchdog with the given timeout, for tests and for callers that read it elsewhere.
    public init(timeout: Duration) {
        self.timeout = timeout
    }
}
