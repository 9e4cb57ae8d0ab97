import Foundation
import GRDB
import MockMarketplace
import OCOPConfig
import OCOPCore
import OCOPTestSupport
import Testing

@testable import OCOPSync

extension Reliability {
    /// TLS verification, the private-address rule, redirects and secrets.
    @Suite struct Security {
        @Test func selfSignedCertificateFailsAndItsCABundleMakesItTrusted() async throws {
            guard let tls = try await TLSServer.start() else {
                print("skipped: openssl is not installed")
                return
            }
            let listing = FaultBench.tikiListing("950001")
            let base = "https://127.0.0.1:\(tls.port)"
            do {
                let untrusted = try await FaultBench.start(scenario: FaultBench.tikiScenario([]), tikiBaseURL: base)
                let refused = try await withDeadline(30, "self-signed TLS") { try await untrusted.check(listing) }
                await untrusted.stop()
                #expect(refused.status == .unreachable)
                #expect(refused.verdict.reason == "tls_failed", "\(refused.error ?? "")")
                #expect(refused.httpStatus == nil, "a response was read over an unverified connection")

                let trusting = try await FaultBench.start(
                    scenario: FaultBench.tikiScenario([]),
                    http: ["ca_bundle": tls.certificate],
                    tikiBaseURL: base
                )
                let accepted = try await withDeadline(30, "TLS with CA bundle") { try await trusting.check(listing) }
                await trusting.stop()
                // s_server answers its status page: verified, read, and not a Tiki product.
                #expect(accepted.httpStatus == 200, "\(accepted.error ?? "")")
                #expect(accepted.verdict.reason != "tls_failed")
                #expect(accepted.status != .delisted)
            } catch {
                await tls.stop()
                throw error
            }
            await tls.stop()
        }

        @Test func thereIsNoSwitchToTurnVerificationOff() throws {
            for key in ["insecure", "verify_tls", "ssl_verify", "tls_verify", "verify_peer"] {
                let loader = ConfigurationLoader(environment: [:])
                #expect(throws: ConfigurationError.self, "http.\(key) was accepted") {
                    try loader.parse(yaml: "http:\n  \(key): false\n", source: "test.yaml", baseDirectory: "/tmp")
                }
            }
        }

        @Test(arguments: ["127.0.0.1", "localhost", "127.9.8.7", "0.0.0.0", "[::1]"])
        func loopbackIsRefusedUnlessAllowed(_ host: String) async throws {
            let bench = try await FaultBench.start(scenario: FaultBench.tikiScenario(["950002"]), http: ["allow_private_addresses": ""])
            defer { Task { await bench.stop() } }
            let tiki = "http://\(host):\(bench.port)"
            let yaml = try String(contentsOfFile: bench.configPath, encoding: .utf8)
                .replacingOccurrences(of: "tiki: {base_url: \"http://127.0.0.1:\(bench.port)\"", with: "tiki: {base_url: \"\(tiki)\"")
            try yaml.write(toFile: bench.configPath, atomically: true, encoding: .utf8)
            let observation = try await withDeadline(30, "private address \(host)") {
                try await bench.check(FaultBench.tikiListing("950002"))
            }
            #expect(observation.status == .blocked)
            #expect(observation.verdict.reason == "private_address_refused", "\(observation.error ?? "")")
            #expect(await bench.server.stats().total == 0, "a request reached the loopback server")
        }

        @Test func redirectTargetsAreCheckedAgainstTheAllowList() async throws {
            // The same server under another name is another host: refused before any request.
            let bench = try await FaultBench.start(scenario: FaultBench.tikiScenario(["950003"]))
            defer { Task { await bench.stop() } }
            let location = "http://localhost:\(bench.port)/api/v2/products/950003"
            await bench.server.update(
                scenario: FaultBench.tikiScenario(
                    ["950003"],
                    faults: [MockFault(.redirect(location: location, status: 301), marketplace: .tiki, selection: .first(1))]
                )
            )
            let observation = try await withDeadline(30, "redirect to another host") {
                try await bench.check(FaultBench.tikiListing("950003"))
            }
            #expect(observation.status == .blocked)
            #expect(observation.verdict.reason == "host_not_allowed")
            #expect(await bench.server.requestCount(marketplace: .tiki, itemID: "950003") == 1)
        }

