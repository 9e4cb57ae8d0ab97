public import Hummingbird
import NIOCore
public import OCOPCore
public import ServiceLifecycle
import Synchronization

/// A loopback HTTP server that imitates Tiki, Lazada, Shopee, Sendo, TikTok Shop, producers' own
/// websites and seller feeds at their real paths on one port, driven by a ``MockScenario``.
///
/// Adapters are pointed at it by replacing the marketplace's scheme and host with the server's,
/// so tests, the demo and benchmarks exercise the same request and parsing code as production.
/// The scenario can change while the server runs (``update(scenario:)``,
/// ``setState(_:marketplace:itemID:)``), and every request is counted (``stats()``,
/// `GET /_mock/stats`).
///
/// It runs as a ServiceLifecycle `Service` (stopping gracefully with its group), under
/// ``run(onReady:)`` until ``shutdown()``, or in the background for a test:
///
/// ```swift
/// let server = MockMarketplaceServer(scenario: scenario, configuration: .init(pageSizes: .compact))
/// let port = try await server.start()
/// // … fetch http://127.0.0.1:\(port)/api/v2/products/274850011 …
/// await server.stop()
/// ```
public final class MockMarketplaceServer: Service, Sendable {
    public struct Configuration: Sendable {
        /// The address to listen on; keep the loopback default outside of containers.
        public var host: String
        /// The port to listen on; 0 picks a free one, reported by ``port`` and `onReady`.
        public var port: Int
        /// How large successful pages are.
        public var pageSizes: MockPageSizes
        /// The longest a `stall` fault without its own `ms` holds a connection whose client is still there.
        public var stallLimit: Duration
        /// The `Server` header of every response.
        public var serverName: String
        /// Whether successful pages carry an `ETag` and a request naming it in `If-None-Match`
        /// is answered `304 Not Modified`, as many sites do. Off by default, so that every check
        /// reads a whole page.
        public var entityTags: Bool

        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            pageSizes: MockPageSizes = .realistic,
            stallLimit: Duration = .seconds(60),
            serverName: String = "mock-marketplace",
            entityTags: Bool = false
        ) {
            self.host = host
            self.port = port
            self.pageSizes = pageSizes
            self.stallLimit = stallLimit
            self.serverName = serverName
            self.entityTags = entityTags
        }
    }

    public let configuration: Configuration
    let state: MockServerState
    let responder: MockResponder
    private let lifecycle = Mutex(Lifecycle())

    private struct Lifecycle {
        var port: Int?
        var groups: [ObjectIdentifier: ServiceGroup] = [:]
        var tasks: [Task<Void, Never>] = []
    }

    public init(scenario: MockScenario, configuration: Configuration = .init()) {
        self.configuration = configuration
        self.state = MockServerState(scenario: scenario)
        self.responder = MockResponder(
            state: state,
            pageSizes: configuration.pageSizes,
            stallLimit: configuration.stallLimit,
            serverName: configuration.serverName,
            entityTags: configuration.entityTags
        )
    }

    // MARK: Running

    /// The bound port while the server is listening.
    public var port: Int? { lifecycle.withLock { $0.port } }

    /// Serves until ``shutdown()``, a graceful shutdown of the enclosing service group, or cancellation.
    /// - Parameter onReady: Called with the bound port once the server accepts connections.
    public func run(onReady: @escaping @Sendable (Int) async -> Void) async throws {
        let application = makeApplication(onReady: onReady)
        let group = ServiceGroup(services: [application], logger: application.logger)
        let key = ObjectIdentifier(group)
        lifecycle.withLock { $0.groups[key] = group }
        defer {
            lifecycle.withLock { lifecycle in
                lifecycle.groups[key] = nil
                lifecycle.port = nil
            }
        }
        try await group.run()
    }

    /// Serves until ``shutdown()``, a graceful shutdown of the enclosing service group, or cancellation.
    public func run() async throws {
        try await run(onReady: { _ in })
    }

    /// Asks every run in progress to stop gracefully: no new connections, in-flight answers finish,
    /// stalled ones end at once. Returns without waiting for the runs to end.
    public func shutdown() async {
        let groups = lifecycle.withLock { Array($0.groups.values) }
        for group in groups { await group.triggerGracefulShutdown() }
    }

    /// The Hummingbird application behind ``run(onReady:)``, for HummingbirdTesting's `test(.router)`
    /// and `test(.live)`, which bind their own address.
    /// - Parameter onReady: Called with the bound port once the server accepts connections.
    public func makeApplication(
        onReady: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            server: .http1(configuration: .init(additionalChannelHandlers: [PeerCloseObserver()])),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                self.lifecycle.withLock { $0.port = port }
                await onReady(port)
            }
        )
    }

    /// Starts serving in the background and returns the bound port; pair with ``stop()``.
    /// - Parameter executor: Where the server's tasks run; by default the global pool. A test process
    ///   passes threads of its own, so that the server answers while other tests keep the pool busy.
    public func start(on executor: (any TaskExecutor)? = nil) async throws -> Int {
        let ready = ReadyLatch()
        let task = Task(executorPreference: executor) {
            do {
                try await self.run { port in ready.resume(.success(port)) }
                ready.resume(.failure(MockServerError.stoppedBeforeReady))
            } catch {
                ready.resume(.failure(error))
            }
        }
        lifecycle.withLock { $0.tasks.append(task) }
        return try await ready.wait()
    }

    /// Shuts down what ``start()`` started and waits until the port is released.
    public func stop() async {
        let tasks = lifecycle.withLock { lifecycle in
            defer { lifecycle.tasks = [] }
            return lifecycle.tasks
        }
        await shutdown()
        for task in tasks { await task.value }
    }

    // MARK: Scenario

    /// The scenario currently served, with every ``setState(_:marketplace:itemID:)`` applied.
    public var scenario: MockScenario {
        get async { state.scenario }
    }

    /// Replaces the scenario for the following requests. Fault counters (`first`, `ratio`) restart;
    /// request statistics do not.
    public func update(scenario: MockScenario) async {
        state.update(scenario: scenario)
    }

    /// Sets one item's state for the following requests, adding the item if the scenario lacks it.
    public func setState(_ state: MockItemState, marketplace: MarketplaceID, itemID: String) async {
        self.state.setState(state, marketplace: marketplace, itemID: itemID)
    }

    // MARK: Statistics

    /// Requests answered for a marketplace (`feed` counts the feed routes).
    public func requestCount(marketplace: MarketplaceID) async -> Int {
        state.stats.marketplaces[marketplace.rawValue] ?? 0
    }

    /// Requests answered for one item.
    public func requestCount(marketplace: MarketplaceID, itemID: String) async -> Int {
        state.stats.items["\(marketplace.rawValue)/\(itemID)"] ?? 0
    }

    /// Everything counted so far.
    public func stats() async -> MockRequestStats {
        state.stats
    }

    /// Zeroes the request statistics and the per-item attempt counters.
    public func resetStats() async {
        state.resetStats()
    }
}

/// Why the server could not be started.
public enum MockServerError: Error, Sendable, CustomStringConvertible {
    /// The server stopped (cancelled or failed without an error) before it accepted connections.
    case stoppedBeforeReady

    public var description: String {
        switch self {
        case .stoppedBeforeReady: "the mock marketplace server stopped before it was ready; check the host and port"
        }
    }
}

/// Hands the bound port (or the startup failure) from the server task to ``MockMarketplaceServer/start()``, once.
private final class ReadyLatch: Sendable {
    private enum State {
        case waiting(CheckedContinuation<Int, any Error>?)
        case resolved(Result<Int, any Error>)
    }

    private let state = Mutex(State.waiting(nil))

    func resume(_ result: Result<Int, any Error>) {
        let continuation: CheckedContinuation<Int, any Error>? = state.withLock { state in
            guard case .waiting(let continuation) = state else { return nil }
            state = .resolved(result)
            return continuation
        }
        continuation?.resume(with: result)
    }

    func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let resolved: Result<Int, any Error>? = state.withLock { state in
                switch state {
                case .waiting:
                    state = .waiting(continuation)
                    return nil
                case .resolved(let result):
                    return result
                }
            }
            if let resolved { continuation.resume(with: resolved) }
        }
    }
}
