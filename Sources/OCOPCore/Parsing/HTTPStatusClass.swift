/// What an HTTP status says on its own, before the body is read.
///
/// The status never decides alone where a body can say more (Shopee answers a block with 200,
/// Lazada a removal with 200), but the statuses below mean the same on every marketplace, so the
/// adapters share one reading and one vocabulary of reasons.
public enum HTTPStatusClass: Sendable, Hashable {
    /// 2xx.
    case success
    /// 3xx that the fetch engine handed back unresolved.
    case redirect
    /// 404 or 410: the server says the page does not exist.
    case notFound
    /// 429.
    case rateLimited
    /// 401, 403: the server refused to show the page to us.
    case forbidden
    /// 5xx, after the fetch engine's retries.
    case serverError
    /// 407: our own proxy wants credentials. The page was never asked for: a wrong proxy
    /// password must read as a network fault, not as every adapter broken at once.
    case proxyAuthentication
    /// Any other status.
    case unexpected

    public init(status: Int) {
        switch status {
        case 200..<300: self = .success
        case 300..<400: self = .redirect
        case 404, 410: self = .notFound
        case 429: self = .rateLimited
        case 401, 403: self = .forbidden
        case 407: self = .proxyAuthentication
        case 500..<600: self = .serverError
        default: self = .unexpected
        }
    }

    /// The verdict this status implies when the body adds nothing: `blocked` (`rate_limited`,
    /// `forbidden`), `unreachable` (`http_5xx`, `proxy_auth_required`), `delisted` (`not_found`), `unparseable`
    /// (`http_<status>`); `nil` for success.
    public func verdict(status: Int, itemID: String? = nil) -> Verdict? {
        let evidence = ["http_status=\(status)"]
        switch self {
        case .success: return nil
        case .rateLimited: return Verdict(status: .blocked, reason: "rate_limited", itemID: itemID, evidence: evidence)
        case .forbidden: return Verdict(status: .blocked, reason: "forbidden", itemID: itemID, evidence: evidence)
        case .serverError: return Verdict(status: .unreachable, reason: "http_5xx", itemID: itemID, evidence: evidence)
        case .proxyAuthentication:
            return Verdict(status: .unreachable, reason: "proxy_auth_required", itemID: itemID, evidence: evidence)
        case .notFound: return Verdict(status: .delisted, reason: "not_found", itemID: itemID, evidence: evidence)
        case .redirect, .unexpected:
            return Verdict(status: .unparseable, reason: "http_\(status)", itemID: itemID, evidence: evidence)
        }
    }
}
