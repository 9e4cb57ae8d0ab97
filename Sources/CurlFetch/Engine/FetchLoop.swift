internal import CCurlShim

/// The thin driver around libcurl: owns the multi handle and every easy handle, and runs on one
/// dedicated thread until shutdown.
///
/// Each turn: take new transfers and cancellations from the inbox, start what the admission queue
/// allows, `curl_multi_perform`, collect finished transfers, then `curl_multi_poll` until a socket
/// is ready, libcurl has a timer due, pacing lets a waiting transfer start, or another thread
/// calls `curl_multi_wakeup`. Not `Sendable`: it is created on the loop thread and never leaves it.
final class FetchLoop {
    /// The longest a poll sleeps, so that a lost wakeup costs at most this much.
    private static let maximumPollMilliseconds: Int32 = 1000
    /// How long one turn may run the tasks it resumed before handing the rest to the pool: the
    /// sockets wait meanwhile. A check of a 130 KB page takes 20–50 µs in a release build.
    private static let jobBudget: Duration = .milliseconds(1)
    private static let pruneInterval: Duration = .seconds(5)

    private let core: EngineCore
    private let multi: MultiHandle
    private let configuration: FetchEngine.Configuration
    /// Built once: every transfer sends it.
    private let userAgent: String
    private var admission: AdmissionQueue<UInt64>
    /// Submitted and waiting for admission.
    private var waiting: [UInt64: Transfer] = [:]
    /// Added to the multi handle; keeps each transfer alive while libcurl holds its pointer.
    private var running: [UInt64: (transfer: Transfer, easy: EasyHandle)] = [:]
    /// Reset easy handles ready for the next transfer.
    private var idleHandles: [EasyHandle] = []
    private var lastPrune = ContinuousClock.now

    init(core: EngineCore) {
        self.core = core
        multi = core.multi
        configuration = core.configuration
        userAgent = core.configuration.userAgent
        admission = AdmissionQueue(maxConcurrency: core.configuration.maxConcurrency)
    }

    func run() {
        core.executor.loopStarted()
        while true {
            let inbox = core.takeInbox()
            for transfer in inbox.submissions {
                waiting[transfer.id] = transfer
                admission.enqueue(transfer.id, key: transfer.hop.pacingKey, policy: transfer.hop.hostPolicy)
            }
            for id in inbox.cancellations {
                cancel(id)
            }
            if inbox.isShuttingDown {
                break
            }
            startAdmitted()
            var stillRunning: Int32 = 0
            curl_multi_perform(multi.raw, &stillRunning)
            collectFinished()
            // The tasks just resumed go on here: they interpret their responses and submit
            // their next requests, which the next turn starts.
            core.executor.runPending(budget: Self.jobBudget)
            startAdmitted()
            pruneIfDue()
            if core.prepareToPoll() {
                curl_multi_poll(multi.raw, nil, 0, pollTimeout(), nil)
                core.finishedPolling()
            }
        }
        stop()
    }

    // MARK: Starting

    private func startAdmitted() {
        let now = ContinuousClock.now
        for (id, key) in admission.admit(now: now) {
            guard let transfer = waiting.removeValue(forKey: id) else {
                admission.finish(key: key)
                continue
            }
            var failure = CURLE_OK
            guard let easy = idleHandles.popLast() ?? newHandle(failure: &failure) else {
                admission.finish(key: transfer.hop.pacingKey)
                core.retire(transfer, with: .failure(FetchError(code: failure, transfer: transfer)))
                continue
            }
            let configured = configure(easy, for: transfer)
            guard configured == CURLE_OK else {
                recycle(easy)
                admission.finish(key: transfer.hop.pacingKey)
                core.retire(transfer, with: .failure(FetchError(code: configured, transfer: transfer)))
                continue
            }
            let added = curl_multi_add_handle(multi.raw, easy.raw)
            guard added == CURLM_OK else {
                recycle(easy)
                admission.finish(key: transfer.hop.pacingKey)
                let message = String(cString: curl_multi_strerror(added))
                core.retire(transfer, with: .failure(.curl(url: transfer.hop.url, code: -1, message: message)))
                continue
            }
            running[id] = (transfer, easy)
            core.record { $0.transfers += 1 }
        }
    }

    /// libcurl's receive buffer per transfer (default 16 KiB): a 130 KB page then takes two
    /// `recv` calls and body callbacks instead of eight.
    static let receiveBufferBytes = 64 << 10

