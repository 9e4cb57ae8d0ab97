/// A completed exchange: any HTTP status is a response, not an error, so that adapters can read
/// a 404 page, a 403 captcha or a 503 body and decide what it means.
public struct FetchResponse: Sendable, Hashable {
    /// The final response's status (200 for a local feed file).
    public var status: Int
    /// Where redirects ended.
    public var finalURL: String
    /// The final response's headers only, names lower-cased, in the order received.
    public var headers: [FetchHeader]
    /// The decoded body (gzip, deflate and brotli are undone). Empty for a 304.
    public var body: [UInt8]
    /// How many requests the fetch made, over every hop: 1, plus one per retry and per redirect.
    public var attempts: Int
    /// How many redirects were followed to reach `finalURL`.
    public var redirectCount: Int
    /// Wall time of the whole fetch, including pacing waits, retries and redirects.
    public var elapsed: Duration
    /// True for a 304 answer to a conditional request: what the caller saw last time still holds.
    public var notModified: Bool

    public init(
        status: Int,
        finalURL: String,
        headers: [FetchHeader],
        body: [UInt8],
        attempts: Int = 1,
        redirectCount: Int = 0,
        elapsed: Duration = .zero,
        notModified: Bool = false
    ) {
        self.status = status
        self.finalURL = finalURL
        self.headers = headers
        self.body = body
        self.attempts = attempts
        self.redirectCount = redirectCount
        self.elapsed = elapsed
        self.notModified = notModified
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }
}
