public import Foundation

extension CoverageCalculator {
    /// The earliest moment after `now` at which the same catalog and evidence could give another
    /// report only because time passed; `nil` when no moment can.
    ///
    /// A stored report answers for the inputs it was computed from until then: the rules read the
    /// clock in two places only, and both change at instants known in advance.
    /// - A fresh conclusive check becomes stale when its age first exceeds `staleAfter`. A check
    ///   already stale stays so, and a listing without a conclusive check stays unknown.
    /// - A channel opens at its window's `from` and closes at its `until`.
    ///
    /// The answer is conservative: it never falls after a real change, but may fall before one
    /// (a listing whose check goes stale may not change its product's state, and a window may
    /// concern a marketplace no listing uses). A certificate's `validUntil` is not among the
    /// instants: coverage counts the certificate status the catalog states, which only an import
    /// changes.
    ///
    /// - Parameters:
    ///   - listings: The facts the report was computed from.
    ///   - now: The moment of the report.
    public func validUntil(listings: [ListingFacts], from now: Date) -> Date? {
        CoverageCounter(rules: rules, products: [], now: now, counting: listings).validUntil
    }

    /// ``validUntil(listings:from:)`` once the oldest check still fresh at `now` is known: only it
    /// can go stale first.
    func validUntil(oldestFreshCheck: Date?, from now: Date) -> Date? {
        var earliest: Date?
        func consider(_ instant: Date) {
            if instant > now, earliest.map({ instant < $0 }) ?? true { earliest = instant }
        }
        for window in rules.windows.values {
            if let from = window.from { consider(from) }
            if let until = window.until { consider(until) }
        }
        if let oldestFreshCheck { consider(Self.firstStaleInstant(of: oldestFreshCheck, staleAfter: rules.staleAfter)) }
        return earliest
    }

    /// The first instant at which a check made at `checkedAt` is stale: the least `t` with
    /// `t.timeIntervalSince(checkedAt) > staleAfter`, exactly as ``report(producers:products:listings:now:)``
    /// compares.
    ///
    /// `checkedAt + staleAfter` is the answer up to rounding: the subtraction the rules make rounds
    /// too, so the candidate is moved by single units in the last place until it is the least
    /// instant that the comparison calls stale (the difference grows with `t`, so this ends).
    static func firstStaleInstant(of checkedAt: Date, staleAfter: TimeInterval) -> Date {
        let checked = checkedAt.timeIntervalSinceReferenceDate
        var instant = checked + staleAfter
        while instant - checked > staleAfter { instant = instant.nextDown }
        while !(instant - checked > staleAfter) { instant = instant.nextUp }
        return Date(timeIntervalSinceReferenceDate: instant)
    }
}