    /// Sets the options every transfer of this engine shares, once per easy handle: a reused
    /// handle keeps them (it is never reset), so a transfer sets only its own few.
    ///
    /// libcurl copies each string option, so setting all of them per transfer cost a dozen
    /// allocations and frees on the loop thread for every request (docs/0012, sixth round).
    private func configureShared(_ easy: EasyHandle) -> CURLcode {
        var code = CURLE_OK
        func set(_ result: CURLcode) {
            if code == CURLE_OK { code = result }
        }
        set(easy.set(CURLOPT_NOSIGNAL, 1))
        set(easy.set(CURLOPT_WRITEFUNCTION, callback: CurlCallbacks.body))
        set(easy.set(CURLOPT_HEADERFUNCTION, callback: CurlCallbacks.header))
        set(easy.set(CURLOPT_FOLLOWLOCATION, 0))
        set(easy.set(CURLOPT_PROTOCOLS_STR, "http,https"))
        set(easy.set(CURLOPT_USERAGENT, userAgent))
        set(easy.set(CURLOPT_ACCEPT_ENCODING, ""))
        set(easy.set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.roundedUpMilliseconds))
        set(easy.set(CURLOPT_TIMEOUT_MS, configuration.totalTimeout.roundedUpMilliseconds))
        set(easy.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
        set(easy.set(CURLOPT_PIPEWAIT, 1))
        set(easy.set(CURLOPT_TCP_KEEPALIVE, 1))
        set(easy.set(CURLOPT_BUFFERSIZE, Self.receiveBufferBytes))
        set(easy.set(CURLOPT_SSL_VERIFYPEER, 1))
        set(easy.set(CURLOPT_SSL_VERIFYHOST, 2))
        set(easy.set(CURLOPT_PROXY, configuration.proxyURL ?? ""))
        // "" overrides no_proxy/NO_PROXY from the environment: with a proxy, the address check
        // is left to it, so a host sent around it would be checked by no one.
        set(easy.set(CURLOPT_NOPROXY, ""))
        if let caBundlePath = configuration.caBundlePath {
            set(easy.set(CURLOPT_CAINFO, caBundlePath))
        }
        if checksAddresses {
            set(ocw_curl_easy_setopt_opensocket_callback(easy.raw, CurlCallbacks.openSocket))
        }
        return code
    }

    /// A new easy handle with the shared options set, or `nil` and why not.
    private func newHandle(failure: inout CURLcode) -> EasyHandle? {
        guard let easy = EasyHandle() else {
            failure = CURLE_FAILED_INIT
            return nil
        }
        failure = configureShared(easy)
        guard failure == CURLE_OK else {
            easy.cleanup()
            return nil
        }
        return easy
    }

    /// Whether the open-socket callback refuses non-public addresses.
    private var checksAddresses: Bool {
        !configuration.allowPrivateAddresses && configuration.proxyURL == nil
    }

