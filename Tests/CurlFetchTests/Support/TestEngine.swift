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
