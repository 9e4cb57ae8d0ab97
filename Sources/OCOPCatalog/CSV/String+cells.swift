import Foundation

/// Text clean-up and checks for catalog cells that do the full work only when the text needs it.
///
/// Foundation's `trimmingCharacters(in:)` and `precomposedStringWithCanonicalMapping` go through
/// `NSString` (UTF-16 and back) even when the text comes out unchanged, which is almost always,
/// and `Character` properties decode grapheme clusters: at 166,000 rows these were nearly half
/// of `catalog import`'s time (docs/0012). Each shortcut below answers from the text's scalars or
/// bytes only where the full call provably gives the same answer, and defers to it otherwise.
extension String {
    /// The text in Unicode Normalization Form C, as `precomposedStringWithCanonicalMapping`
    /// gives it.
    var canonicallyComposed: String {
        isCertainlyNFC ? self : precomposedStringWithCanonicalMapping
    }

    /// Whether every scalar lies in a block whose characters are all `NFC_Quick_Check=Yes` with
    /// canonical combining class 0, so that the text is in NFC whatever their order: below
    /// U+0300 (ASCII, Latin-1, Latin Extended-A and -B, which hold `ă đ ĩ ũ ơ ư`), Latin Extended
    /// Additional (U+1E00–1EFF, the other precomposed Vietnamese letters), U+2010–2027 (dashes,
    /// quotation marks, `…`) and the currency signs (U+20A0–20CF, `₫`). Checked against the
    /// Unicode Character Database for every code point of those ranges when written. Anything
    /// else (a combining mark, a compatibility singleton) answers `false`, and Foundation decides.
    var isCertainlyNFC: Bool {
        unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case ..<0x300, 0x1E00..<0x1F00, 0x2010..<0x2028, 0x20A0..<0x20D0: true
            default: false
            }
        }
    }

    /// Whether the text certainly holds no line break or tab (what `Character.isNewline` or a
    /// `"\t"` would find), judged from its UTF-8 bytes: line breaks and tabs are the bytes below
    /// 0x20 and the scalars U+0085, U+2028 and U+2029, which start with 0xC2 or 0xE2. A cell with
    /// either lead byte is left to the `Character` check; most cells have neither.
    var certainlyHasNoLineBreakOrTab: Bool {
        utf8.allSatisfy { $0 >= 0x20 && $0 != 0xC2 && $0 != 0xE2 }
    }

    /// Whether the text is printable ASCII without a space (`!`…`~`), so that it certainly holds
    /// no `Character.isWhitespace`: the shape of almost every link.
    var isPrintableASCIIWithoutSpaces: Bool {
        utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// The text without leading and trailing white space and line breaks (non-breaking spaces
    /// included), as `trimmingCharacters(in: .whitespacesAndNewlines)` gives it, and without the
    /// invisible marks that joined exports and pasted text leave at a cell's ends (a byte-order
    /// mark, zero-width spaces and joiners): a product id that ends in one looks like another
    /// and is not.
    var trimmingWhitespaceAndNewlines: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
            Self.isCertainlyKept(first), Self.isCertainlyKept(last)
        else { return trimmingCharacters(in: Self.cellPadding) }
        return self
    }

    /// What ``trimmingWhitespaceAndNewlines`` takes off a cell's ends.
    static let cellPadding = CharacterSet.whitespacesAndNewlines.union(
        CharacterSet(charactersIn: "\u{FEFF}\u{200B}\u{200C}\u{200D}\u{2060}"))

    /// Whether `scalar` is certainly not in `CharacterSet.whitespacesAndNewlines`: an ASCII
    /// character other than U+0009–000D and the space, or a letter, mark, number, punctuation or
    /// symbol. Separators, controls and format characters are left to Foundation, whose set is
    /// wider than Unicode's white space (on Linux it trims U+200B, a format character).
    private static func isCertainlyKept(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return !(scalar == " " || (0x09...0x0D).contains(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
