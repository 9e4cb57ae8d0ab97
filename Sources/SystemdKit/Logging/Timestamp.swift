#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wall-clock timestamps for log records, without Foundation.
enum Timestamp {
    /// `2025-03-01T02:03:04.567Z`: RFC 3339 in UTC with milliseconds, for machine-read logs.
    static func utc() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return format(parts, "%Y-%m-%dT%H:%M:%S") + "." + milliseconds(now) + "Z"
    }

    /// `2025-03-01 09:03:04.567 +0700`: local time for a person at a terminal.
    static func local() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        localtime_r(&seconds, &parts)
        return format(parts, "%Y-%m-%d %H:%M:%S") + "." + milliseconds(now) + format(parts, " %z")
    }

    private static func milliseconds(_ time: timespec) -> String {
        let value = Int(time.tv_nsec) / 1_000_000
        return value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
    }

    private static func format(_ parts: tm, _ pattern: String) -> String {
        var parts = parts
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
