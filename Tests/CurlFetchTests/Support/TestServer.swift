import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A request as the test server saw it.
struct RecordedRequest: Sendable {
    var path: String
    var host: String
    var headers: [String: String]
    var receivedAt: ContinuousClock.Instant
    var remotePort: Int?
}

/// What the test server saw: every request, and the most requests in flight at once, per host.
final class RequestLog: Sendable {
    private struct State {
        var requests: [RecordedRequest] = []
        var inFlight: [String: Int] = [:]
        var maxInFlight: [String: Int] = [:]
        var maxInFlightOverall = 0
    }

    private let state = Mutex(State())

    var requests: [RecordedRequest] { state.withLock { $0.requests } }
    var maxInFlightOverall: Int { state.withLock { $0.maxInFlightOverall } }

    func maxInFlight(host: String) -> Int { state.withLock { $0.maxInFlight[host] ?? 0 } }

    func requests(path: String) -> [RecordedRequest] { requests.filter { $0.path == path } }

    func begin(_ request: RecordedRequest) {
        state.withLock { state in
            state.requests.append(request)
            state.inFlight[request.host, default: 0] += 1
            state.maxInFlight[request.host] = max(state.maxInFlight[request.host] ?? 0, state.inFlight[request.host]!)
            let overall = state.inFlight.values.reduce(0, +)
            state.maxInFlightOverall = max(state.maxInFlightOverall, overall)
        }
    }

    func end(host: String) {
        state.withLock { $0.inFlight[host, default: 1] -= 1 }
    }
}

/// Request context that remembers the client's port, to tell connections apart.
struct TestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remotePort: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remotePort = source.channel.remoteAddress?.port
    }
}

/// Records each request's arrival, host and headers, and tracks how many are in flight.
struct RecordingMiddleware: RouterMiddleware {
    typealias Context = TestContext
    let log: RequestLog

    func handle(
        _ request: Request,
        context: TestContext,
        next: (Request, TestContext) async throws -> Response
    ) async throws -> Response {
        let authority = request.head.authority ?? ""
        let host = authority.split(separator: ":").first.map(String.init) ?? authority
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName.lowercased()] = field.value
        }
        log.begin(
            RecordedRequest(
                path: request.uri.path,
                host: host,
                headers: headers,
                receivedAt: .now,
                remotePort: context.remotePort
            )
        )
        defer { log.end(host: host) }
        return try await next(request, context)
    }
}

/// A Hummingbird server on 127.0.0.1 and an ephemeral port, for one test.
struct TestServer: Sendable {
    let port: Int
    let log: RequestLog

    func url(_ path: String, host: String = "127.0.0.1") -> String {
        "http://\(host):\(port)\(path)"
    }

    /// Runs `body` against a server whose routes `routes` adds, then stops the server.
    static func with<T: Sendable>(
        routes: (Router<TestContext>) -> Void,
        _ body: (TestServer) async throws -> T
    ) async throws -> T {
        let log = RequestLog()
        let router = Router(context: TestContext.self)
        router.add(middleware: RecordingMiddleware(log: log))
        routes(router)
        var logger = Logger(label: "curlfetch-test-server")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        let serverTask = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            serverTask.cancel()
            throw TestServerError.didNotStart
        }
        let server = TestServer(port: port, log: log)
        do {
            let result = try await body(server)
            serverTask.cancel()
            _ = await serverTask.result
            return result
        } catch {
            serverTask.cancel()
            _ = await serverTask.result
            throw error
        }
    }
}

enum TestServerError: Error {
    case didNotStart
}
