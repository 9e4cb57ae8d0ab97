public import OCOPCore

/// A misbehaviour the server injects into matching requests, chosen deterministically.
///
/// Faults exist so that retry, timeout, size-cap and classification code can be exercised against
/// every failure a real marketplace (or the network in front of it) produces, reproducibly: the
/// same scenario and the same request order give the same faults on every run.
public struct MockFault: Sendable, Hashable {
    /// What happens to a request the fault hits.
    public enum Kind: Sendable, Hashable {
        /// Delay the answer by this many milliseconds; the request then proceeds (other faults may still hit it).
        case latency(milliseconds: Int)
        /// Answer with this status and a small body; `retryAfter` adds a `Retry-After` header (seconds).
        case status(code: Int, retryAfter: Int?)
        /// Answer with the marketplace's anti-bot response, as if the item's state were `blocked`.
        case captcha
        /// Reset the TCP connection (RST) without sending a byte.
        case reset
        /// Send the full `Content-Length` and headers, then `bodyBytes` of the body (default: half), then close.
        case truncate(bodyBytes: Int?)
        /// Send headers and `bodyBytes` of the body (default: half), then hang until the client closes,
        /// the server stops, or `maximumMilliseconds` (default: the server's stall limit) pass.
        case stall(bodyBytes: Int?, maximumMilliseconds: Int?)
        /// Redirect to the requested URL itself, forever.
        case redirectLoop
        /// Redirect to `location` with `status` (301, 302, 303, 307 or 308).
        case redirect(location: String, status: Int)
        /// Answer 200 with a body of this many bytes.
        case hugeBody(bytes: Int)
        /// Answer with a small `Content-Encoding: gzip` body that inflates to this many bytes.
        case gzipBomb(inflatedBytes: Int)
        /// Answer with the normal body, with an invalid UTF-8 sequence spliced into the title.
        case invalidUTF8

        /// The scenario file's name for the kind (`"status"`, `"gzip_bomb"` …).
        public var name: String {
            switch self {
            case .latency: "latency"
            case .status: "status"
            case .captcha: "captcha"
            case .reset: "reset"
            case .truncate: "truncate"
            case .stall: "stall"
            case .redirectLoop: "redirect_loop"
            case .redirect: "redirect_to"
            case .hugeBody: "huge_body"
            case .gzipBomb: "gzip_bomb"
            case .invalidUTF8: "invalid_utf8"
            }
        }

        /// Every kind name a scenario may use.
        public static let names = [
            "latency", "status", "captcha", "reset", "truncate", "stall", "redirect_loop", "redirect_to",
            "huge_body", "gzip_bomb", "invalid_utf8",
        ]
    }

    /// Which of the matching requests the fault hits.
    public enum Selection: Sendable, Hashable {
        /// Every matching request.
        case always
        /// Only the first `n` matching requests, so a retrying client heals.
        case first(Int)
        /// A fraction in 0...1, spread evenly over the matching requests by their count
        /// (see ``MockFaultSchedule``), never by a random draw.
        case ratio(Double)
    }

    public var kind: Kind
    /// Restricts the fault to one marketplace (`feed` selects the `/feeds/…` routes); `nil` matches all.
    public var marketplace: MarketplaceID?
    /// Restricts the fault to one item id; `nil` matches every request of the selected marketplaces.
    public var itemID: String?
    public var selection: Selection

    public init(
        _ kind: Kind,
        marketplace: MarketplaceID? = nil,
        itemID: String? = nil,
        selection: Selection = .always
    ) {
        self.kind = kind
        self.marketplace = marketplace
        self.itemID = itemID
        self.selection = selection
    }

    /// The marketplaces a fault may select: the item marketplaces plus `feed`.
    public static let marketplaces: [MarketplaceID] = MockItem.marketplaces + [.feed]

    /// Body size of a `huge_body` fault that gives none: 64 MiB.
    public static let defaultHugeBodyBytes = 64 << 20
    /// Inflated size of a `gzip_bomb` fault that gives none: 1 GiB (about 1 MB on the wire).
    public static let defaultInflatedBytes = 1 << 30
}
