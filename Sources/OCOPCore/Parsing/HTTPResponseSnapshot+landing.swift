extension HTTPResponseSnapshot {
    /// Whether the response ended on the site's home or search page instead of `requestedURL`:
    /// the final URL after redirects, or the `Location` of a 3xx that was handed back unresolved.
    /// Marketplaces answer removed items this way, with a 200.
    public func redirectLanding(
        requestedURL: String,
        searchPaths: [String] = ["/search", "/catalog"],
        homePaths: Set<String> = []
    ) -> URLParts.Landing? {
        if let landing = URLParts.redirectLanding(
            finalURL: finalURL, requestedURL: requestedURL, searchPaths: searchPaths, homePaths: homePaths)
        {
            return landing
        }
        guard (300..<400).contains(status), let location = header("location") else { return nil }
        let absolute: String
        if location.hasPrefix("/"), let base = URLParts(finalURL) ?? URLParts(requestedURL) {
            absolute = base.origin + location
        } else {
            absolute = location
        }
        return URLParts.redirectLanding(
            finalURL: absolute, requestedURL: requestedURL, searchPaths: searchPaths, homePaths: homePaths)
    }

    /// Where the response ended up, for evidence: the `Location` of an unresolved 3xx, else the
    /// final URL.
    public var landingURL: String {
        (300..<400).contains(status) ? header("location") ?? finalURL : finalURL
    }
}
