import Hummingbird
import NIOCore
import OCOPCore
import ServiceLifecycle

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Answers one admitted request: the marketplace's normal response from the page cache, or the fault.
struct MockResponder: Sendable {
    let state: MockServerState
    let renderer: ResponseRenderer
    let stallLimit: Duration
    let serverName: String
    let entityTags: Bool

    let tiki: TikiResponseBuilder
    let lazada: LazadaResponseBuilder
    let shopee = ShopeeResponseBuilder()
    let sendo = SendoResponseBuilder()
    let tiktokShop: TikTokShopResponseBuilder
    let website: WebsiteResponseBuilder
    let feed = FeedResponseBuilder()

    init(state: MockServerState, pageSizes: MockPageSizes, stallLimit: Duration, serverName: String, entityTags: Bool) {
        self.state = state
        self.entityTags = entityTags
        self.renderer = ResponseRenderer(paddingBytes: pageSizes.largest)
        self.stallLimit = stallLimit
        self.serverName = serverName
        self.tiki = TikiResponseBuilder(targetBodyBytes: pageSizes.tikiBody)
        self.lazada = LazadaResponseBuilder(targetPageBytes: pageSizes.lazadaPage)
        self.tiktokShop = TikTokShopResponseBuilder(targetPageBytes: pageSizes.tiktokShopPage)
        self.website = WebsiteResponseBuilder(targetPageBytes: pageSizes.websitePage)
    }

    func respond(to route: MockRoute, request: Request, context: MockRequestContext) async throws -> Response {
        let admission = state.admit(route)
        if admission.decision.latencyMilliseconds > 0 {
            try await Task.sleep(for: .milliseconds(admission.decision.latencyMilliseconds))
        }
        guard let fault = admission.decision.fault else {
            return answer(rendered(route, admission), to: request)
        }
        switch fault {
        case .latency:
            return answer(rendered(route, admission), to: request)
        case .status(let code, let retryAfter):
            return render(FaultResponses.status(code, retryAfter: retryAfter, style: route.bodyStyle)).response()
        case .captcha:
            return rendered(route, admission, blocked: true).response()
        case .reset:
            try await Self.reset(context.channel)
            throw ConnectionAbort.reset
        case .truncate(let bodyBytes):
            return truncated(rendered(route, admission), sending: bodyBytes)
        case .stall(let bodyBytes, let maximumMilliseconds):
            let limit = maximumMilliseconds.map { Duration.milliseconds($0) } ?? stallLimit
            return await stalled(rendered(route, admission), sending: bodyBytes, limit: limit, channel: context.channel)
        case .redirectLoop:
            return render(FaultResponses.redirect(to: request.uri.description, status: 302)).response()
        case .redirect(let location, let status):
            return render(FaultResponses.redirect(to: location, status: status)).response()
        case .hugeBody(let bytes):
            return render(FaultResponses.hugeBody(bytes: bytes)).response()
        case .gzipBomb(let inflatedBytes):
            return state.bomb(inflatedBytes: inflatedBytes) {
                render(FaultResponses.gzipBomb(inflatedBytes: inflatedBytes))
            }.response()
        case .invalidUTF8:
            return rendered(route, admission, invalidUTF8: true).response()
        }
    }

    /// The whole response, or `304 Not Modified` when the request names its entity tag.
    private func answer(_ rendered: RenderedResponse, to request: Request) -> Response {
        guard let tag = rendered.entityTag, let wanted = request.headers[.ifNoneMatch],
            wanted.split(separator: ",").contains(where: { $0.filter { $0 != " " } == tag })
        else { return rendered.response() }
        return Response(status: .notModified, headers: [.eTag: tag, .server: serverName])
    }

