import OCOPCore

/// Made-up but stable asset names (image hashes, numeric ids) derived from an item.
extension MockItemFacts {
    /// `count` lowercase hex digits derived from the item and a salt.
    func hexName(_ count: Int, salt: String = "") -> String {
        var digits = ""
        var round = 0
        while digits.count < count {
            let value = SyntheticValues.hash("\(marketplace.rawValue)/\(itemID)/\(salt)/\(round)")
            digits += String(value, radix: 16).leftPadded(to: 16)
            round += 1
        }
        return String(digits.prefix(count))
    }

    /// A decimal string of `count` digits (the first non-zero) derived from the item and a salt;
    /// long enough for TikTok's 19-digit ids, which overflow `Int` arithmetic.
    func derivedDigits(_ count: Int, salt: String) -> String {
        var digits = ""
        var value: UInt64 = 0
        for index in 0..<count {
            if index % 16 == 0 {
                value = SyntheticValues.hash("\(marketplace.rawValue)/\(itemID)/\(salt)/\(index)")
            }
            let digit = index == 0 ? value % 9 + 1 : value % 10
            digits.append(Character(Unicode.Scalar(UInt8(ascii: "0") + UInt8(digit))))
            value /= 10
        }
        return digits
    }

    /// A number of `digits` digits (at most 18, first non-zero) derived from the item and a salt.
    func derivedID(digits: Int, salt: String) -> Int {
        precondition(digits <= 18, "use derivedDigits for ids longer than Int holds")
        return Int(derivedDigits(digits, salt: salt))!
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

extension Int {
    /// The amount the way Vietnamese pages print prices: `₫95.000`.
    var vndText: String {
        var digits = String(self)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(Substring(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return "₫" + groups.joined(separator: ".")
    }
}
