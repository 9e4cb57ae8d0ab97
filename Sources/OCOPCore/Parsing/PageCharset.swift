import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The character set a page declares, and its text in UTF-8.
///
/// Adapters match their texts ("Ngừng kinh doanh", "Hết hàng") as UTF-8 bytes. Marketplaces
/// answer in UTF-8; a producer's older website may still be written in Windows-1258 or TCVN3,
/// whose bytes for the same words differ, so a discontinued product read as bytes would look
/// active and its title would come out garbled. Such a page is converted once with the C
/// library's `iconv` (glibc knows `WINDOWS-1258`, `TCVN`, `VISCII`, `ISO-8859-1` …) and composed
/// to NFC (Windows-1258 writes most tones as combining marks). A UTF-8 page, most of them,
/// costs a look at its header and its first kilobytes; a page labelled otherwise whose high
/// bytes mostly form UTF-8 (a server's default `ISO-8859-1` label) is read as UTF-8.
public enum PageCharset {
    /// The declared charset, lower-cased, from the `Content-Type` header, else from a `<meta>`
    /// in the page's first 2,048 bytes; nil when none is declared.
    public static func declared(contentType: String?, body: [UInt8]) -> String? {
        if let contentType, let label = label(after: "charset=", in: Array(contentType.utf8)) { return label }
        return label(after: "charset=", in: body.prefix(2_048))
    }

    /// `body` in UTF-8 and NFC when `charset` names another encoding the C library knows; nil
    /// when the page is UTF-8 already (or ASCII), or the charset is unknown, or the bytes do not
    /// fit it: then the bytes are read as they are.
    public static func utf8(_ body: [UInt8], from charset: String) -> [UInt8]? {
        guard !["utf-8", "utf8", "us-ascii", "ascii", "unicode-1-1-utf-8"].contains(charset) else { return nil }
        // Servers still label UTF-8 pages ISO-8859-1 by default. Text in a legacy encoding
        // almost never forms UTF-8 sequences, so a page more of whose high bytes form them than
        // not is UTF-8, a stray byte (a `©` pasted in Latin-1) notwithstanding.
        let (sequences, strays) = Self.utf8Sequences(in: body)
        guard sequences <= strays else { return nil }
        // HTML reads a page labelled Latin-1 as Windows-1252 (WHATWG Encoding), as browsers do.
        let name = ["iso-8859-1", "latin1", "latin-1", "l1"].contains(charset) ? "WINDOWS-1252" : charset.uppercased()
        let converter = iconv_open("UTF-8", name)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        // A byte of these encodings is at most three bytes of UTF-8.
        var output = [UInt8](repeating: 0, count: body.count * 3 + 4)
        var input = body
        let written: Int? = input.withUnsafeMutableBytes { source in
            output.withUnsafeMutableBytes { target in
                var inPointer = source.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = source.count
                var outPointer = target.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = target.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return target.count - outLeft
            }
        }
        guard let written else { return nil }
        let text = String(decoding: output[..<written], as: UTF8.self)
        return Array(text.precomposedStringWithCanonicalMapping.utf8)
    }

    /// How many well-formed multi-byte UTF-8 sequences `bytes` holds, and how many high bytes
    /// belong to none.
    static func utf8Sequences(in bytes: [UInt8]) -> (sequences: Int, strays: Int) {
        var (sequences, strays, index) = (0, 0, 0)
        while index < bytes.count {
            let lead = bytes[index]
            guard lead >= 0x80 else {
                index += 1
                continue
            }
            let length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0
            let end = index + length
            if length > 0, end <= bytes.count, bytes[(index + 1)..<end].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                sequences += 1
                index = end
            } else {
                strays += 1
                index += 1
            }
        }
        return (sequences, strays)
    }

    /// The value after `key` (lower-case ASCII, matched case-insensitively), past an opening
    /// quote, up to a quote, `;`, a space, `/` or `>`. Runs on the head of every producer's
    /// page: a byte loop, nothing allocated until a label is found.
    static func label(after key: String, in bytes: some RandomAccessCollection<UInt8>) -> String? {
        let key = Array(key.utf8)
        guard let first = key.first, bytes.count >= key.count else { return nil }
        var index = bytes.startIndex
        let last = bytes.index(bytes.endIndex, offsetBy: -key.count)
        while index <= last {
            if lowercase(bytes[index]) == first,
                zip(bytes[index...].prefix(key.count), key).allSatisfy({ lowercase($0) == $1 })
            {
                let value = bytes[bytes.index(index, offsetBy: key.count)...]
                    .drop { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
                let label = value.prefix { !labelEnds.contains($0) }
                return label.isEmpty ? nil : String(decoding: label.map(lowercase), as: UTF8.self)
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// What ends a charset label: a quote, `;`, a space, `/` or `>`.
    private static let labelEnds: Set<UInt8> = Set("\"'; />".utf8)

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
