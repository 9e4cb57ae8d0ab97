/// A request an adapter wants made. The fetch engine owns *how* (pacing, retries, caching);
/// the adapter only says *what*.
public struct HTTPRequestPlan: Sendable, Hashable {
    public var url: String
    public var headers: [HTTPHeaderField]

    public init(url: String, headers: [HTTPHeaderField] = []) {
        self.url = url
        self.headers = headers
    }
}

/// One request or response header, kept in order (a dictionary loses duplicates and order).
public struct HTTPHeaderField: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
