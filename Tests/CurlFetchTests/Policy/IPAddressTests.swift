import Testing

@testable import CurlFetch

@Suite("Which destination addresses are public")
struct IPAddressTests {
    static func v6(_ groups: [UInt16]) -> [UInt8] {
        groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    @Test(
        "Non-public IPv4 ranges are refused",
        arguments: [
            [127, 0, 0, 1], [10, 1, 2, 3], [172, 16, 0, 1], [172, 31, 255, 255], [192, 168, 1, 1], [169, 254, 169, 254],
            [100, 64, 0, 1], [0, 0, 0, 0], [224, 0, 0, 1], [255, 255, 255, 255], [198, 18, 0, 1], [192, 0, 2, 1],
        ] as [[UInt8]])
    func privateIPv4(bytes: [UInt8]) throws {
        #expect(try #require(IPAddress(bytes: bytes)).isPublic == false)
    }

    @Test(
        "Public IPv4 addresses pass",
        arguments: [
            [8, 8, 8, 8], [172, 15, 0, 1], [172, 32, 0, 1], [100, 128, 0, 1], [203, 113, 0, 1], [118, 69, 1, 1],
        ] as [[UInt8]])
    func publicIPv4(bytes: [UInt8]) throws {
        #expect(try #require(IPAddress(bytes: bytes)).isPublic)
    }

    @Test("IPv6: loopback, ULA, link-local, multicast and mapped private IPv4 are refused; global unicast passes")
    func ipv6() throws {
        let refused: [[UInt16]] = [
            [0, 0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0], [0xFD12, 0, 0, 0, 0, 0, 0, 1], [0xFE80, 0, 0, 0, 0, 0, 0, 1],
            [0xFF02, 0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0xFFFF, 0x7F00, 0x0001], [0x2001, 0x0DB8, 0, 0, 0, 0, 0, 1],
            [0x0064, 0xFF9B, 0, 0, 0, 0, 0x0A00, 0x0001],
        ]
        for groups in refused {
            #expect(try #require(IPAddress(bytes: Self.v6(groups))).isPublic == false, "\(groups)")
        }
        let allowed: [[UInt16]] = [[0x2404, 0x6800, 0x4005, 0x80E, 0, 0, 0, 0x200E], [0, 0, 0, 0, 0, 0xFFFF, 0x0808, 0x0808]]
        for groups in allowed {
            #expect(try #require(IPAddress(bytes: Self.v6(groups))).isPublic, "\(groups)")
        }
    }

    @Test("Addresses print in their usual forms")
    func descriptions() throws {
        #expect(try #require(IPAddress(bytes: [127, 0, 0, 1])).description == "127.0.0.1")
        #expect(try #require(IPAddress(bytes: Self.v6([0, 0, 0, 0, 0, 0, 0, 1]))).description == "::1")
        #expect(try #require(IPAddress(bytes: Self.v6([0xFE80, 0, 0, 0, 0x1, 0, 0, 0x2]))).description == "fe80::1:0:0:2")
        #expect(try #require(IPAddress(bytes: Self.v6([0x2001, 0xDB8, 1, 2, 3, 4, 5, 6]))).description == "2001:db8:1:2:3:4:5:6")
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
    }
}
