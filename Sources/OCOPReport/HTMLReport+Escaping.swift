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

    /// A label cut to `limit` characters with an ellipsis, for SVG text that cannot wrap.
    static func truncated(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }
}
