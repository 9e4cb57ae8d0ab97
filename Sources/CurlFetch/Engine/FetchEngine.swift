internal import CCurlShim

/// Fetches marketplace pages and feeds over libcurl's multi interface, politely and within limits.
///
/// One multi handle is owned by one dedicated OS thread that loops `curl_multi_perform`,
/// `curl_multi_info_read` and `curl_multi_poll`. `fetch` only enqueues a transfer under a lock and
/// wakes that thread with `curl_multi_wakeup`, so any number of tasks can fetch at once while
/// libcurl itself is only ever touched from one thread. Connections are kept alive and shared
/// (HTTP/2 multiplexing where a server offers it), bodies are decompressed, and each host gets a
/// politeness budget (``HostPolicy``).
///
/// Redirects, retries and conditional requests are decided here, in plain Swift, one hop at a
/// time; see `docs/0002-fetch-engine.md` for the rules.
///
/// Call ``shutdown()`` before the process exits: it fails what is still in flight with
/// `FetchError.shutdown` and stops the thread.
public final class FetchEngine: Sendable {
    private static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    public let configuration: Configuration
    let core: EngineCore

    /// Starts the engine's thread.
    ///
    /// - Parameter configuration: Checked now, so that a bad CA path or feed directory is
    ///   reported at start-up, not on the first request.
    public init(configuration: Configuration) throws(FetchConfigurationError) {
        try CurlRuntime.initialize()
        let fileDirectories = try configuration.validated()
        guard let multi = MultiHandle() else {
            throw FetchConfigurationError(field: "libcurl", message: "curl_multi_init failed")
        }
        let largestHostBudget =
            ([configuration.hostPolicy] + configuration.hostOverrides.values)
            .map(\.maxConcurrentRequests).max() ?? 1
        multi.set(CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.maxConcurrency)
        multi.set(CURLMOPT_MAX_HOST_CONNECTIONS, min(largestHostBudget, configuration.maxConcurrency))
        multi.set(CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let core = EngineCore(configuration: configuration, fileDirectories: fileDirectories, multi: multi)
        guard LoopThread.start(name: "ocw-fetch", { FetchLoop(core: core).run() }) else {
            curl_multi_cleanup(multi.raw)
            throw FetchConfigurationError(field: "maxConcurrency", message: "could not start the fetch thread")
        }
        self.configuration = configuration
        self.core = core
    }

    deinit {
        core.requestShutdown(waiter: nil)
    }

    /// The libcurl in use, e.g. `7.88.1`, for the start-up log line.
    public static var libcurlVersion: String { CurlRuntime.version }

    /// The executor for tasks that fetch and then work on what they fetched
    /// (`group.addTask(executorPreference: engine.taskExecutor)`): such a task goes on, after each
    /// response, on the engine's own thread instead of being handed to the cooperative pool.
    ///
    /// Worth it when the work on a response is short, as classifying a page is: a hand-off
    /// between threads per response cost more than the work (docs/0012, fourteenth round). Each
    /// turn of the engine's loop runs such work for at most a millisecond and hands the rest to
    /// the global concurrent executor; work that is long by nature (parsing a whole feed) belongs
    /// elsewhere. Whatever is not resumed by the engine, and everything after ``shutdown()``,
    /// runs on the global concurrent executor.
    public var taskExecutor: any TaskExecutor { core.executor }

    /// Totals since start: requests, transfers, retries, new connections, bytes.
    public var statistics: Statistics { core.statistics }

    /// Fails what is still queued or running with `FetchError.shutdown`, stops the loop thread
    /// and frees libcurl's handles. Later fetches fail with `.shutdown`. Safe to call twice.
    public func shutdown() async {
        await withCheckedContinuation { continuation in
            core.requestShutdown(waiter: continuation)
        }
    }

    /// Hands back a response's body once it has been read, so that a later transfer fills the
    /// same memory instead of allocating its own.
    ///
    /// Optional, and only worth it on a hot path: a body allocated on the engine's thread and
    /// freed on another makes both threads wait on the allocator's lock (`BodyPool`).
    public func reuseBody(_ body: consuming [UInt8]) {
        core.bodies.giveBack(body)
    }

    /// Fetches a URL: follows redirects, retries transient failures, honours the host budgets.
    ///
    /// Any HTTP status comes back as a response (after retries, for 429 and 5xx); only failures
    /// to get a response at all throw.
    ///
    /// - Parameter request: What to fetch and the restrictions that apply to it.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let clock = ContinuousClock()
        let start = clock.now
        core.record { $0.requests += 1 }
        do {
            var response = try await fetchFollowingRedirects(request)
            response.elapsed = clock.now - start
            if response.notModified {
                core.record { $0.notModified += 1 }
            }
            return response
        } catch {
            core.record { $0.failures += 1 }
            throw error
        }
    }