        @Test func proxyCredentialsNeverAppearInOutputLogsOrTheStore() async throws {
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let secret = "s3cretPa55"
            let refusing = try RefusingPort()
            defer { withExtendedLifetime(refusing) {} }
            let closedPort = refusing.port
            let bench = try await FaultBench.start(
                scenario: FaultBench.tikiScenario(["950004"]),
                http: ["proxy": "\"http://officer:\(secret)@127.0.0.1:\(closedPort)\""]
            )
            defer { Task { await bench.stop() } }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: bench.configPath)
            let files = try TikiCatalog.write(to: bench.directory, tikiItems: ["950004", "950005"])
            let yaml = try String(contentsOfFile: bench.configPath, encoding: .utf8)
            try (yaml + "\ncatalog:\n  files: [\(files.map { "\"\($0)\"" }.joined(separator: ", "))]\n")
                .write(toFile: bench.configPath, atomically: true, encoding: .utf8)

            let config = try await Program.run(Program.ocopWatch, ["config", "--config", bench.configPath])
            #expect(config.succeeded, "\(config.stderr)")
            #expect(config.stdout.contains("proxy http://***@127.0.0.1:\(closedPort)"), "\(config.stdout)")
            let check = try await Program.run(
                Program.ocopWatch,
                ["check", "https://tiki.vn/hang-thu-p950004.html", "--config", bench.configPath, "--verbose"]
            )
            #expect(check.stdout.contains("unreachable"), "\(check.stdout)")
            let sync = try await Program.run(
                Program.ocopWatch,
                ["sync", "--once", "--config", bench.configPath, "--verbose"],
                timeout: 120
            )
            #expect(sync.succeeded, "\(sync.stderr.suffix(1_000))")
            for (name, text) in [
                ("config", config.stdout + config.stderr), ("check", check.stdout + check.stderr), ("sync", sync.stdout + sync.stderr),
            ] {
                #expect(!text.contains(secret), "`ocop-watch \(name)` printed the proxy password")
            }
            let database = bench.directory.appendingPathComponent("state/ocop-watch.sqlite").path
            let stored = try await DatabaseQueue(path: database).read { db in
                try Int.fetchOne(
                    db,
                    sql: "SELECT COUNT(*) FROM observations WHERE error LIKE ? OR final_url LIKE ? OR evidence LIKE ?",
                    arguments: ["%\(secret)%", "%\(secret)%", "%\(secret)%"]
                ) ?? 0
            }
            #expect(stored == 0, "the proxy password was stored in \(stored) observations")
            let logs = bench.directory.appendingPathComponent("logs")
            let logFiles = try FileManager.default.contentsOfDirectory(atPath: logs.path)
            #expect(!logFiles.isEmpty, "the pass wrote no log to search")
            for file in logFiles {
                let text = try String(contentsOfFile: logs.appendingPathComponent(file).path, encoding: .utf8)
                #expect(!text.contains(secret), "logs/\(file) holds the proxy password")
            }
        }

        @Test func theEnvironmentsNoProxyCannotSendRequestsAroundTheProxy() async throws {
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            // With a proxy the address check is the proxy's job; `no_proxy` inherited from a shell
            // would connect straight to the (private) server, checked by no one.
            let refusing = try RefusingPort()
            defer { withExtendedLifetime(refusing) {} }
            let closedPort = refusing.port
            let bench = try await FaultBench.start(
                scenario: FaultBench.tikiScenario(["950006"]),
                http: ["allow_private_addresses": "", "proxy": "\"http://127.0.0.1:\(closedPort)\""]
            )
            defer { Task { await bench.stop() } }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: bench.configPath)
            let check = try await Program.run(
                Program.ocopWatch,
                ["check", "https://tiki.vn/hang-thu-p950006.html", "--config", bench.configPath],
                environment: ["no_proxy": "127.0.0.1", "NO_PROXY": "*"]
            )
            #expect(check.stdout.contains("unreachable"), "\(check.stdout)\(check.stderr)")
            #expect(await bench.server.stats().total == 0, "a request went around the proxy")
        }

        @Test func configReadableByOthersIsWarnedAbout() async throws {
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let bench = try await FaultBench.start(scenario: FaultBench.tikiScenario([]))
            defer { Task { await bench.stop() } }
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: bench.configPath)
            let open = try await Program.run(Program.ocopWatch, ["config", "--config", bench.configPath])
            #expect(open.succeeded)
            #expect(open.stderr.contains("readable by every user"), "\(open.stderr)")
            #expect(open.stderr.contains("chmod o-r \(bench.configPath)"), "\(open.stderr)")

            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: bench.configPath)
            let closed = try await Program.run(Program.ocopWatch, ["config", "--config", bench.configPath])
            #expect(closed.succeeded)
            #expect(!closed.stderr.contains("readable by every user"), "\(closed.stderr)")
        }
    }
}
