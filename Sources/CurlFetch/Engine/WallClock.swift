internal import CCurlShim

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Wall-clock time, needed only to turn a `Retry-After` HTTP-date into a wait.
enum WallClock {
    /// The server's idea of now (its `Date` header) when it sent one, else this machine's, so
    /// that clock skew between the two does not distort a `Retry-After` date.
    static func serverNow(headers: [FetchHeader]) -> Int {
        if let date = headers.first(where: { $0.name == "date" })?.value {
            let parsed = curl_getdate(date, nil)
            if parsed != -1 { return Int(parsed) }
        }
        return Int(time(nil))
    }
}
