import Foundation
import OCOPCore
import Testing

@Suite("Parsing: ByteScanner and TextMarker")
struct ParsingByteScannerTests {
    private func scanner(_ text: String) -> ByteScanner { ByteScanner(Array(text.utf8)) }

    @Test func findsMarkersIgnoringASCIICaseByDefault() {
        let page = scanner("<TITLE>Captcha Interception</TITLE>")
        #expect(page.firstRange(of: "captcha interception") == 7..<27)
        #expect(page.firstRange(of: TextMarker("captcha", ignoresASCIICase: false)) == nil)
        #expect(page.firstRange(of: TextMarker("Captcha", ignoresASCIICase: false)) == 7..<14)
    }

    @Test func vietnameseMatchesInBothNormalizationForms() {
        let decomposed = "Sản phẩm tạm hết hàng".decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.utf8) != Array("Sản phẩm tạm hết hàng".utf8))
        #expect(scanner(decomposed).contains("Hết hàng"))
        #expect(!scanner(decomposed).contains(TextMarker("Hết hàng", ignoresASCIICase: false)))
        #expect(scanner("Tạm hết hàng").contains("hết hàng"))
        // Only ASCII letters fold: Đ and đ are different letters to the scanner.
        #expect(!scanner("Đồng Tháp").contains("đồng"))
    }

    @Test func firstMatchReturnsTheEarliestOfSeveralMarkers() throws {
        let page = scanner("intro … item not found … lazada-ic-404")
        let match = try #require(page.firstMatch(among: ["lazada-ic-404", "item not found"]))
        #expect(match.marker.text == "item not found")
        #expect(page.string(in: match.range) == "item not found")
        #expect(page.firstMatch(among: ["absent", "missing"]) == nil)
        #expect(page.firstMatch(among: []) == nil)
    }

    @Test func searchesStayInsideTheGivenRange() {
        let page = scanner("abc abc abc")
        #expect(page.ranges(of: "abc") == [0..<3, 4..<7, 8..<11])
        #expect(page.firstRange(of: "abc", in: 1..<7) == 4..<7)
        #expect(page.firstRange(of: "abc", in: 5..<10) == nil)
        #expect(page.firstRange(of: "abc", in: 9..<100) == nil)
        #expect(scanner("ab").firstRange(of: "abc") == nil)
    }

    @Test func byteHelpers() {
        let page = scanner("  <a href='x'>")
        #expect(page.skippingWhitespace(from: 0) == 2)
        #expect(page.firstIndex(of: UInt8(ascii: "'"), from: 0) == 10)
        #expect(page.lastIndex(of: UInt8(ascii: "'"), before: page.count) == 12)
        #expect(page.hasPrefix("<A HREF", at: 2))
        #expect(!page.hasPrefix("<a hrefx", at: 10))
    }
}
