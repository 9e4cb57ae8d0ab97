import Testing

@testable import CurlFetch

@Suite("Header parsing, host budgets and configuration checks")
struct HeaderAndConfigurationTests {
    static func parse(_ lines: [String]) -> ResponseHeaderParser {
        var parser = ResponseHeaderParser()
        for line in lines {
            Array(line.utf8).withUnsafeBytes { parser.consume(line: $0) }
        }
        return parser
    }

    static func consume(_ lines: [String]) -> [FetchHeader] {
        parse(lines).fields
    }

    @Test("Only the final response's headers are kept, names lower-cased, values trimmed")
    func finalHeaderBlock() {
        let fields = Self.consume([
            "HTTP/1.1 100 Continue\r\n", "X-Interim: yes\r\n", "\r\n",
            "HTTP/1.1 200 OK\r\n", "Content-Type:  text/html \r\n", "Set-Cookie: a=1\r\n", "Set-Cookie: b=2\r\n",
            "X-Folded: first\r\n", "\t second\r\n", "Access-Control-Allow-Origin: *\r\n", "\r\n",
        ])
        #expect(
            fields == [
                FetchHeader("content-type", "text/html"), FetchHeader("set-cookie", "a=1"),
                FetchHeader("set-cookie", "b=2"), FetchHeader("x-folded", "first second"),
                FetchHeader("access-control-allow-origin", "*"),
            ])
    }

    @Test("Content-Length of the final response is kept for sizing the body; a bad one is ignored")
    func contentLength() {
        #expect(Self.parse(["HTTP/1.1 200 OK\r\n", "CONTENT-LENGTH: 1234 \r\n", "\r\n"]).contentLength == 1234)
        #expect(Self.parse(["HTTP/1.1 200 OK\r\n", "Content-Length: -5\r\n"]).contentLength == nil)
        #expect(Self.parse(["HTTP/1.1 200 OK\r\n", "Content-Length: 12x\r\n"]).contentLength == nil)
        #expect(Self.parse(["HTTP/1.1 301 Moved\r\n", "Content-Length: 99\r\n", "\r\n", "HTTP/1.1 200 OK\r\n"]).contentLength == nil)
    }

    @Test("Header fields with CR/LF or bad names are malformed")
    func wellFormed() {
        #expect(FetchHeader("Accept", "text/html").isWellFormed)
        #expect(!FetchHeader("Accept", "a\r\nX: y").isWellFormed)
        #expect(!FetchHeader("Bad Name", "x").isWellFormed)
        #expect(!FetchHeader("", "x").isWellFormed)
    }

    @Test("Host overrides match the host and its subdomains; the longest key wins and is the shared budget")
    func hostOverrides() {
        var configuration = FetchEngine.Configuration(softwareVersion: "1.0", operatorContact: "ops@example.vn")
        let tiki = HostPolicy(maxConcurrentRequests: 1, minimumInterval: .seconds(2))
        let api = HostPolicy(maxConcurrentRequests: 4, minimumInterval: .seconds(1))
        configuration.hostOverrides = ["tiki.vn": tiki, "api.tiki.vn": api]
        #expect(configuration.hostPolicy(for: "tiki.vn") == ("tiki.vn", tiki))
        #expect(configuration.hostPolicy(for: "WWW.Tiki.vn") == ("tiki.vn", tiki))
        #expect(configuration.hostPolicy(for: "api.tiki.vn") == ("api.tiki.vn", api))
        #expect(configuration.hostPolicy(for: "notiki.vn") == ("notiki.vn", configuration.hostPolicy))
        #expect(configuration.hostPolicy(for: "vn") == ("vn", configuration.hostPolicy))
        let shopee = HostPolicy(maxConcurrentRequests: 2, minimumInterval: .seconds(3))
        configuration.hostOverrides["Shopee.VN"] = shopee
        #expect(configuration.hostPolicy(for: "mall.shopee.vn") == ("shopee.vn", shopee))
        #expect(configuration.hostPolicy(for: "Shopee.vn") == ("shopee.vn", shopee))
        #expect(configuration.userAgent == "ocop-watch/1.0 (+ops@example.vn)")
    }

    @Test("Unusable configurations are refused when the engine is created")
    func validation() {
        func field(_ change: (inout FetchEngine.Configuration) -> Void) -> String? {
            var configuration = FetchEngine.Configuration(softwareVersion: "1.0", operatorContact: "ops@example.vn")
            change(&configuration)
            do {
                _ = try configuration.validated()
                return nil
            } catch {
                return error.field
            }
        }
        #expect(field { _ in } == nil)
        #expect(field { $0.operatorContact = " " } == "operatorContact")
        #expect(field { $0.softwareVersion = "1 0" } == "softwareVersion")
        #expect(field { $0.maxConcurrency = 0 } == "maxConcurrency")
        #expect(field { $0.totalTimeout = .zero } == "totalTimeout")
        #expect(field { $0.retry.maxAttempts = 0 } == "retry.maxAttempts")
        #expect(field { $0.retry.jitter = 2 } == "retry.jitter")
        #expect(field { $0.hostOverrides = ["x": HostPolicy(maxConcurrentRequests: 0)] } == "hostOverrides.x")
        #expect(field { $0.caBundlePath = "/nonexistent/ca.pem" } == "caBundlePath")
        #expect(field { $0.allowedFileDirectories = ["/nonexistent/feeds"] } == "allowedFileDirectories")
        #expect(throws: FetchConfigurationError.self) {
            try FetchEngine(configuration: .init(softwareVersion: "1.0", operatorContact: ""))
        }
    }

    @Test("Durations become milliseconds rounded up")
    func milliseconds() {
        #expect(Duration.milliseconds(300).roundedUpMilliseconds == 300)
        #expect(Duration.microseconds(1).roundedUpMilliseconds == 1)
        #expect(Duration.seconds(2).roundedUpMilliseconds == 2000)
        #expect((Duration.zero - .seconds(1)).roundedUpMilliseconds == 0)
    }

    @Test("URLs are read with libcurl's parser")
    func parsedURL() throws {
        let url = try ParsedURL("HTTPS://Shop.Tiki.VN:443/p/1?x=%20")
        #expect(url.scheme == "https")
        #expect(url.host == "shop.tiki.vn")
        #expect(url.isHTTP)
        #expect(try ParsedURL("http://[::1]:8080/").host == "::1")
        #expect(try ParsedURL("file:///srv/feeds/a%20b.csv").path == "/srv/feeds/a b.csv")
        #expect(throws: FetchError.self) { try ParsedURL("no scheme") }
    }
}
