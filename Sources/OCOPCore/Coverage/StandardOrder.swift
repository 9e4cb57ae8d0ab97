import Foundation

/// The order of `localizedStandardCompare` (Finder-like: case-insensitive, numbers by value),
/// with a fast path for the common case of catalog ids.
///
/// A breakdown by producer sorts tens of thousands of ids such as `DT-E-016664`, and on Linux
/// each `localizedStandardCompare` call costs microseconds. When both strings are ASCII, share
/// a prefix and first differ at a digit inside digit runs of the same length (`…000123` vs
/// `…000456`), numeric order is byte order, so the bytes decide; anything else asks Foundation.
package enum StandardOrder {
    /// Whether `lhs` sorts before `rhs`: `lhs.localizedStandardCompare(rhs) == .orderedAscending`.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        if let fast = fastPrecedes(lhs, rhs) { return fast }
        return lhs.localizedStandardCompare(rhs) == .orderedAscending
    }

    /// The answer when the bytes alone decide it, else `nil`. It holds for any comparison that
    /// orders digit runs by value (`compare(_:options: .numeric)` too): it answers only where
    /// the strings first differ inside digit runs of the same length.
    package static func fastPrecedes(_ lhs: String, _ rhs: String) -> Bool? {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                guard left.allSatisfy({ $0 < 0x80 }), right.allSatisfy({ $0 < 0x80 }) else { return nil }
                var index = 0
                while index < left.count, index < right.count, left[index] == right[index] { index += 1 }
                if index == left.count && index == right.count { return false }
                guard index < left.count, index < right.count, isDigit(left[index]), isDigit(right[index]) else {
                    return nil
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

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
