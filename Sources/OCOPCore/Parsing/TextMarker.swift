import Foundation

/// A piece of text to look for in a response body, prepared once as the byte patterns to scan for.
///
/// Pages are scanned as UTF-8 bytes, never decoded to `String`, so a marker keeps every byte form
/// the same text can take: Vietnamese written precomposed (NFC) and decomposed (NFD, as text pasted
/// from some editors is), in capitals as well, with no-break spaces (`&nbsp;`) for spaces, and
/// ASCII letters in either case when `ignoresASCIICase` is set. The
/// marker's ``text`` is what evidence strings report, so a verdict says which marker matched.
public struct TextMarker: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The marker as written, reported in evidence.
    public let text: String
    /// Whether `A`–`Z` match `a`–`z`. Non-ASCII bytes always match exactly.
    public let ignoresASCIICase: Bool
    /// The byte forms to look for; ASCII letters are lower-cased when `ignoresASCIICase` is set.
    let patterns: [[UInt8]]
    /// The search for this marker alone, prepared once: preparing it costs a handful of
    /// allocations, and a pass looks for the same markers in thousands of pages (docs/0012).
    let search: AnchoredSearch

    /// - Parameters:
    ///   - text: The text to find; must not be empty.
    ///   - ignoresASCIICase: Whether ASCII letters match regardless of case (default `true`).
    public init(_ text: String, ignoresASCIICase: Bool = true) {
        precondition(!text.isEmpty, "a TextMarker needs at least one character")
        self.text = text
        self.ignoresASCIICase = ignoresASCIICase
        var forms: [[UInt8]] = []
        // ASCII text is its own NFC and NFD: skip the two Foundation normalisations. Other text
        // is looked for in capitals too ("HẾT HÀNG" on a badge), whose non-ASCII letters the
        // byte search cannot fold.
        var variants = [text]
        if !text.utf8.allSatisfy({ $0 < 0x80 }) {
            variants = [text, text.uppercased()].flatMap { form in
                [form.precomposedStringWithCanonicalMapping, form.decomposedStringWithCanonicalMapping, form]
            }
        }
        // Spaces as an editor may have saved them: a no-break space, or its entity.
        if text.contains(" ") {
            variants += variants.flatMap { form in
                [form.replacingOccurrences(of: " ", with: "\u{00A0}"), form.replacingOccurrences(of: " ", with: "&nbsp;")]
            }
        }
        for form in variants {
            let bytes = ignoresASCIICase ? form.utf8.map(ByteScanner.asciiLowercased) : Array(form.utf8)
            if !forms.contains(bytes) { forms.append(bytes) }
        }
        self.patterns = forms
        self.search = AnchoredSearch(forms: forms, ignoresASCIICase: ignoresASCIICase)
    }

    /// Equal markers look for the same text the same way; the patterns and the search follow.
    public static func == (lhs: TextMarker, rhs: TextMarker) -> Bool {
        lhs.text == rhs.text && lhs.ignoresASCIICase == rhs.ignoresASCIICase
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(ignoresASCIICase)
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var description: String { text }
}
