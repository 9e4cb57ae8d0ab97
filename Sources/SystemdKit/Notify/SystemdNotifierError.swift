/// Why a message could not be sent to the service manager.
public enum SystemdNotifierError: Error, Hashable, CustomStringConvertible {
    /// `$NOTIFY_SOCKET` is neither a path nor an `@abstract` name (for example `vsock:…`).
    case unsupportedAddress(String)
    /// The path does not fit in `sockaddr_un`.
    case addressTooLong(String)
    /// A field would corrupt the datagram.
    case invalidField(key: String, reason: String)
    /// `socket(2)` or `sendto(2)` failed.
    case sendFailed(address: String, errno: Int32)

    public var description: String {
        switch self {
        case .unsupportedAddress(let address):
            "NOTIFY_SOCKET=\(address) is not supported: only AF_UNIX paths and @abstract names are "
                + "(vsock: is used by systemd ≥ 254 for virtual machines); run the service with Type=notify "
                + "on the host, or unset NOTIFY_SOCKET"
        case .addressTooLong(let address):
            "NOTIFY_SOCKET=\(address) is longer than a unix socket path may be (108 bytes)"
        case .invalidField(let key, let reason):
            "sd_notify field \(key) rejected: \(reason)"
        case .sendFailed(let address, let code):
            "could not notify systemd through \(address): \(SystemError.message(code)); "
                + "check that the service has AF_UNIX in RestrictAddressFamilies="
        }
    }
}
