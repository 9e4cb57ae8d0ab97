import Foundation

extension HTMLReport {
    /// Text made safe for HTML element content and quoted attribute values, and composed (NFC)
    /// because fonts draw precomposed Vietnamese letters better than combining sequences.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default:
                if scalar.properties.generalCategory == .control, scalar != "\n", scalar != "\t" {
                    escaped += " "
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// A label cut with an ellipsis to fit `width` pixels at 12 px, for SVG text that cannot wrap.
    ///
    /// Widths are estimated per letter from a sans-serif's: a count of characters let a name in
    /// capitals ("THÀNH PHỐ HỒNG NGỰ …") run past the chart's edge, where the same count in small
    /// letters fits.
    static func truncated(_ text: String, width: Double) -> String {
        var used = 0.0
        for (offset, character) in text.enumerated() {
            used += estimatedWidth(of: character)
            if used > width {
                // Room for the ellipsis: drop what it would cover.
                var kept = text.prefix(offset)
                var keptWidth = used - estimatedWidth(of: character)
                while let last = kept.last, keptWidth + estimatedWidth(of: "…") > width {
                    keptWidth -= estimatedWidth(of: last)
                    kept = kept.dropLast()
                }
                return String(kept) + "…"
            }
        }
        return text
    }

    /// A character's width at 12 px, in pixels, from the common sans-serifs' metrics.
    private static func estimatedWidth(of character: Character) -> Double {
        if character == " " { return 3.4 }
        if character.isUppercase { return 8.4 }
        if character.isNumber { return 6.7 }
        if character.isLowercase { return "ijlft".contains(character) ? 3.4 : (character == "m" || character == "w" ? 9.6 : 6.6) }
        return 6.7
    }
}