    private func fetchFollowingRedirects(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        if let header = request.headers.first(where: { !$0.isWellFormed }) {
            throw .invalidHeader(url: request.url, name: header.name)
        }
        var url = request.url
        var target = try ParsedURL(url)
        if target.scheme == "file" {
            return try readFeedFile(request, path: target.path)
        }
        guard target.isHTTP else {
            throw .invalidURL(url: url, detail: "scheme \(target.scheme) is not fetched; use http or https")
        }
        try checkHost(target.host, for: request, url: url)
        var redirects = 0
        var attempts = 0
        while true {
            var crawlDelay = Duration.zero
            if configuration.obeysRobotsTxt, !request.isFeed {
                crawlDelay = try await checkRobots(url)
            }
            let hop: HopResult
            (hop, attempts) = try await fetchRetrying(
                url: url, host: target.host, request: request, attemptsBefore: attempts, crawlDelay: crawlDelay)
            if Self.redirectStatuses.contains(hop.status), let location = hop.redirectURL {
                guard redirects < configuration.maxRedirects else {
                    throw .tooManyRedirects(url: request.url, limit: configuration.maxRedirects)
                }
                guard let next = try? ParsedURL(location), Self.mayFollow(from: target, to: next) else {
                    throw .redirectRefused(url: url, to: location)
                }
                try checkHost(next.host, for: request, url: url)
                redirects += 1
                core.record { $0.redirects += 1 }
                url = location
                target = next
                continue
            }
            if configuration.conditionalRequests {
                core.recordValidators(url: url, status: hop.status, headers: hop.headers)
            }
            let notModified = hop.status == 304
            return FetchResponse(
                status: hop.status,
                finalURL: url,
                headers: hop.headers,
                body: notModified ? [] : hop.body,
                attempts: attempts,
                redirectCount: redirects,
                notModified: notModified
            )
        }
    }

    /// Whether a redirect from `current` to `next` is followed: only to http and https, and never
    /// from https down to http, where anyone on the path could answer in the site's name (a
    /// forged "not found" would uncover a product).
    static func mayFollow(from current: ParsedURL, to next: ParsedURL) -> Bool {
        next.isHTTP && !(current.scheme == "https" && next.scheme == "http")
    }

    private func checkHost(_ host: String, for request: FetchRequest, url: String) throws(FetchError) {
        guard let allowed = request.allowedHosts else { return }
        guard allowed.contains(where: { $0.lowercased() == host }) else {
            throw .hostNotAllowed(url: url, host: host)
        }
    }

    private func readFeedFile(_ request: FetchRequest, path: String) throws(FetchError) -> FetchResponse {
        guard request.isFeed else {
            throw .fileNotAllowed(url: request.url, path: path)
        }
        let file = try FeedFile.read(
            url: request.url,
            path: path,
            allowedDirectories: core.fileDirectories,
            limit: request.maxBodyBytes ?? configuration.maxBodyBytes
        )
        core.record { $0.bytesReceived += file.bytes.count }
        // As a web server would say it, so that a feed's age reads the same from a file or a URL.
        let modified = FetchHeader("Last-Modified", HTTPDate.format(secondsSince1970: file.modified))
        return FetchResponse(status: 200, finalURL: request.url, headers: [modified], body: file.bytes)
    }
}
