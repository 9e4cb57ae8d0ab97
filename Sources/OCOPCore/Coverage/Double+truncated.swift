public import Foundation

extension Double {
    /// The value cut, not rounded, to `decimals` places: how coverage percentages are shown.
    ///
    /// Rounded, 1,999 of 2,000 products (99.95 %) printed as `100.0` beside "below target";
    /// cut, a figure short of 100 % never reads as 100, and no figure reads as more than it is.
    public func truncated(decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<max(0, decimals) { scale *= 10 }
        // The nudge keeps a value such as 72.3, stored as 72.2999…, at 72.3.
        return (self * scale + 1e-9).rounded(.towardZero) / scale
    }

    /// A percentage as every figure prints it: one decimal, cut (`99.9` for 99.95).
    public var percentText: String { String(format: "%.1f", truncated(decimals: 1)) }
}
