import Foundation
import Testing

@testable import OCOPCatalog

/// The catalog's shortcuts around Foundation's normalisation and trimming must give exactly what
/// Foundation gives, for any text a spreadsheet can hold.
@Suite struct CellTextTests {
    /// Characters that exercise both shortcuts: Vietnamese in NFC and NFD, combining marks,
    /// compatibility singletons (U+2000, U+212B), Hangul jamo, every kind of white space and
    /// separator Foundation trims, and plain text.
    static let alphabet: [String] = [
        "a", "Z", "1", ",", ";", "\"", "đ", "Đ", "ơ", "ư", "ă", "ạ", "ế", "ộ", "ữ", "₫", "–", "…", "“",
        "e\u{301}", "o\u{302}\u{300}", "\u{301}", "\u{323}", "\u{2000}", "\u{212B}", "\u{1100}\u{1161}", "\u{AC00}",
        " ", "\t", "\n", "\r", "\u{B}", "\u{C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2007}", "\u{202F}", "\u{205F}",
        "\u{3000}", "\u{2028}", "\u{2029}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "中", "😀",
    ]

    static let examples: [String] = [
        "", "Trà tim sen Hồng Liên", "Tra\u{300} tim sen Ho\u{302}\u{300}ng Lie\u{302}n", "  Sa Đéc\u{A0}",
        "\u{3000}Cao Lãnh\n", "\u{2000}", "Å\u{212B}", "ร้าน", "Huyện Tháp Mười", "1446/QĐ-UBND-HC",
    ]

    static func randomTexts(count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
        }
    }

    @Test func composesAsFoundationComposes() {
        for text in Self.examples + Self.randomTexts(count: 5_000) {
            #expect(
                Array(text.canonicallyComposed.unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars),
                "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func trimsAsFoundationTrims() {
        for text in Self.examples + Self.randomTexts(count: 5_000) {
            #expect(
                Array(text.trimmingWhitespaceAndNewlines.unicodeScalars)
                    == Array(text.trimmingCharacters(in: String.cellPadding).unicodeScalars),
                "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// A byte-order mark or zero-width character at a cell's end (joined exports, pasted text)
    /// would make `DT-P-000001` a different id that looks the same.
    @Test func invisibleMarksAtACellsEndsAreTrimmed() {
        for mark in ["\u{FEFF}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}"] {
            #expect((mark + "DT-P-000001" + mark + " ").trimmingWhitespaceAndNewlines == "DT-P-000001")
        }
        #expect("Trà\u{200D}sen".trimmingWhitespaceAndNewlines == "Trà\u{200D}sen", "inside a cell it stays")
    }

    @Test func lineBreakAndWhiteSpaceShortcutsNeverMissOne() {
        for text in Self.examples + Self.randomTexts(count: 5_000) {
            let hasLineBreakOrTab = text.contains { $0.isNewline || $0 == "\t" }
            let hasWhiteSpace = text.contains(where: \.isWhitespace)
            #expect(!(text.certainlyHasNoLineBreakOrTab && hasLineBreakOrTab), "\(text.unicodeScalars.map(\.value))")
            #expect(!(text.isPrintableASCIIWithoutSpaces && hasWhiteSpace), "\(text.unicodeScalars.map(\.value))")
        }
        #expect("https://tiki.vn/tra-sen-p123.html?spid=4".isPrintableASCIIWithoutSpaces)
        #expect("Hạt sen sấy giòn".certainlyHasNoLineBreakOrTab)
        #expect(!"a\u{2028}b".certainlyHasNoLineBreakOrTab && !"a\u{85}b".certainlyHasNoLineBreakOrTab)
    }

    @Test func theShortcutsAreTakenForOrdinaryVietnameseText() {
        #expect("Trà tim sen Hồng Liên – 1446/QĐ-UBND-HC, 120.000 ₫ “OCOP”…".isCertainlyNFC)
        #expect(!"Tra\u{300}".isCertainlyNFC, "a combining mark leaves it to Foundation")
        #expect(!"\u{2000}".isCertainlyNFC, "a compatibility singleton leaves it to Foundation")
        #expect(!"\u{1100}\u{1161}".isCertainlyNFC)
    }
}
