/// An IPv4 or IPv6 address as libcurl is about to connect to it, and whether it is public.
///
/// The fetch engine refuses non-public destinations by default so that a listing URL, a redirect
/// or a DNS answer cannot point the daemon at the server's own services or the office network.
struct IPAddress: Sendable, Hashable {
    /// 4 bytes for IPv4, 16 for IPv6, in network order.
    let bytes: [UInt8]

    init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// True only for globally routable unicast addresses.
    var isPublic: Bool {
        if bytes.count == 4 {
            return Self.isPublicIPv4(bytes)
        }
        let v6 = bytes
        // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 destination.
        if v6[0..<10].allSatisfy({ $0 == 0 }) && v6[10] == 0xFF && v6[11] == 0xFF {
            return Self.isPublicIPv4(Array(v6[12..<16]))
        }
        if v6[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            return Self.isPublicIPv4(Array(v6[12..<16]))
        }
        if v6[0..<12].allSatisfy({ $0 == 0 }) {
            return false  // ::, ::1 and the deprecated IPv4-compatible block
        }
        switch v6[0] {
        case 0xFC, 0xFD: return false  // fc00::/7 unique local
        case 0xFF: return false  // multicast
        case 0xFE: return v6[1] & 0xC0 != 0x80 && v6[1] & 0xC0 != 0xC0  // fe80::/10 link-local, fec0::/10
        default: break
        }
        if v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0D && v6[3] == 0xB8 {
            return false  // 2001:db8::/32 documentation
        }
        if v6[0] == 0x01 && v6[1] == 0x00 && v6[2..<8].allSatisfy({ $0 == 0 }) {
            return false  // 100::/64 discard
        }
        return true
    }

    private static func isPublicIPv4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1], b[2]) {
        case (0, _, _), (10, _, _), (127, _, _): return false
        case (100, 64...127, _): return false  // carrier-grade NAT
        case (169, 254, _): return false  // link-local
        case (172, 16...31, _): return false
        case (192, 168, _): return false
        case (192, 0, 0), (192, 0, 2): return false  // IETF protocol assignments, TEST-NET-1
        case (198, 18...19, _): return false  // benchmarking
        case (198, 51, 100), (203, 0, 113): return false  // TEST-NET-2 and -3
        case (224...255, _, _): return false  // multicast, reserved, broadcast
        default: return true
        }
    }
}

extension IPAddress: CustomStringConvertible {
    /// Dotted quad for IPv4; for IPv6 the eight groups in hex with the longest run of zero groups
    /// shortened to `::` (RFC 5952).
    var description: String {
        if bytes.count == 4 {
            return bytes.map(String.init).joined(separator: ".")
        }
        let groups = (0..<8).map { Int(bytes[2 * $0]) << 8 | Int(bytes[2 * $0 + 1]) }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8 && groups[index] == 0 { index += 1 }
            if index - start > bestLength && index - start >= 2 {
                bestStart = start
                bestLength = index - start
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
