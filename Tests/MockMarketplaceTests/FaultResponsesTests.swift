import Foundation
import MockMarketplace
import OCOPCore
import Testing

@Suite("Fault responses")
struct FaultResponsesTests {
    @Test func statusCarriesRetryAfterAndARouteStyledBody() throws {
        let json = FaultResponses.status(429, retryAfter: 3, style: .json)
        #expect(json.status == 429)
        #expect(json.header("Retry-After") == "3")
        #expect(try Document.object(json).string("error.message") == "Too Many Requests")

        let html = FaultResponses.status(503, retryAfter: nil, style: .html)
        #expect(html.status == 503)
        #expect(html.header("Retry-After") == nil)
        #expect(html.bodyText.contains("503 Service Unavailable"))
    }

    @Test func redirectsPointAtTheLocation() {
        let redirect = FaultResponses.redirect(to: "https://tiki.vn/", status: 301)
        #expect(redirect.status == 301)
        #expect(redirect.header("Location") == "https://tiki.vn/")
    }

    @Test func hugeBodiesHaveExactlyTheRequestedSize() {
        let response = FaultResponses.hugeBody(bytes: 5_000_000)
        #expect(response.contentLength == 5_000_000)
        #expect(response.body == [.padding(5_000_000)])
    }

    @Test func invalidUTF8IsSplicedAfterTheTitle() throws {
        let item = fixedItem(.tiki, "274850011")
        let clean = TikiResponseBuilder(targetBodyBytes: 0).response(for: item)
        let corrupted = FaultResponses.invalidUTF8(clean, title: item.title)
        let bytes = corrupted.bodyBytes
        #expect(bytes.count == clean.contentLength + FaultResponses.invalidUTF8Sequence.count)
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        #expect(String(validating: clean.bodyBytes, as: UTF8.self) != nil)
        let title = Array(item.title.utf8)
        let spliced = title + FaultResponses.invalidUTF8Sequence
        #expect(bytes.firstRange(of: spliced) != nil)
        #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: Data(bytes)) }
    }

    @Test func invalidUTF8WithoutATitleGoesFirst() {
        let corrupted = FaultResponses.invalidUTF8(SendoResponseBuilder().homePage(), title: nil)
        #expect(Array(corrupted.bodyBytes.prefix(4)) == FaultResponses.invalidUTF8Sequence)
    }
}

@Suite("Gzip bomb")
struct GzipBombTests {
    /// Bitwise CRC-32, the definition the fast path must agree with.
    private func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }

    @Test(arguments: [0, 1, 2, 257, 258, 259, 1_000, 65_537])
    func crcOfZerosMatchesTheDefinition(count: Int) {
        #expect(GzipBomb.crc32OfZeros(count: count) == crc32([UInt8](repeating: 0, count: count)))
    }

    @Test func theMemberIsWellFormedAndTiny() {
        let inflated = 100 << 20
        let body = GzipBomb.body(inflatedBytes: inflated)
        #expect(Array(body.prefix(3)) == [0x1F, 0x8B, 0x08])
        let trailer = Array(body.suffix(8))
        let crc = trailer[0..<4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let size = trailer[4..<8].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        #expect(crc == GzipBomb.crc32OfZeros(count: inflated))
        #expect(Int(size) == inflated)
        #expect(body.count < inflated / 1_000)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/gzip")), arguments: [0, 1, 300, 1_000_000])
    func gzipInflatesItToZeros(inflated: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(GzipBomb.body(inflatedBytes: inflated)))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(data.count == inflated)
        #expect(data.allSatisfy { $0 == 0 })
    }
}
