import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Stands in for systemd's notification socket: an abstract `AF_UNIX` datagram socket that
/// collects every `sd_notify` message a child process sends to `$NOTIFY_SOCKET`.
///
/// Messages are received on a background thread as they arrive, so a test can poll
/// ``messages`` while the daemon runs and check the order of `READY=1`, `WATCHDOG=1`,
/// `RELOADING=1` and `STOPPING=1`.
public final class NotifySocketReceiver: Sendable {
    /// The value for `$NOTIFY_SOCKET`: `@` and a unique abstract name (no file to clean up).
    public let address: String
    private let descriptor: Int32
    private let received = Mutex<[String]>([])
    private let running = Atomic<Bool>(true)
    private let finished = Mutex<Bool>(false)

    public init() throws {
        address = "@ocop-watch-test-\(UUID().uuidString.prefix(18))"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        // Wake up now and then to notice `stop()`.
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        let path = Array(address.utf8)
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            raw.copyBytes(from: path)
            raw[0] = 0
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count)
        let result = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
        let thread = Thread { [self] in receiveLoop() }
        thread.name = "notify-receiver"
        thread.start()
    }

    deinit {
        close(descriptor)
    }

    /// Every message received so far, oldest first (each one datagram, `KEY=value` lines).
    public var messages: [String] { received.withLock { $0 } }

    /// Messages holding the line `field` (e.g. `READY=1`), oldest first.
    public func messages(containing field: String) -> [String] {
        messages.filter { $0.split(separator: "\n").contains { $0 == field } }
    }

    /// Every `STATUS=` value received, oldest first.
    public var statuses: [String] {
        messages.flatMap { $0.split(separator: "\n") }.filter { $0.hasPrefix("STATUS=") }.map { String($0.dropFirst(7)) }
    }

    /// Stops receiving; call before the test ends.
    public func stop() {
        running.store(false, ordering: .relaxed)
        while !finished.withLock({ $0 }) { usleep(10_000) }
    }

    private func receiveLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while running.load(ordering: .relaxed) {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                let text = String(decoding: buffer[..<count], as: UTF8.self)
                received.withLock { $0.append(text) }
            }
        }
        finished.withLock { $0 = true }
    }
}
