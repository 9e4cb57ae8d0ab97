#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells the service manager what the daemon is doing, using the `sd_notify` protocol.
///
/// The protocol is one datagram per message to the `AF_UNIX` socket named by `$NOTIFY_SOCKET`,
/// a file path or an abstract name written with a leading `@` (`man sd_notify`). It is
/// implemented here in a few lines rather than by linking libsystemd, so the binary runs on hosts
/// without it and in containers. The kernel attaches the sender's credentials itself, so any
/// thread of the main process may send (`NotifyAccess=main`).
///
/// When `$NOTIFY_SOCKET` is unset or empty the process was not started by systemd with
/// `Type=notify` (a developer's terminal, the timer's `--once` run), and every call does nothing
/// and returns `false`: callers never need to check whether they run under systemd.
///
/// A socket is opened per message: messages are rare (start, reload, stop, a watchdog ping
/// every few seconds), and this keeps the type a plain `Sendable` value with no descriptor to
/// leak or share between threads.
public struct SystemdNotifier: Sendable, Hashable {
    /// The socket address from `$NOTIFY_SOCKET`, `nil` when notifications are off.
    public let socketAddress: String?

    /// Whether messages go anywhere.
    public var isEnabled: Bool { socketAddress != nil }

    /// Reads `$NOTIFY_SOCKET` from the given environment.
    ///
    /// - Throws: ``SystemdNotifierError/unsupportedAddress(_:)`` for `vsock:` addresses (sent by
    ///   systemd ≥ 254 to virtual machines) and anything that is neither a path nor an abstract
    ///   name, so a misconfiguration is reported at start-up rather than as a start timeout.
    public init(environment: [String: String]) throws {
        try self.init(socketAddress: environment["NOTIFY_SOCKET"])
    }

    /// Reads `$NOTIFY_SOCKET` from the process environment.
    public init() throws {
        try self.init(socketAddress: getenv("NOTIFY_SOCKET").map { String(cString: $0) })
    }

    /// Uses `socketAddress` as `$NOTIFY_SOCKET` would be used; `nil` or empty turns notifications off.
    public init(socketAddress: String?) throws {
        guard let socketAddress, !socketAddress.isEmpty else {
            self.socketAddress = nil
            return
        }
        guard socketAddress.hasPrefix("/") || socketAddress.hasPrefix("@") else {
            throw SystemdNotifierError.unsupportedAddress(socketAddress)
        }
        guard socketAddress.utf8.count <= UnixSocketAddress.maximumPathLength else {
            throw SystemdNotifierError.addressTooLong(socketAddress)
        }
        self.socketAddress = socketAddress
    }

    /// `READY=1`: start-up is finished (the store is open and the schedule loaded).
    @discardableResult
    public func ready(status: String? = nil) throws -> Bool {
        try send([("READY", "1")] + Self.statusField(status))
    }

    /// `STATUS=…`: one line shown by `systemctl status`.
    @discardableResult
    public func status(_ text: String) throws -> Bool {
        try send(Self.statusField(text))
    }

    /// `WATCHDOG=1`: the main loop made progress. Send it from the loop itself, never from an
    /// independent timer, so that a hung loop is noticed and restarted.
    @discardableResult
    public func watchdog() throws -> Bool {
        try send([("WATCHDOG", "1")])
    }

    /// `STOPPING=1`: graceful shutdown has begun.
    @discardableResult
    public func stopping(status: String? = nil) throws -> Bool {
        try send([("STOPPING", "1")] + Self.statusField(status))
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=`: a reload (SIGHUP) has begun; send ``ready(status:)``
    /// when it is done. The timestamp lets systemd ≥ 253 (`Type=notify-reload`) match the two.
    @discardableResult
    public func reloading(status: String? = nil) throws -> Bool {
        let microseconds = MonotonicClock.microseconds()
        return try send([("RELOADING", "1"), ("MONOTONIC_USEC", String(microseconds))] + Self.statusField(status))
    }

    /// `EXTEND_TIMEOUT_USEC=…`: asks for more time before the start (or stop) timeout fires, for a
    /// start-up that has to migrate a large database.
    @discardableResult
    public func extendTimeout(by duration: Duration, status: String? = nil) throws -> Bool {
        try send([("EXTEND_TIMEOUT_USEC", String(max(0, Self.microseconds(of: duration))))] + Self.statusField(status))
    }

    static func microseconds(of duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    }

    /// Sends one datagram made of `KEY=value` lines.
    ///
    /// Keys must be upper-case ASCII letters, digits and `_`; values must not contain a newline
    /// (it would start a new field).
    ///
    /// - Returns: `true` when the datagram was sent, `false` when notifications are off.
    @discardableResult
    public func send(_ fields: [(key: String, value: String)]) throws -> Bool {
        guard let socketAddress else { return false }
        var message = ""
        for (key, value) in fields {
            guard Self.isValidKey(key) else {
                throw SystemdNotifierError.invalidField(key: key, reason: "keys are upper-case letters, digits and _")
            }
            guard !value.contains("\n") else {
                throw SystemdNotifierError.invalidField(key: key, reason: "the value contains a newline")
            }
            message += message.isEmpty ? "" : "\n"
            message += "\(key)=\(value)"
        }
        try UnixSocketAddress(socketAddress).sendDatagram(Array(message.utf8))
        return true
    }

    private static func statusField(_ status: String?) -> [(key: String, value: String)] {
        guard let status else { return [] }
        let oneLine = status.split(whereSeparator: \.isNewline).joined(separator: " ")
        return [("STATUS", oneLine)]
    }

    private static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty
            && key.utf8.allSatisfy { byte in
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            }
    }
}
