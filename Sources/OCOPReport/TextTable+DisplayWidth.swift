extension TextTable {
    /// How many terminal columns `text` takes: one per grapheme cluster, two for East Asian
    /// wide and fullwidth characters and emoji, none for a lone format or combining character.
    ///
    /// Counting `Character`s (not scalars or bytes) is what makes NFC and NFD spellings of the
    /// same Vietnamese name equally wide.
    public static func displayWidth(of text: some StringProtocol) -> Int {
        // Printable ASCII (ids, counts, percentages: most cells of a large table) is one column
        // per byte, plain Latin text (Vietnamese names) one per scalar; only other text pays for
        // grapheme breaking and Unicode properties.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        if isPlainLatin(text) { return text.unicodeScalars.count }
        return text.reduce(0) { $0 + width(of: $1) }
    }

    /// Whether every scalar of `text` is printable Latin: ASCII without controls, Latin-1 letters
    /// and signs (without the soft hyphen), Latin Extended-A and -B, and Latin Extended
    /// Additional, where every precomposed Vietnamese letter lives.
    ///
    /// Such text needs none of the Unicode work a cell otherwise gets, which at 16,667 producer
    /// names is most of a table's time: each of these scalars is a grapheme cluster of its own
    /// (none extends or joins another), one column wide (none is wide, an emoji, a mark or a
    /// format character), not a control, and already composed (each has `NFC_Quick_Check=Yes`
    /// and combining class 0, so the text is in NFC as it stands).
    static func isPlainLatin(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x24F, 0x1E00...0x1EFF: true
            default: false
            }
        }
    }

    static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let category = first.properties.generalCategory
        if character.unicodeScalars.count == 1, category == .format || category == .control { return 0 }
        if [.nonspacingMark, .enclosingMark].contains(category) { return 0 }
        if character.unicodeScalars.contains(where: { isWide($0) }) { return 2 }
        return 1
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isEmojiPresentation { return true }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
