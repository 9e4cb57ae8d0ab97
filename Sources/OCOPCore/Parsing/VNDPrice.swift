/// Reads Vietnamese đồng amounts as integers, whichever way a page writes them.
///
/// Prices are whole đồng: `nil` means "unknown", and an amount that is zero or negative is read
/// as unknown too, because marketplaces write `0` or `-1` for "no price shown", never for "free".
public enum VNDPrice {
    /// An amount written for people: `"₫89.000"`, `"89,000 ₫"`, `"1.250.000đ"`, `"89000.00"`.
    ///
    /// Dots and commas followed by exactly three digits are thousands separators (the Vietnamese
    /// and the English way alike); a final group of one or two digits is a decimal fraction, rounded.
    /// The first number in the text is read (`"89.000 - 120.000"` gives 89000).
    public static func parse(_ text: some StringProtocol) -> Int? {
        var token = Substring(text)
        guard let firstDigit = token.firstIndex(where: \.isASCIIDigit) else { return nil }
        token = token[firstDigit...]
        let tokenEnd = token.firstIndex { !($0.isASCIIDigit || $0 == "." || $0 == ",") } ?? token.endIndex
        var groups = token[..<tokenEnd].split(omittingEmptySubsequences: false) { $0 == "." || $0 == "," }
        if groups.count > 1, groups.last?.isEmpty == true { groups.removeLast() }
        guard let first = groups.first, !first.isEmpty else { return nil }
        let middle = groups.dropFirst().dropLast()
        guard middle.allSatisfy({ $0.count == 3 }), let last = groups.last else { return nil }
        let amount: Int?
        if groups.count == 1 {
            amount = Int(first)
        } else if last.count == 3, first.count <= 3 {
            amount = Int(groups.joined())
        } else if (1...2).contains(last.count) {
            let whole = Int(groups.dropLast().joined())
            let roundsUp = (last.first?.wholeNumberValue ?? 0) >= 5
            amount = whole.map { roundsUp ? $0 + 1 : $0 }
        } else {
            amount = nil
        }
        return positive(amount)
    }

    /// A price from JSON: a number, or a string read with ``parse(_:)``; divided by `divisor`
    /// (Shopee stores prices ×100000) and rounded.
    public static func amount(_ value: JSONValue?, divisor: Int = 1) -> Int? {
        guard let value else { return nil }
        let amount: Int?
        switch value.kind {
        case .number:
            if let integer = value.int {
                amount = divisor == 1 ? integer : (integer + divisor / 2) / divisor
            } else if let double = value.double, double.isFinite, abs(double) < 9.0e18 {
                amount = Int((double / Double(divisor)).rounded())
            } else {
                amount = nil
            }
        case .string:
            amount = value.string.flatMap(parse).map { divisor == 1 ? $0 : ($0 + divisor / 2) / divisor }
        default:
            amount = nil
        }
        return amount.flatMap(positive)
    }

    /// `amount` when it is above zero, else `nil`.
    public static func positive(_ amount: Int?) -> Int? {
        guard let amount, amount > 0 else { return nil }
        return amount
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return ascii >= UInt8(ascii: "0") && ascii <= UInt8(ascii: "9")
    }
}
