import Foundation
import OCOPCore
import OCOPTestSupport
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

    /// The SIMD scan against the obvious search: on pages from a four-letter alphabet (so that
    /// anchors hit often), markers of one to seven letters in either case, and random bounds, the
    /// match found is a real one and no marker starts earlier.
    @Test func firstMatchAgreesWithAByteByByteSearch() {
        var generator = SplitMix64(seed: 0x0C0B)
        let alphabet = Array("abAB".utf8)
        for _ in 0..<2_000 {
            let page = (0..<Int.random(in: 0..<160, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            let markers = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
                let text = String(
                    decoding: (0..<Int.random(in: 1...7, using: &generator)).map { _ in
                        alphabet.randomElement(using: &generator)!
                    }, as: UTF8.self)
                return TextMarker(text, ignoresASCIICase: Bool.random(using: &generator))
            }
            let lower = Int.random(in: 0...page.count, using: &generator)
            let bounds = lower..<Int.random(in: lower...page.count, using: &generator)

            func matches(_ marker: TextMarker, at start: Int) -> Bool {
                let pattern = Array(marker.text.utf8)
                guard start + pattern.count <= bounds.upperBound else { return false }
                func folded(_ byte: UInt8) -> UInt8 {
                    marker.ignoresASCIICase && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                }
                return zip(page[start...], pattern).allSatisfy { folded($0) == folded($1) }
            }
            let earliest = bounds.first { start in markers.contains { matches($0, at: start) } }
            let found = ByteScanner(page).firstMatch(among: markers, in: bounds)
            #expect(found?.range.lowerBound == earliest, "page \(page), markers \(markers), bounds \(bounds)")
            if let found {
                #expect(matches(found.marker, at: found.range.lowerBound))
                #expect(found.range.count == found.marker.text.utf8.count)
            }
        }
    }
}
