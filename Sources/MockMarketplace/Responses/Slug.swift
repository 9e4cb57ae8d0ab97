import Foundation

/// URL slugs the way Vietnamese marketplaces make them: diacritics dropped, `đ` → `d`, words joined by `-`.
enum Slug {
    static func make(from title: String) -> String {
        let folded = title.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .decomposedStringWithCanonicalMapping
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                pendingHyphen = true
            }
        }
        return slug.isEmpty ? "san-pham" : slug
    }
}
