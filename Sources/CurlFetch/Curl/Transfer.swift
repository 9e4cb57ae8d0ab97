internal import CCurlShim

/// The state of one hop between `fetch` and the loop thread.
///
/// `@unchecked Sendable` under one rule: the fetching task creates it and hands it over in
/// `EngineCore.submit`, under the lock; from then on only the loop thread touches it, until the
/// loop (or a canceller that takes it back out of the submission list, under the lock) resumes
/// the continuation, exactly once. libcurl callbacks reach it through `Unmanaged` pointers while
/// the loop's `running` dictionary keeps it alive.
final class Transfer: @unchecked Sendable {
    typealias Continuation = CheckedContinuation<Result<HopResult, FetchError>, Never>

    let id: UInt64
    let hop: Hop
    /// Where the body's buffer comes from.
    private let bodies: BodyPool
    private var continuation: Continuation?
    private(set) var body: [UInt8] = []
    private(set) var headers = ResponseHeaderParser()
    /// Set by the body callback when the body grew past `hop.bodyLimit`.
    private(set) var exceededBodyLimit = false
    /// Set by the open-socket callback when it refused a non-public address.
    var refusedAddress: String?
    /// The `curl_slist` of request headers; libcurl does not copy it.
    var headerList: UnsafeMutablePointer<curl_slist>?
    /// libcurl's `CURLOPT_ERRORBUFFER`.
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(id: UInt64, hop: Hop, bodies: BodyPool) {
        self.id = id
        self.hop = hop
        self.bodies = bodies
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        releaseHeaderList()
        errorBuffer.deallocate()
    }

    /// Must be called once, before the transfer is submitted.
    func attach(_ continuation: Continuation) {
        self.continuation = continuation
    }

    func resume(with result: Result<HopResult, FetchError>) {
        continuation?.resume(returning: result)
        continuation = nil
    }

    /// Appends body bytes; returns false (abort) when they would pass the limit.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= hop.bodyLimit else {
            exceededBodyLimit = true
            return false
        }
        if body.isEmpty {
            if body.capacity == 0 {
                body = bodies.take()
            }
            if let declared = headers.contentLength {
                // One allocation for the whole body; a compressed or wrong length only costs a regrowth.
                body.reserveCapacity(min(declared, hop.bodyLimit))
            }
        }
        body.append(contentsOf: bytes)
        return true
    }

    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        headers.consume(line: bytes)
    }

    /// Hands the body over without copying it.
    func takeBody() -> [UInt8] {
        defer { body = [] }
        return body
    }

    var errorMessage: String {
        errorBuffer[0] == 0 ? "" : String(cString: errorBuffer)
    }

    func releaseHeaderList() {
        if let headerList {
            curl_slist_free_all(headerList)
        }
        headerList = nil
    }
}
