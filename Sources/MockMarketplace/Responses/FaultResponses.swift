import OCOPCore

/// Responses for the faults that replace a marketplace's answer, as pure values.
///
/// The faults that act on the connection itself (`reset`, `truncate`, `stall`) have no response
/// value: the server drives them on the socket.
public enum FaultResponses {
    /// How a route's error bodies look.
    public enum BodyStyle: Sendable, Hashable {
        case json
        case html
    }

    /// An error status with a small body in the route's style and an optional `Retry-After` (seconds).
    public static func status(_ code: Int, retryAfter: Int?, style: BodyStyle) -> MockResponse {
        let reason = reasonPhrase(code)
        let headers = retryAfter.map { [HTTPHeaderField("Retry-After", String($0))] } ?? []
        switch style {
        case .json:
            let body: JSONValue = ["error": ["code": .int(code), "message": .string(reason)]]
            return MockResponse(status: code, json: body, headers: headers)
        case .html:
            return MockResponse(
                status: code,
                html: [.bytes(Array(Self.page(title: "\(code) \(reason)", body: "<h1>\(code) \(reason)</h1>").utf8))],
                headers: headers
            )
        }
    }

    /// A redirect to `location`.
    public static func redirect(to location: String, status: Int) -> MockResponse {
        MockResponse(
            status: status,
            headers: [.init("Location", location), .init("Content-Type", "text/html; charset=utf-8")],
            body: [.bytes(Array(Self.page(title: "Redirecting", body: Self.link(to: location)).utf8))]
        )
    }

    /// A 200 HTML answer of exactly `bytes` bytes of filler.
    public static func hugeBody(bytes: Int) -> MockResponse {
        MockResponse(status: 200, html: [.padding(bytes)])
    }

    /// A 200 answer whose `Content-Encoding: gzip` body inflates to `inflatedBytes` zero bytes.
    public static func gzipBomb(inflatedBytes: Int) -> MockResponse {
        MockResponse(
            status: 200,
            headers: [.init("Content-Type", "text/html; charset=utf-8"), .init("Content-Encoding", "gzip")],
            body: [.bytes(GzipBomb.body(inflatedBytes: inflatedBytes))]
        )
    }

    /// The bytes spliced in by an `invalid_utf8` fault: a lead byte with an ASCII follower, then two
    /// bytes that never occur in UTF-8.
    public static let invalidUTF8Sequence: [UInt8] = [0xC3, 0x28, 0xFF, 0xFE]

    /// `response` with ``invalidUTF8Sequence`` spliced in right after the first occurrence of `title`
    /// (raw or HTML-escaped), so strict decoders fail while the rest of the document stays intact;
    /// at the start of the body when the title does not occur.
    public static func invalidUTF8(_ response: MockResponse, title: String?) -> MockResponse {
        var corrupted = response
        let needles = [title, title.map(HTMLText.escape)].compactMap { $0 }.filter { !$0.isEmpty }
            .map { Array($0.utf8) }
        for needle in needles {
            for (index, part) in corrupted.body.enumerated() {
                guard case .bytes(var bytes) = part, let end = bytes.endOfFirstOccurrence(of: needle) else { continue }
                bytes.insert(contentsOf: invalidUTF8Sequence, at: end)
                corrupted.body[index] = .bytes(bytes)
                return corrupted
            }
        }
        corrupted.body.insert(.bytes(invalidUTF8Sequence), at: 0)
        return corrupted
    }

    /// A minimal HTML document.
    static func page(title: String, body: String) -> String {
        "<html><head><title>\(title)</title></head><body>\(body)</body></html>\n"
    }

    /// A link whose text is its target.
    static func link(to location: String) -> String {
        let escaped = HTMLText.escape(location)
        return "<a href=\"\(escaped)\">\(escaped)</a>"
    }

    static func reasonPhrase(_ code: Int) -> String {
        switch code {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Error"
        }
    }
}

extension Array where Element == UInt8 {
    /// The index just past the first occurrence of `needle`.
    fileprivate func endOfFirstOccurrence(of needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= count else { return nil }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if self[start..<(start + needle.count)].elementsEqual(needle) { return start + needle.count }
        }
        return nil
    }
}
