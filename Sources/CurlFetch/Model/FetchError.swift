/// Why a fetch produced no response. Every case carries the URL being requested when it failed
/// (for a redirect, the URL that redirected) and enough detail to act on.
///
/// HTTP statuses are never errors: a 404, a 429 or a 503 that outlived its retries is returned as
/// a ``FetchResponse`` so that the adapter can read its body.
public enum FetchError: Error, Sendable, Hashable {
    /// Connecting or the whole transfer took longer than the configured timeout, on every attempt.
    case timeout(url: String)
    /// The connection was refused, reset or closed early, on every attempt.
    case connectionFailed(url: String, detail: String)
    /// The TLS handshake or the certificate check failed. Verification cannot be turned off.
    case tls(url: String, detail: String)
    /// The host name (or the proxy's) did not resolve.
    case dns(url: String, detail: String)
    /// The body grew past the limit (`Configuration.maxBodyBytes` or the request's own).
    case bodyTooLarge(url: String, limit: Int)
    /// More redirects than `Configuration.maxRedirects`.
    case tooManyRedirects(url: String, limit: Int)
    /// A redirect pointed at a scheme other than http/https (`file://`, `ftp://` …), from https
    /// down to http, or at an unparseable location.
    case redirectRefused(url: String, to: String)
    /// The host is not in the request's `allowedHosts`.
    case hostNotAllowed(url: String, host: String)
    /// The host resolved to a loopback, private, link-local or otherwise non-public address and
    /// `Configuration.allowPrivateAddresses` is off.
    case privateAddressRefused(url: String, address: String)
    /// A `file://` URL for a request that is not a feed, or outside `allowedFileDirectories`.
    case fileNotAllowed(url: String, path: String)
    /// An allowed feed file could not be read (missing, unreadable, a directory).
    case fileUnreadable(url: String, detail: String)
    /// The URL does not parse or its scheme is not http/https (or file for a feed).
    case invalidURL(url: String, detail: String)
    /// A request header contains CR, LF or NUL, or its name is not a token.
    case invalidHeader(url: String, name: String)
    /// The calling task was cancelled.
    case cancelled(url: String)
    /// The engine was shut down before the fetch finished.
    case shutdown(url: String)
    /// Any other libcurl failure, with its numeric code and message.
    case curl(url: String, code: Int, message: String)
    /// The site's `robots.txt` disallows the URL for OCOP Watch (`rule` is the deciding line's
    /// pattern); nothing was sent for it.
    case robotsDisallowed(url: String, rule: String)
    /// The site's `robots.txt` could not be read (a 5xx answer, a network failure), so, as RFC
    /// 9309 asks, nothing of the site is fetched until it can be.
    case robotsUnreachable(url: String, detail: String)

    /// The URL that was being requested.
    public var url: String {
        switch self {
        case .timeout(let url), .connectionFailed(let url, _), .tls(let url, _), .dns(let url, _),
            .bodyTooLarge(let url, _), .tooManyRedirects(let url, _), .redirectRefused(let url, _),
            .hostNotAllowed(let url, _), .privateAddressRefused(let url, _), .fileNotAllowed(let url, _),
            .fileUnreadable(let url, _), .invalidURL(let url, _), .invalidHeader(let url, _),
            .cancelled(let url), .shutdown(let url), .curl(let url, _, _), .robotsDisallowed(let url, _),
            .robotsUnreachable(let url, _):
            return url
        }
    }

    /// Whether another attempt may succeed: timeouts and connection failures are transient,
    /// everything else (DNS, TLS, policy refusals) will fail the same way again.
    public var isTransient: Bool {
        switch self {
        case .timeout, .connectionFailed: return true
        default: return false
        }
    }
}

extension FetchError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .timeout(let url):
            return "\(url): timed out; the site may be slow or blocking this server, raise the timeout if it is slow"
        case .connectionFailed(let url, let detail):
            return "\(url): connection failed (\(detail)); check the network, the proxy setting or the site"
        case .tls(let url, let detail):
            return "\(url): TLS failed (\(detail)); check the server clock and the CA bundle setting"
        case .dns(let url, let detail):
            return "\(url): name did not resolve (\(detail)); check the host name and the server's DNS"
        case .bodyTooLarge(let url, let limit):
            return "\(url): body is larger than \(limit) bytes; raise the body limit (http.max_body_bytes) if this is expected"
        case .tooManyRedirects(let url, let limit):
            return "\(url): more than \(limit) redirects; the URL probably loops"
        case .redirectRefused(let url, let target):
            return "\(url): refused a redirect to \(target); only http and https targets are followed, "
                + "and never from https to http"
        case .hostNotAllowed(let url, let host):
            return "\(url): host \(host) is not allowed for this request"
        case .privateAddressRefused(let url, let address):
            return "\(url): refused to connect to non-public address \(address); "
                + "allow private addresses (http.allow_private_addresses) only for a test or a local proxy"
        case .fileNotAllowed(let url, let path):
            return "\(url): file \(path) may not be read; only feeds under http.feed_directories are"
        case .fileUnreadable(let url, let detail):
            return "\(url): feed file could not be read (\(detail))"
        case .invalidURL(let url, let detail):
            return "\(url): invalid URL (\(detail))"
        case .invalidHeader(let url, let name):
            return "\(url): request header \(name) is malformed (CR, LF or NUL, or a bad name)"
        case .cancelled(let url):
            return "\(url): cancelled"
        case .shutdown(let url):
            return "\(url): the fetch engine was shut down"
        case .curl(let url, let code, let message):
            return "\(url): libcurl error \(code): \(message)"
        case .robotsDisallowed(let url, let rule):
            return "\(url): the site's robots.txt disallows it (Disallow: \(rule)); not fetched"
        case .robotsUnreachable(let url, let detail):
            return "\(url): the site's robots.txt could not be read (\(detail)); nothing of the site is fetched "
                + "until it can be"
        }
    }
}
