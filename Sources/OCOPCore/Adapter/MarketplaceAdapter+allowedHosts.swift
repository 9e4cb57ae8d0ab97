extension MarketplaceAdapter {
    /// The hosts a fetch for a marketplace adapter may reach, redirects included: the hosts of its
    /// listings, the operator's extra hosts, and the host its requests are sent to (the real API,
    /// or a mock on loopback in tests and the demo).
    ///
    /// Adapters compute this once, in `init`: the fetch engine asks for it on every check.
    public static func allowedHosts(listingHosts: Set<String>, extraHosts: Set<String>, requestsGoTo baseURL: String?)
        -> Set<String>
    {
        var hosts = listingHosts.union(extraHosts)
        if let base = baseURL.flatMap(URLParts.init) { hosts.insert(base.host) }
        return hosts
    }
}
