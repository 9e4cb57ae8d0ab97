public import OCOPCore

/// A response as a pure value: status, headers and a body made of literal bytes and filler runs.
///
/// Builders return this so that every marketplace page can be checked without sockets; the server
/// renders it once per item into shared buffers, and filler runs share one buffer across all pages.
public struct MockResponse: Sendable, Hashable {
    /// One stretch of the body.
    public enum Part: Sendable, Hashable {
        case bytes([UInt8])
        /// `count` bytes of ``PagePadding``.
        case padding(Int)

        public var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .padding(let count): count
            }
        }
    }

    public var status: Int
    public var headers: [HTTPHeaderField]
    public var body: [Part]

    public init(status: Int, headers: [HTTPHeaderField] = [], body: [Part] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response with a JSON body.
    init(status: Int, json: JSONValue, headers: [HTTPHeaderField] = []) {
        self.init(
            status: status,
            headers: [HTTPHeaderField("Content-Type", "application/json; charset=utf-8")] + headers,
            body: [.bytes(json.bytes())]
        )
    }

    /// A response with an HTML body.
    init(status: Int, html: [Part], headers: [HTTPHeaderField] = []) {
        self.init(
            status: status,
            headers: [HTTPHeaderField("Content-Type", "text/html; charset=utf-8")] + headers,
            body: html
        )
    }

    /// The body length in bytes.
    public var contentLength: Int { body.reduce(0) { $0 + $1.count } }

    /// The body with filler expanded.
    public var bodyBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(contentLength)
        for part in body {
            switch part {
            case .bytes(let literal): bytes.append(contentsOf: literal)
            case .padding(let count): bytes.append(contentsOf: PagePadding.bytes(count: count))
            }
        }
        return bytes
    }

    /// The body decoded as UTF-8 (invalid sequences replaced), for tests and logs.
    public var bodyText: String { String(decoding: bodyBytes, as: UTF8.self) }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

extension Array where Element == MockResponse.Part {
    /// Appends literal text.
    mutating func append(_ text: String) { append(MockResponse.Part.bytes([UInt8](text.utf8))) }
}
