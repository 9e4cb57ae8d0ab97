import Foundation
import Testing

@testable import OCOPReport

/// Plain Latin text (Vietnamese names) skips composition, control cleaning and grapheme widths in
/// tables and CSV. Over every scalar of the ranges, the shortcut must agree with the long way.
@Suite struct TextTablePlainLatinTests {
    static let plainLatin = Array(0x20...0x7E) + Array(0xA0...0xAC) + Array(0xAE...0x24F) + Array(0x1E00...0x1EFF)

    @Test func everyPlainLatinScalarIsComposedNarrowAndItsOwnCharacter() throws {
        var previous = "A"
        for value in Self.plainLatin {
            let text = String(try #require(Unicode.Scalar(value)))
            #expect(TextTable.isPlainLatin(text))
            #expect(TextTable.width(of: Character(text)) == 1, "U+\(String(value, radix: 16))")
            // `==` on strings compares canonical equivalence; the scalars must be the same.
            #expect(Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == Array(text.unicodeScalars))
            // Next to its neighbour in the ranges it stays a character of its own, and composition keeps both.
            let pair = previous + text
            #expect(pair.count == 2)
            #expect(Array(pair.precomposedStringWithCanonicalMapping.unicodeScalars) == Array(pair.unicodeScalars))
            previous = text
        }
    }

    @Test func textOutsideTheRangesTakesTheLongWay() {
        for text in ["e\u{301}", "a\u{AD}b", "tab\there", "\u{85}", "🪷", "漢字", "Tháp Mười\u{200B}"] {
            #expect(!TextTable.isPlainLatin(text))
        }
        #expect(TextTable.isPlainLatin("Hợp tác xã Sen Hồng Mỹ Hòa, Đồng Tháp (¼ × ½)"))
        #expect(TextTable.displayWidth(of: "Hợp tác xã Đồng Tháp") == "Hợp tác xã Đồng Tháp".count)
        #expect(TextTable.clean("Bánh phồng tôm") == "Bánh phồng tôm")
    }
}
