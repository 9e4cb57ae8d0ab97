/// What to fetch and under which restrictions. Always a GET: the engine reads public pages and feeds.
///
/// The engine decides *how* (pacing, retries, conditional headers, redirects); the request only
/// says *what* and narrows what the engine may do for it.
public struct FetchRequest: Sendable, Hashable {
    /// An absolute `http`/`https` URL, or a `file://` URL when ``isFeed`` is set.
    public var url: String
    /// Extra request headers. `User-Agent` is ignored: the engine always sends its own, which
    /// names the software and the operator.
    public var headers: [FetchHeader]
    /// When set, the first URL and every redirect target must be one of these hosts
    /// (case-insensitive, exact match), else the fetch fails with `FetchError.hostNotAllowed`.
    public var allowedHosts: Set<String>?
    /// A feed may be read from a local file under `Configuration.allowedFileDirectories`;
    /// a listing page never is.
    public var isFeed: Bool
    /// Overrides `Configuration.maxBodyBytes` for this request (a large feed, say).
    public var maxBodyBytes: Int?
    /// Whether the engine may add `If-None-Match`/`If-Modified-Since` from what it remembers of
    /// this URL. Turn it off when the caller has lost the previous body and needs a full one.
    public var allowsConditional: Bool

    public init(
        url: String,
        headers: [FetchHeader] = [],
        allowedHosts: Set<String>? = nil,
        isFeed: Bool = false,
        maxBodyBytes: Int? = nil,
        allowsConditional: Bool = true
    ) {
        self.url = url
        self.headers = headers
        self.allowedHosts = allowedHosts
        self.isFeed = isFeed
        self.maxBodyBytes = maxBodyBytes
        self.allowsConditional = allowsConditional
    }
}
