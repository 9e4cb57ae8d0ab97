/// How urgently someone should look at an alert.
///
/// Ordered so that `max()` over a group gives the group's severity, and so that a log reader can
/// filter with `severity >= .warning`.
public enum AlertSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Worth knowing, nothing to do today (a listing is out of stock).
    case info
    /// The programme figure is affected; an officer should follow up.
    case warning
    /// The watcher itself cannot do its job; the operator must act.
    case critical

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }
}
