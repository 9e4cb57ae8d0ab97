/// A completed HTTP exchange as an adapter sees it: status, where redirects ended, headers, body.
///
/// Adapters interpret this as a pure function, so a saved response (`ocop-watch check --file`)
/// gets exactly the verdict a live fetch would.
public struct HTTPResponseSnapshot: Sendable, Hashable {
    public var status: Int
    public var finalURL: String
    /// Header names are lower-cased.
    public var headers: [HTTPHeaderField]
    public var body: [UInt8]

    public init(status: Int, finalURL: String, headers: [HTTPHeaderField] = [], body: [UInt8]) {
        self.status = status
        self.finalURL = finalURL
        self.headers = headers.map { HTTPHeaderField($0.name.lowercased(), $0.value) }
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }
}
