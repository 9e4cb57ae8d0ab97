import CurlFetch
import Testing

@Suite("HTTP dates, written and read back")
struct HTTPDateTests {
    @Test("RFC 9110's example, and a day that needs a leading zero, round-trip")
    func roundTrip() {
        #expect(HTTPDate.format(secondsSince1970: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(secondsSince1970: 1_735_689_600) == "Wed, 01 Jan 2025 00:00:00 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("yesterday") == nil)
    }
}