    /// The route's normal answer (or its anti-bot answer when `blocked`), from the cache when possible.
    private func rendered(
        _ route: MockRoute,
        _ admission: MockServerState.Admission,
        blocked: Bool = false,
        invalidUTF8: Bool = false
    ) -> RenderedResponse {
        var facts = admission.facts
        if blocked { facts = facts?.with(state: .blocked) }
        let antiBotVariant = facts?.state == .blocked && route.marketplace == .shopee ? admission.attempt % 2 : 0
        let key = MockServerState.RenderKey(
            route: route,
            state: blocked ? .blocked : facts?.state,
            variant: antiBotVariant,
            invalidUTF8: invalidUTF8,
            revision: admission.revision
        )
        if let cached = state.cached(key) { return cached }
        var response = build(route, facts: facts, blocked: blocked, admission: admission)
        if invalidUTF8 { response = FaultResponses.invalidUTF8(response, title: facts?.title) }
        let rendered = render(response)
        state.store(rendered, for: key)
        return rendered
    }

    private func build(
        _ route: MockRoute,
        facts: MockItemFacts?,
        blocked: Bool,
        admission: MockServerState.Admission
    ) -> MockResponse {
        switch route {
        case .tikiProduct:
            return tiki.response(for: facts!)
        case .lazadaProduct(_, let skuID):
            return lazada.response(for: facts!, skuID: skuID)
        case .shopeeItem(let endpoint, _, let shopID):
            return shopee.response(for: facts!, endpoint: endpoint, shopID: shopID, attempt: admission.attempt)
        case .sendoProduct(let slug):
            if admission.sendoClosed, !blocked { return sendo.closedRedirect() }
            return sendo.response(for: facts!, slug: slug)
        case .tiktokShopProduct:
            return tiktokShop.response(for: facts!)
        case .websitePage:
            return website.response(for: facts!)
        case .feed(let marketplace):
            if blocked { return FaultResponses.status(403, retryAfter: nil, style: .json) }
            return feed.response(marketplace: marketplace, items: admission.feedItems, generatedAt: admission.loadedAt)
        case .home:
            if blocked { return FaultResponses.status(403, retryAfter: nil, style: .html) }
            return sendo.homePage()
        }
    }

    private func render(_ response: MockResponse) -> RenderedResponse {
        renderer.render(response, serverName: serverName, entityTag: entityTags)
    }

    /// Why a faulted connection ends without a complete response.
    enum ConnectionAbort: Error {
        case reset
        case truncated
        case stalled
    }

    /// Closes the connection with an RST: `SO_LINGER` zero makes the kernel drop it instead of a FIN.
    private static func reset(_ channel: any Channel) async throws {
        if let socket = channel as? any SocketOptionProvider {
            try? await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try await channel.close()
    }

    /// How much of a body to send before a truncation or stall: the fault's count, else half.
    private static func partialLength(_ requested: Int?, of rendered: RenderedResponse) -> (sent: Int, declared: Int) {
        let sent = requested ?? rendered.contentLength / 2
        return (sent, Swift.max(rendered.contentLength, sent + 1))
    }

    /// Declares the full length, sends part of the body, then closes the connection.
    private func truncated(_ rendered: RenderedResponse, sending requested: Int?) -> Response {
        let (sent, declared) = Self.partialLength(requested, of: rendered)
        let partial = rendered.prefix(sent)
        return Response(
            status: rendered.status,
            headers: rendered.headers,
            body: ResponseBody(contentLength: declared) { writer in
                try await writer.write(contentsOf: partial)
                throw ConnectionAbort.truncated
            }
        )
    }

    /// Declares the full length, sends part of the body, then waits until the client closes its side,
    /// the server shuts down, or `limit` passes, and closes the connection without finishing.
    private func stalled(
        _ rendered: RenderedResponse,
        sending requested: Int?,
        limit: Duration,
        channel: any Channel
    ) async -> Response {
        let (sent, declared) = Self.partialLength(requested, of: rendered)
        let partial = rendered.prefix(sent)
        let peerClosed = await PeerCloseObserver.signal(of: channel)
        let state = self.state
        return Response(
            status: rendered.status,
            headers: rendered.headers,
            body: ResponseBody(contentLength: declared) { writer in
                try await writer.write(contentsOf: partial)
                state.stallBegan()
                defer { state.stallEnded() }
                let deadline = ContinuousClock.now.advanced(by: limit)
                while ContinuousClock.now < deadline, peerClosed?.isClosed != true, !Task.isShuttingDownGracefully {
                    try await Task.sleep(for: .milliseconds(50))
                }
                throw ConnectionAbort.stalled
            }
        )
    }
}
