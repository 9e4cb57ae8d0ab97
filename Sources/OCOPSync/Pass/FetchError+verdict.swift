import CurlFetch
import Logging
import OCOPConfig
import OCOPCore

extension FetchError {
    /// What a failed fetch says about a listing: nothing. Transport failures are `unreachable`,
    /// refusals by our own safety rules are `blocked` ("we could not look"); never `delisted`.
    var verdict: Verdict {
        switch self {
        case .timeout: Verdict(status: .unreachable, reason: "timeout")
        case .connectionFailed: Verdict(status: .unreachable, reason: "connection_failed")
        case .tls: Verdict(status: .unreachable, reason: "tls_failed")
        case .dns: Verdict(status: .unreachable, reason: "dns_failed")
        case .bodyTooLarge: Verdict(status: .unreachable, reason: "body_too_large")
        case .tooManyRedirects: Verdict(status: .unreachable, reason: "redirect_loop")
        case .curl: Verdict(status: .unreachable, reason: "transfer_failed")
        case .fileUnreadable: Verdict(status: .unreachable, reason: "feed_unreadable")
        case .cancelled, .shutdown: Verdict(status: .unreachable, reason: ListingChecker.cancelledReason)
        case .redirectRefused: Verdict(status: .blocked, reason: "redirect_refused")
        case .hostNotAllowed: Verdict(status: .blocked, reason: "host_not_allowed")
        case .privateAddressRefused: Verdict(status: .blocked, reason: "private_address_refused")
        case .fileNotAllowed: Verdict(status: .blocked, reason: "file_not_allowed")
        case .invalidURL, .invalidHeader: Verdict(status: .unparseable, reason: "invalid_url")
        case .robotsDisallowed: Verdict(status: .blocked, reason: "robots_txt")
        case .robotsUnreachable: Verdict(status: .unreachable, reason: "robots_unreachable")
        }
    }
}
