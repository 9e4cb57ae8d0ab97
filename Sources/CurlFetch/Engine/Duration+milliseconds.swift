extension Duration {
    /// Whole milliseconds, rounded up so that a wait is never cut short; negative becomes 0.
    var roundedUpMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let perMillisecond: Int64 = 1_000_000_000_000_000
        let milliseconds = Int(attoseconds / perMillisecond) + (attoseconds % perMillisecond > 0 ? 1 : 0)
        let (total, overflow) = Int(seconds).multipliedReportingOverflow(by: 1000)
        return overflow ? Int.max : total.addingReportingOverflow(milliseconds).overflow ? Int.max : total + milliseconds
    }
}
