/// What a server said about a resource's version, replayed as `If-None-Match` and
/// `If-Modified-Since` on the next request for the same URL.
struct Validators: Sendable, Hashable {
    var entityTag: String?
    var lastModified: String?

    /// The validators a response offers, or nil when it offers none.
    init?(headers: [FetchHeader]) {
        let entityTag = headers.first { $0.name == "etag" }?.value.trimmingASCIIWhitespace()
        let lastModified = headers.first { $0.name == "last-modified" }?.value.trimmingASCIIWhitespace()
        guard entityTag?.isEmpty == false || lastModified?.isEmpty == false else { return nil }
        self.entityTag = entityTag?.isEmpty == false ? entityTag : nil
        self.lastModified = lastModified?.isEmpty == false ? lastModified : nil
    }

    /// The conditional request headers these validators call for.
    var conditionalHeaders: [FetchHeader] {
        var headers: [FetchHeader] = []
        if let entityTag { headers.append(FetchHeader("If-None-Match", entityTag)) }
        if let lastModified { headers.append(FetchHeader("If-Modified-Since", lastModified)) }
        return headers
    }
}