    /// Sets the options of one hop, on a handle ``configureShared(_:)`` prepared. Every option a
    /// transfer sets is set for every transfer, so nothing of the previous one carries over.
    /// Redirects are never followed by libcurl: `fetch` follows them itself so that each target
    /// passes the same checks as the first URL.
    private func configure(_ easy: EasyHandle, for transfer: Transfer) -> CURLcode {
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in transfer.hop.headers {
            let line = "\(header.name): \(header.value)"
            guard let appended = line.withCString({ curl_slist_append(headerList, $0) }) else {
                if let headerList { curl_slist_free_all(headerList) }
                return CURLE_OUT_OF_MEMORY
            }
            headerList = appended
        }
        transfer.headerList = headerList
        var code = CURLE_OK
        func set(_ result: CURLcode) {
            if code == CURLE_OK { code = result }
        }
        set(easy.set(CURLOPT_URL, transfer.hop.url))
        set(easy.set(CURLOPT_PRIVATE, pointer: context))
        set(easy.set(CURLOPT_WRITEDATA, pointer: context))
        set(easy.set(CURLOPT_HEADERDATA, pointer: context))
        set(easy.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(transfer.errorBuffer)))
        set(easy.set(CURLOPT_HTTPHEADER, pointer: headerList.map { UnsafeMutableRawPointer($0) }))
        set(easy.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(transfer.hop.bodyLimit)))
        if checksAddresses {
            set(easy.set(CURLOPT_OPENSOCKETDATA, pointer: context))
        }
        return code
    }

    // MARK: Finishing

    private func collectFinished() {
        var raw: UnsafeMutableRawPointer?
        var code = CURLE_OK
        while ocw_curl_multi_next_done(multi.raw, &raw, &code) != 0 {
            guard let raw, let pointer = EasyHandle(raw: raw).pointer(CURLINFO_PRIVATE) else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(pointer).takeUnretainedValue()
            guard let (_, easy) = running.removeValue(forKey: transfer.id) else { continue }
            curl_multi_remove_handle(multi.raw, easy.raw)
            let result = outcome(of: transfer, easy: easy, code: code)
            recycle(easy)
            admission.finish(key: transfer.hop.pacingKey)
            if case .success(let hop) = result {
                pauseHostIfAsked(by: hop, key: transfer.hop.pacingKey, policy: transfer.hop.hostPolicy)
            }
            core.retire(transfer, with: result)
        }
    }

    private func outcome(of transfer: Transfer, easy: EasyHandle, code: CURLcode) -> Result<HopResult, FetchError> {
        transfer.releaseHeaderList()
        guard code == CURLE_OK else {
            return .failure(FetchError(code: code, transfer: transfer))
        }
        return .success(
            HopResult(
                status: easy.long(CURLINFO_RESPONSE_CODE) ?? 0,
                headers: transfer.headers.fields,
                body: transfer.takeBody(),
                redirectURL: easy.string(CURLINFO_REDIRECT_URL),
                newConnections: easy.long(CURLINFO_NUM_CONNECTS) ?? 0
            )
        )
    }

    /// A 429 or 503 with `Retry-After` holds every request to that host, not just the one retried.
    private func pauseHostIfAsked(by hop: HopResult, key: String, policy: HostPolicy) {
        guard hop.status == 429 || hop.status == 503, let value = hop.header("retry-after"),
            let delay = RetryAfter.parse(value, now: WallClock.serverNow(headers: hop.headers))
        else { return }
        admission.pause(key: key, until: .now + min(delay, configuration.retry.maxRetryAfter), policy: policy)
    }

    private func cancel(_ id: UInt64) {
        if admission.remove(id), let transfer = waiting.removeValue(forKey: id) {
            core.retire(transfer, with: .failure(.cancelled(url: transfer.hop.url)))
        } else if let (transfer, easy) = running.removeValue(forKey: id) {
            curl_multi_remove_handle(multi.raw, easy.raw)
            transfer.releaseHeaderList()
            recycle(easy)
            admission.finish(key: transfer.hop.pacingKey)
            core.retire(transfer, with: .failure(.cancelled(url: transfer.hop.url)))
        }
    }

    /// Keeps up to `maxConcurrency` handles for the next transfers (frees the rest), their shared
    /// options set, no longer pointing at the transfer they served (whose header list and error
    /// buffer are about to be freed).
    private func recycle(_ easy: EasyHandle) {
        easy.forgetTransfer()
        if idleHandles.count < configuration.maxConcurrency {
            idleHandles.append(easy)
        } else {
            easy.cleanup()
        }
    }

    // MARK: Waiting and stopping

    private func pollTimeout() -> Int32 {
        let now = ContinuousClock.now
        guard let wakeup = admission.nextWakeup(now: now) else { return Self.maximumPollMilliseconds }
        return Int32(min((wakeup - now).roundedUpMilliseconds, Int(Self.maximumPollMilliseconds)))
    }

    private func pruneIfDue() {
        let now = ContinuousClock.now
        guard now - lastPrune >= Self.pruneInterval else { return }
        admission.prune(now: now)
        lastPrune = now
    }

    /// Fails everything still queued or running with `.shutdown`, then frees libcurl's handles.
    private func stop() {
        for transfer in waiting.values {
            core.retire(transfer, with: .failure(.shutdown(url: transfer.hop.url)))
        }
        waiting = [:]
        for (transfer, easy) in running.values {
            curl_multi_remove_handle(multi.raw, easy.raw)
            transfer.releaseHeaderList()
            easy.cleanup()
            core.retire(transfer, with: .failure(.shutdown(url: transfer.hop.url)))
        }
        running = [:]
        core.executor.loopStopped()
        core.bodies.drain()
        let waiters = core.loopStopped()
        for easy in idleHandles {
            easy.cleanup()
        }
        idleHandles = []
        curl_multi_cleanup(multi.raw)
        for waiter in waiters {
            waiter.resume()
        }
    }
}
