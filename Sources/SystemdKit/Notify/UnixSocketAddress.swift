#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `sockaddr_un` built from a path or an `@abstract` name, for sending datagrams.
struct UnixSocketAddress {
    /// `sun_path` is 108 bytes on Linux; a path needs no trailing NUL when the length is given.
    static let maximumPathLength = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

    let address: String

    init(_ address: String) {
        self.address = address
    }

    /// Sends `bytes` as one datagram on a fresh socket.
    func sendDatagram(_ bytes: [UInt8]) throws(SystemdNotifierError) {
        let descriptor = socket(AF_UNIX, Self.datagramType, 0)
        guard descriptor >= 0 else { throw .sendFailed(address: address, errno: errno) }
        defer { close(descriptor) }

        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        let path = Array(address.utf8)
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            raw.copyBytes(from: path)
            // An abstract name starts with NUL instead of "@" and is not NUL-terminated.
            if path.first == UInt8(ascii: "@") { raw[0] = 0 }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count)

        var result: Int
        repeat {
            result = withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    bytes.withUnsafeBytes { buffer in
                        sendto(descriptor, buffer.baseAddress, buffer.count, Self.noSignal, socketAddress, length)
                    }
                }
            }
        } while result < 0 && errno == EINTR
        guard result >= 0 else { throw .sendFailed(address: address, errno: errno) }
    }

    #if canImport(Darwin)
        private static let datagramType = SOCK_DGRAM
        private static let noSignal: Int32 = 0
    #else
        private static let datagramType = Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        private static let noSignal = Int32(MSG_NOSIGNAL)
    #endif
}
