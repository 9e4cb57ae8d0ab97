/// One request handed to the loop: a single URL, no redirects followed, no retries.
struct Hop: Sendable {
    var url: String
    var headers: [FetchHeader]
    var bodyLimit: Int
    /// The host budget this request counts against (see `Configuration.hostPolicy(for:)`).
    var pacingKey: String
    var hostPolicy: HostPolicy
}

/// What one hop brought back.
struct HopResult: Sendable {
    var status: Int
    /// Lower-cased names, of the last response only (not of a 100 Continue or similar).
    var headers: [FetchHeader]
    var body: [UInt8]
    /// Where a 3xx pointed, resolved against the request URL by libcurl.
    var redirectURL: String?
    /// Connections libcurl had to open for this hop (0 when one was reused).
    var newConnections: Int

    func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }
}
