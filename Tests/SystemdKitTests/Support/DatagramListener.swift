import Foundation

/// A bound `AF_UNIX` datagram socket standing in for systemd's notification socket.
final class DatagramListener {
    /// The value `$NOTIFY_SOCKET` would hold: a path, or `@name` for an abstract socket.
    let address: String
    private let descriptor: Int32

    init(address: String) throws {
        self.address = address
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }

        // A receive timeout keeps a broken sender from hanging the test run; it asserts nothing.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        let path = Array(address.utf8)
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            raw.copyBytes(from: path)
            if path.first == UInt8(ascii: "@") { raw[0] = 0 }
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
    }

    deinit {
        close(descriptor)
        if !address.hasPrefix("@") { unlink(address) }
    }

    /// The next datagram as text, `nil` if none arrived.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
