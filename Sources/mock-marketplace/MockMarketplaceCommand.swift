import ArgumentParser
import Foundation
import MockMarketplace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@main
struct MockMarketplaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock-marketplace",
        abstract: "Imitate Tiki, Lazada, Shopee, Sendo, TikTok Shop, websites and seller feeds on one port.",
        discussion: """
            Each marketplace is served at its real path, so an adapter pointed at
            http://HOST:PORT sends exactly what it sends in production:
              /api/v2/products/{id}                      Tiki
              /products/{slug}-i{item}[-s{sku}].html     Lazada
              /api/v4/pdp/get_pc?item_id=&shop_id=       Shopee
              /api/v4/item/get?itemid=&shopid=           Shopee (older API)
              /full/{slug}                               Sendo (301 to / if closed)
              /vn/pdp/{slug}/{id}, /view/product/{id}    TikTok Shop
              /shop/vn/pdp/[{slug}/]{id}                 TikTok Shop
              /site/{host}/{path}                        a producer's website
              /feeds/{marketplace}.json                  a seller feed
              /_mock/stats                               request counts (JSON)

            The scenario file (ocop-mock-scenario/1, docs/0007-mock-marketplace.md)
            lists the items, their states and the faults to inject. SIGHUP reloads
            it; SIGTERM or SIGINT stops the server gracefully.

            Examples:
              mock-marketplace --scenario Config/demo/scenario.json
              mock-marketplace --scenario s.json --port 0 --port-file /tmp/mock.port
              curl -s http://127.0.0.1:18480/api/v2/products/274850011
              kill -HUP $MOCK_PID       # reload the scenario after editing it
            """
    )

    @Option(help: "The scenario file (JSON, format ocop-mock-scenario/1).")
    var scenario: String

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 18480

    @Option(help: "Write the bound port to this file once the server accepts connections; removed on exit.")
    var portFile: String?

    @Flag(help: "Serve product pages without padding them to realistic sizes.")
    var compactPages = false

    @Option(help: "Seconds a stall fault without its own 'ms' holds a connection while the client waits.")
    var stallLimit = 60

    func validate() throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port must be within 0...65535, got \(port)")
        }
        guard stallLimit > 0 else {
            throw ValidationError("--stall-limit must be greater than zero, got \(stallLimit)")
        }
    }

    func run() async throws {
        for signal in [SIGHUP, SIGINT, SIGTERM] { ignore(signal) }
        let signals = SignalStream.trapping([SIGHUP, SIGINT, SIGTERM])

        let loaded = try MockScenario(contentsOfFile: scenario)
        let server = MockMarketplaceServer(
            scenario: loaded,
            configuration: .init(
                host: host,
                port: port,
                pageSizes: compactPages ? .compact : .realistic,
                stallLimit: .seconds(stallLimit)
            )
        )
        let portFile = self.portFile
        let host = self.host
        let scenarioPath = self.scenario

        try await withThrowingTaskGroup(of: Finished.self) { group in
            group.addTask {
                try await server.run { port in
                    if let portFile {
                        do {
                            try Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: portFile), options: .atomic)
                        } catch {
                            Self.report("cannot write the port file \(portFile): \(error.localizedDescription)")
                        }
                    }
                    Self.report(
                        "serving \(loaded.summary) on http://\(host):\(port)"
                    )
                }
                return .server
            }
            group.addTask {
                for await signal in signals {
                    guard signal == SIGHUP else {
                        Self.report("stopping")
                        await server.shutdown()
                        return .signals
                    }
                    do {
                        let reloaded = try MockScenario(contentsOfFile: scenarioPath)
                        await server.update(scenario: reloaded)
                        Self.report("reloaded \(scenarioPath): \(reloaded.summary)")
                    } catch {
                        Self.report("kept the previous scenario: \(error)")
                    }
                }
                return .signals
            }
            // After a stop signal, wait for the server to drain; when the server ends first, stop listening.
            defer { group.cancelAll() }
            if try await group.next() == .signals {
                _ = try await group.next()
            }
        }
        if let portFile { try? FileManager.default.removeItem(atPath: portFile) }
    }

    /// Which of the two tasks of ``run()`` ended.
    private enum Finished {
        case server
        case signals
    }

    /// Status lines go to standard error, unbuffered, so they interleave correctly with logs.
    static func report(_ message: String) {
        FileHandle.standardError.write(Data("mock-marketplace: \(message)\n".utf8))
    }
}

/// Sets a signal's disposition to `SIG_IGN`, leaving its delivery to ``SignalStream``.
private func ignore(_ number: Int32) {
    _ = signal(number, SIG_IGN)
}

extension MockScenario {
    /// "12 items and 3 faults", for status lines.
    fileprivate var summary: String { "\(items.count) items and \(faults.count) faults" }
}
