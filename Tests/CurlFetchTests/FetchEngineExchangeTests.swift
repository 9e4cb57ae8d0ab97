import CurlFetch
import HTTPTypes
import Hummingbird
import Testing

@Suite("Fetching from a live loopback server")
struct FetchEngineExchangeTests {
    /// 1000 bytes of text, gzip-compressed to 54 bytes (made with Python's gzip module).
    static let gzipPayload: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xf3, 0x77, 0xf6, 0x0f, 0x50, 0x08, 0x4f, 0x2c,
        0x49, 0xce, 0x50, 0x48, 0xaf, 0xca, 0x2c, 0x50, 0x28, 0x48, 0xac, 0xcc, 0xc9, 0x4f, 0x4c, 0xd1, 0x53, 0xf0,
        0x1f, 0x95, 0x18, 0x95, 0x18, 0x95, 0x18, 0x2e, 0x12, 0x00, 0x69, 0x72, 0xd0, 0x87, 0xe8, 0x03, 0x00, 0x00,
    ]

    @Test("Status, body and lower-cased headers come back; the User-Agent names software and operator")
    func bodyStatusAndHeaders() async throws {
        try await TestServer.with(routes: { router in
            router.get("/product") { _, _ in
                Response(
                    status: .created,
                    headers: [.contentType: "text/plain; charset=utf-8", HTTPField.Name("X-Shop")!: "Hợp tác xã"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: "Chè Thái Nguyên"))
                )
            }
        }) { server in
            try await withEngine(.forTests()) { engine in
                let response = try await engine.fetch(
                    FetchRequest(
                        url: server.url("/product"),
                        headers: [FetchHeader("Accept-Language", "vi"), FetchHeader("User-Agent", "evil/1.0")]
                    )
                )
                #expect(response.status == 201)
                #expect(String(decoding: response.body, as: UTF8.self) == "Chè Thái Nguyên")
                #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
                #expect(response.headers.contains(FetchHeader("x-shop", "Hợp tác xã")))
                #expect(response.headers.allSatisfy { $0.name == $0.name.lowercased() })
                #expect(response.finalURL == server.url("/product"))
                #expect(response.attempts == 1)
                #expect(response.redirectCount == 0)
                #expect(!response.notModified)

                let seen = try #require(server.log.requests(path: "/product").first)
                #expect(seen.headers["user-agent"] == "ocop-watch/0.0.1-test (+ops@example.invalid)")
                #expect(seen.headers["accept-language"] == "vi")
            }
        }
    }

    @Test("A 404 is a response, not an error")
    func notFoundIsAResponse() async throws {
        try await TestServer.with(routes: { router in
            router.get("/gone") { _, _ in Response(status: .notFound, body: ResponseBody(byteBuffer: ByteBuffer(string: "no such item"))) }
        }) { server in
            try await withEngine(.forTests()) { engine in
                let response = try await engine.fetch(FetchRequest(url: server.url("/gone")))
                #expect(response.status == 404)
                #expect(String(decoding: response.body, as: UTF8.self) == "no such item")
            }
        }
    }

    @Test("A gzip body is asked for and decoded")
    func gzipDecoded() async throws {
        try await TestServer.with(routes: { router in
            router.get("/compressed") { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentEncoding: "gzip", .contentType: "text/plain"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.gzipPayload))
                )
            }
        }) { server in
            try await withEngine(.forTests()) { engine in
                let response = try await engine.fetch(FetchRequest(url: server.url("/compressed")))
                let expected = String(repeating: "OCOP Watch gzip payload. ", count: 40)
                #expect(String(decoding: response.body, as: UTF8.self) == expected)
                let seen = try #require(server.log.requests(path: "/compressed").first)
                #expect(seen.headers["accept-encoding"]?.contains("gzip") == true)
                #expect(engine.statistics.bytesReceived == expected.utf8.count)
            }
        }
    }

    @Test("Sequential requests to one host reuse one kept-alive connection")
    func keepAliveReuse() async throws {
        try await TestServer.with(routes: { router in
            router.get("/item/{id}") { _, context in "item \(context.parameters.get("id") ?? "")" }
        }) { server in
            try await withEngine(.forTests()) { engine in
                for index in 0..<10 {
                    let response = try await engine.fetch(FetchRequest(url: server.url("/item/\(index)")))
                    #expect(String(decoding: response.body, as: UTF8.self) == "item \(index)")
                }
                #expect(engine.statistics.newConnections == 1)
                #expect(engine.statistics.transfers == 10)
                let ports = Set(server.log.requests.compactMap(\.remotePort))
                #expect(ports.count == 1)
            }
        }
    }

    @Test("Malformed request headers are refused before anything is sent")
    func headerInjectionRefused() async throws {
        try await withEngine(.forTests()) { engine in
            let error = await fetchError(
                engine,
                FetchRequest(url: "http://127.0.0.1:9/", headers: [FetchHeader("X-A", "b\r\nHost: evil")])
            )
            #expect(error == .invalidHeader(url: "http://127.0.0.1:9/", name: "X-A"))
        }
    }

    @Test("Unparseable URLs and unsupported schemes are invalid")
    func invalidURLs() async throws {
        try await withEngine(.forTests()) { engine in
            let missingScheme = await fetchError(engine, FetchRequest(url: "not a url"))
            guard case .invalidURL = missingScheme else {
                Issue.record("expected invalidURL, got \(String(describing: missingScheme))")
                return
            }
            let ftp = await fetchError(engine, FetchRequest(url: "ftp://127.0.0.1/file"))
            guard case .invalidURL = ftp else {
                Issue.record("expected invalidURL, got \(String(describing: ftp))")
                return
            }
        }
    }
}
