import Foundation

/// The order of `localizedStandardCompare` (Finder-like: case-insensitive, numbers by value),
/// with a fast path for the common case of catalog ids and codes.
///
/// A breakdown by producer sorts tens of thousands of ids such as `DT-E-016664`, and on Linux
/// each `localizedStandardCompare` call costs microseconds and goes through ICU, whose
/// collation data a publication then mapped (a megabyte of the 100,000-listing peak,
/// docs/0012). When both strings are ASCII, the bytes decide where the strings first differ:
/// inside digit runs of the same length (`…000123` vs `…000456`) by value, two letters by
/// their lower case, and otherwise by class (punctuation and spaces, then digits, then
/// letters), unless a number ends there. Anything else asks Foundation.
package enum StandardOrder {
    /// Whether `lhs` sorts before `rhs`: `lhs.localizedStandardCompare(rhs) == .orderedAscending`.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        if let fast = fastPrecedes(lhs, rhs, byClass: true) { return fast }
        return lhs.localizedStandardCompare(rhs) == .orderedAscending
    }

    /// The answer when the bytes alone decide it, else `nil`.
    ///
    /// - Parameter byClass: Also decide two different letters (by their lower case) and
    ///   characters of different classes, as `localizedStandardCompare` orders them. Without it
    ///   the answer holds for any comparison that orders digit runs by value
    ///   (`compare(_:options: .numeric)` too): only where the strings first differ inside digit
    ///   runs of the same length.
    package static func fastPrecedes(_ lhs: String, _ rhs: String, byClass: Bool = false) -> Bool? {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                guard left.allSatisfy({ $0 < 0x80 }), right.allSatisfy({ $0 < 0x80 }) else { return nil }
                var index = 0
                while index < left.count, index < right.count, left[index] == right[index] { index += 1 }
                if index == left.count && index == right.count { return false }
                guard index < left.count, index < right.count else { return nil }
                guard isDigit(left[index]), isDigit(right[index]) else {
                    guard byClass else { return nil }
                    return classPrecedes(left[index], right[index], afterDigit: index > 0 && isDigit(left[index - 1]))
                }
                // The runs share their start (the prefix is equal); numbers of equal length compare as bytes.
                var leftEnd = index
                while leftEnd < left.count, isDigit(left[leftEnd]) { leftEnd += 1 }
                var rightEnd = index
                while rightEnd < right.count, isDigit(right[rightEnd]) { rightEnd += 1 }
                guard leftEnd == rightEnd else { return nil }
                return left[index] < right[index]
            }
        }
    }

    /// Two different ASCII bytes where the strings first differ, not both digits.
    private static func classPrecedes(_ left: UInt8, _ right: UInt8, afterDigit: Bool) -> Bool? {
        // Control characters are ignored by the collation: what follows them decides.
        guard (0x20..<0x7F).contains(left), (0x20..<0x7F).contains(right) else { return nil }
        let leftClass = characterClass(left)
        let rightClass = characterClass(right)
        if leftClass == .digit || rightClass == .digit {
            // A number that goes on in one string only: its value decides.
            return afterDigit ? nil : leftClass < rightClass
        }
        if leftClass == .letter, rightClass == .letter {
            let leftLower = left | 0x20
            let rightLower = right | 0x20
            return leftLower == rightLower ? nil : leftLower < rightLower
        }
        // Two punctuation marks follow the collation's own order.
        return leftClass == rightClass ? nil : leftClass < rightClass
    }

    private enum CharacterClass: Comparable {
        case other
        case digit
        case letter
    }

    private static func characterClass(_ byte: UInt8) -> CharacterClass {
        if isDigit(byte) { return .digit }
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") ? .letter : .other
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
