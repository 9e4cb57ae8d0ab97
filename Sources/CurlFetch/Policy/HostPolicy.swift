/// How hard the engine may press one host: a politeness budget.
///
/// Marketplaces block clients that open many connections or fire requests back to back, and a
/// provincial server has one IP address to lose. Both limits apply to request *starts* handed to
/// libcurl, so retries and redirect hops are paced like any other request.
public struct HostPolicy: Sendable, Hashable {
    /// Requests to the host in flight at once.
    public var maxConcurrentRequests: Int
    /// Least time between two request starts to the host.
    public var minimumInterval: Duration

    public init(maxConcurrentRequests: Int = 2, minimumInterval: Duration = .milliseconds(500)) {
        self.maxConcurrentRequests = maxConcurrentRequests
        self.minimumInterval = minimumInterval
    }
}
