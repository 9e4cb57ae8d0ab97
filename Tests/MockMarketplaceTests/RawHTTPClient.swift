import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A deliberately dumb HTTP/1.1 client over a blocking socket, to see exactly what arrives on the
/// wire when a fault breaks the connection (which a real HTTP client would hide behind an error).
enum RawHTTPClient {
    /// How the connection ended.
    enum Ending: Equatable {
        /// The server closed the connection (FIN).
        case closed
        /// The connection was reset (RST).
        case reset
        /// Nothing arrived within the receive timeout; the client gave up and closed.
        case timedOut
    }

    struct Exchange {
        var bytes: [UInt8]
        var ending: Ending

        /// The response head, up to the blank line.
        var head: String {
            let end = bytes.firstRange(of: Array("\r\n\r\n".utf8))?.lowerBound ?? bytes.endIndex
            return String(decoding: bytes[..<end], as: UTF8.self)
        }

        /// The bytes after the head.
        var body: [UInt8] {
            guard let end = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { return [] }
            return Array(bytes[end.upperBound...])
        }

        var status: Int? { head.split(separator: " ").dropFirst().first.flatMap { Int($0) } }

        func header(_ name: String) -> String? {
            for line in head.split(separator: "\r\n").dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
            return nil
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends `GET path` with `Connection: close` and reads until the server closes, resets, or
    /// stays silent for `receiveTimeout` once it has begun the body.
    ///
    /// A silence before the first byte of the body is waited out for up to `firstByteTimeout`: a
    /// server slowed by a busy machine has not stalled, and a stall test would misread it as one.
    ///
    /// The blocking calls run on a thread of their own: on a dispatch worker they could occupy the
    /// pool that runs Swift tasks, and so the server's handlers, on a two-core machine.
    static func get(
        port: Int,
        path: String,
        receiveTimeout: Duration = .seconds(5),
        firstByteTimeout: Duration = .seconds(60)
    ) async throws -> Exchange {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                let result = Result {
                    try exchange(port: port, path: path, receiveTimeout: receiveTimeout, firstByteTimeout: firstByteTimeout)
                }
                continuation.resume(with: result)
            }
            thread.start()
        }
    }

    private static func exchange(
        port: Int,
        path: String,
        receiveTimeout: Duration,
        firstByteTimeout: Duration
    ) throws -> Exchange {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        defer { close(descriptor) }

        let seconds = receiveTimeout.components.seconds
        let microseconds = receiveTimeout.components.attoseconds / 1_000_000_000_000
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int(microseconds))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect() failed: errno \(errno)") }

        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(descriptor, request, request.count, 0) == request.count else {
            throw Failure(description: "send() failed: errno \(errno)")
        }

        let firstByteDeadline = ContinuousClock.now + firstByteTimeout
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count > 0 {
                received.append(contentsOf: buffer[..<count])
            } else if count == 0 {
                return Exchange(bytes: received, ending: .closed)
            } else if errno == ECONNRESET {
                return Exchange(bytes: received, ending: .reset)
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                let exchange = Exchange(bytes: received, ending: .timedOut)
                if exchange.body.isEmpty && ContinuousClock.now < firstByteDeadline { continue }
                return exchange
            } else if errno != EINTR {
                throw Failure(description: "recv() failed: errno \(errno)")
            }
        }
    }
}
