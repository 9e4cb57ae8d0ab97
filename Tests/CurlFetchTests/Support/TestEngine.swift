import CurlFetch

#if canImport(Glibc)
    import Glibc
#endif

extension FetchEngine.Configuration {
    /// A configuration for loopback tests: private addresses allowed, no pacing, fast retries.
    static func forTests(
        maxConcurrency: Int = 8,
        hostPolicy: HostPolicy = HostPolicy(maxConcurrentRequests: 8, minimumInterval: .zero),
        retry: RetryPolicy = RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(10)),
        totalTimeout: Duration = .seconds(10)
    ) -> Self {
        FetchEngine.Configuration(
            softwareVersion: "0.0.1-test",
            operatorContact: "ops@example.invalid",
            totalTimeout: totalTimeout,
            maxConcurrency: maxConcurrency,
            hostPolicy: hostPolicy,
            retry: retry,
            allowPrivateAddresses: true
        )
    }
}

/// Runs `body` with a fresh engine, and shuts it down afterwards whatever happens.
func withEngine<T: Sendable>(
    _ configuration: FetchEngine.Configuration,
    _ body: (FetchEngine) async throws -> T
) async throws -> T {
    let engine = try FetchEngine(configuration: configuration)
    do {
        let result = try await body(engine)
        await engine.shutdown()
        return result
    } catch {
        await engine.shutdown()
        throw error
    }
}

/// Runs a fetch and returns its error, or nil when it succeeded.
func fetchError(_ engine: FetchEngine, _ request: FetchRequest) async -> FetchError? {
    do {
        _ = try await engine.fetch(request)
        return nil
    } catch {
        return error
    }
}

/// A loopback port nothing listens on: bound, then closed.
func unusedLoopbackPort() -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
    }
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
