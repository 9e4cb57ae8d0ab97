/// Filler that brings a page to a realistic size without real content.
///
/// Real product pages are 100–300 KB of markup, scripts and styles around a few KB of data, and
/// parsers (and the fetch engine's buffers) must cope with that. The filler is inert CSS: pure
/// ASCII, so it can be cut at any byte, and free of digits and of every marker an adapter looks
/// for (`404`, `captcha`, `__moduleData__` …). Callers place it inside a `<style>` element.
public enum PagePadding {
    /// The first `count` bytes of the filler; the same count always gives the same bytes.
    public static func bytes(count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var output: [UInt8] = []
        output.reserveCapacity(count + ruleTail.count + 16)
        var ruleNumber = 0
        while output.count < count {
            output.append(contentsOf: ".pdp-mod-".utf8)
            output.append(contentsOf: letters(ruleNumber))
            output.append(contentsOf: ruleTail)
            ruleNumber += 1
        }
        output.removeLast(output.count - count)
        return output
    }

    private static let ruleTail = Array(
        "{display:block;margin:0 0 8px;padding:4px 12px;color:#212121;font:14px/20px Roboto,Arial,sans-serif}\n".utf8
    )

    /// A class-name suffix in letters only (`aaaa`, `aaab` …): digits could spell a marker such as `404`.
    private static func letters(_ number: Int) -> [UInt8] {
        var number = number
        var result = [UInt8](repeating: UInt8(ascii: "a"), count: 4)
        for position in (0..<4).reversed() {
            result[position] = UInt8(ascii: "a") + UInt8(number % 26)
            number /= 26
        }
        return result
    }
}
