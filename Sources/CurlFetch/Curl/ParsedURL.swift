internal import CCurlShim

/// The parts of a URL the engine's policies look at, read with libcurl's own URL parser so that
/// the checks see exactly what libcurl will connect to.
struct ParsedURL: Sendable, Hashable {
    /// Lower-cased scheme.
    var scheme: String
    /// Lower-cased host without IPv6 brackets; empty for `file:` URLs.
    var host: String
    /// The path, percent-decoded (used for `file:` URLs).
    var path: String

    var isHTTP: Bool { scheme == "http" || scheme == "https" }

    /// Parses `string` or throws `FetchError.invalidURL`.
    init(_ string: String) throws(FetchError) {
        guard let handle = curl_url() else {
            throw .invalidURL(url: string, detail: "libcurl could not allocate a URL handle")
        }
        defer { curl_url_cleanup(handle) }
        let status = curl_url_set(handle, CURLUPART_URL, string, 0)
        guard status == CURLUE_OK else {
            throw .invalidURL(url: string, detail: String(cString: curl_url_strerror(status)))
        }
        scheme = Self.part(CURLUPART_SCHEME, of: handle, flags: 0)?.lowercased() ?? ""
        var host = Self.part(CURLUPART_HOST, of: handle, flags: 0)?.lowercased() ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        self.host = host
        path = Self.part(CURLUPART_PATH, of: handle, flags: UInt32(CURLU_URLDECODE)) ?? "/"
    }

    private static func part(_ part: CURLUPart, of handle: OpaquePointer, flags: UInt32) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, part, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
