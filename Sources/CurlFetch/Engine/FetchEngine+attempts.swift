extension FetchEngine {
    /// Requests one URL until it succeeds, fails for good, or runs out of attempts.
    ///
    /// - Parameter attemptsBefore: Attempts spent on the earlier hops of the same fetch: the
    ///   retry budget is the fetch's, so a chain of redirects, each answered 503 first, does not
    ///   multiply it.
    /// - Parameter crawlDelay: The site's `robots.txt` pause between requests: the host is paced
    ///   at it when it is longer than the host's own `minimumInterval`.
    /// - Returns: The last response and how many attempts the fetch has taken so far.
    func fetchRetrying(
        url: String,
        host: String,
        request: FetchRequest,
        attemptsBefore: Int,
        crawlDelay: Duration = .zero
    ) async throws(FetchError) -> (HopResult, Int) {
        let (pacingKey, ownPolicy) = configuration.hostPolicy(for: host)
        var hostPolicy = ownPolicy
        hostPolicy.minimumInterval = max(ownPolicy.minimumInterval, crawlDelay)
        let hop = Hop(
            url: url,
            headers: requestHeaders(for: url, request: request),
            bodyLimit: request.maxBodyBytes ?? configuration.maxBodyBytes,
            pacingKey: pacingKey,
            hostPolicy: hostPolicy
        )
        var attempt = attemptsBefore + 1
        while true {
            let delay: Duration
            switch await perform(hop) {
            case .success(let result):
                guard RetryPolicy.isRetryable(status: result.status) else { return (result, attempt) }
                let retryAfter = result.header("retry-after").flatMap {
                    RetryAfter.parse($0, now: WallClock.serverNow(headers: result.headers))
                }
                let jitter = Double.random(in: 0..<1)
                guard let next = configuration.retry.delay(attempt: attempt, retryAfter: retryAfter, jitter: jitter)
                else { return (result, attempt) }
                delay = next
            case .failure(let error):
                let jitter = Double.random(in: 0..<1)
                guard error.isTransient,
                    let next = configuration.retry.delay(attempt: attempt, retryAfter: nil, jitter: jitter)
                else { throw error }
                delay = next
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw .cancelled(url: url)
            }
            attempt += 1
            core.record { $0.retries += 1 }
        }
    }

    /// The caller's headers without `User-Agent` (the engine's own always goes out), plus the
    /// remembered validators unless the caller sent its own or opted out.
    private func requestHeaders(for url: String, request: FetchRequest) -> [FetchHeader] {
        // Copied only when there is a header to drop: a pass builds every request's headers.
        var headers = request.headers
        if headers.contains(where: { $0.isNamed("user-agent") }) {
            headers.removeAll { $0.isNamed("user-agent") }
        }
        let callerIsConditional = headers.contains { $0.isNamed("if-none-match") || $0.isNamed("if-modified-since") }
        if configuration.conditionalRequests && request.allowsConditional && !callerIsConditional {
            headers += core.conditionalHeaders(for: url)
        }
        return headers
    }

    /// Runs one hop on the loop thread; cancelling the task removes it from libcurl.
    private func perform(_ hop: Hop) async -> Result<HopResult, FetchError> {
        let transfer = Transfer(id: core.makeTransferID(), hop: hop, bodies: core.bodies)
        let id = transfer.id
        let core = self.core
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.attach(continuation)
                core.submit(transfer)
            }
        } onCancel: {
            core.cancel(id: id)
        }
    }
}
