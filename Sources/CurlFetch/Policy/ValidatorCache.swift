/// Remembers the `ETag`/`Last-Modified` of recently fetched URLs so that the next fetch can be
/// conditional, and a server that supports it answers 304 with no body.
///
/// Bounded (least recently used entries are forgotten) and in memory only: after a restart the
/// first fetch of each URL is a full one, which is always safe.
struct ValidatorCache: Sendable {
    private var entries: LRUCache<String, Validators>

    init(capacity: Int) {
        entries = LRUCache(capacity: capacity)
    }

    var count: Int { entries.count }

    /// The conditional headers to send for `url`, if anything is known about it.
    mutating func conditionalHeaders(for url: String) -> [FetchHeader] {
        entries.value(for: url)?.conditionalHeaders ?? []
    }

    /// Learns from a response to a request for `url`.
    ///
    /// A 200 replaces what was known (or forgets it when the response offers no validators); a
    /// 304 may refresh the validators; a 404 or 410 forgets the URL. Other statuses say nothing
    /// about the resource's version and change nothing.
    mutating func record(url: String, status: Int, headers: [FetchHeader]) {
        switch status {
        case 200, 203:
            if let validators = Validators(headers: headers) {
                entries.set(validators, for: url)
            } else {
                entries.removeValue(for: url)
            }
        case 304:
            if let validators = Validators(headers: headers) {
                entries.set(validators, for: url)
            }
        case 404, 410:
            entries.removeValue(for: url)
        default:
            break
        }
    }
}
