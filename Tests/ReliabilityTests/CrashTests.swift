import Foundation
import GRDB
import MockMarketplace
import OCOPCore
import OCOPStore
import OCOPTestSupport
import Testing

extension Reliability {
    /// `ocop-watch sync --once` killed with SIGKILL at random moments: the database stays intact,
    /// nothing committed is lost, a killed pass never counts as complete, the next start works.
    @Suite struct Crashes {
        /// The demo catalog (604 listings) and scenario with 20 ms of latency on every answer and
        /// compact pages, so that a pass lasts a few seconds spent mostly waiting, and a kill can
        /// land anywhere in it.
        static func slowDemo(latency: Int = 20, slowFeed: MarketplaceID? = nil) async throws -> FaultBench {
            let demo = DemoEnvironment.repository.appendingPathComponent("Config/demo")
            var scenario = try MockScenario(contentsOfFile: demo.appendingPathComponent("scenario.json").path)
            if latency > 0 { scenario.faults.insert(MockFault(.latency(milliseconds: latency)), at: 0) }
            // Read from a feed that answers only after 20 s: a pass ends waiting for it.
            if slowFeed != nil { scenario.faults.insert(MockFault(.latency(milliseconds: 20_000), marketplace: .feed), at: 0) }
            let files = ["producers.csv", "products.csv", "listings.csv"].map { "\"\(demo.appendingPathComponent($0).path)\"" }
            return try await FaultBench.start(
                scenario: scenario,
                http: ["timeout": "10s", "max_body_bytes": "8MiB", "max_concurrency": "32"],
                perHost: 8,
                extraYAML: "catalog:\n  files: [\(files.joined(separator: ", "))]\n",
                feeds: Set([slowFeed].compactMap { $0?.rawValue })
            )
        }

        static func database(_ environment: FaultBench) -> String {
            environment.directory.appendingPathComponent("state/ocop-watch.sqlite").path
        }

        static func sync(_ configPath: String) throws -> Program {
            try Program(Program.ocopWatch, ["sync", "--once", "--config", configPath])
        }

        // About 45 s on an idle 2-core machine; the limit only catches a hang.
        @Test(.timeLimit(.minutes(10)))
        func randomKillsDuringPassesLoseNothing() async throws {
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let environment = try await Self.slowDemo()
            defer { Task { await environment.stop() } }
            let database = Self.database(environment)

            let firstStart = Date()
            let first = try await Self.sync(environment.configPath).wait(timeout: 120)
            try #require(first.succeeded, "the first pass failed: \(first.stderr.suffix(2_000))")
            let passSeconds = Date().timeIntervalSince(firstStart)
            var previous = try DatabaseAudit(path: database)
            let listingCount = previous.listings
            try #require(listingCount > 500 && previous.passes.count == 1 && previous.passes[0].completed)
            var previousDigest = try previous.digest()

            let seed = UInt64(Date().timeIntervalSince1970)
            var random = SplitMix64(seed: seed)
            var kills = 0
            var completedOnTheirOwn = 0
            var round = 0
            // Kills land at a random moment within this window. Later passes skip the catalog import
            // and can run faster than the first, so a run that finishes before its kill narrows the
            // window to what passes really take on this machine.
            var window = min(passSeconds * 0.9, 4)
            while kills < 32, round < 96 {
                round += 1
                let delay = Double(random.next() % 10_000) / 10_000 * window + 0.02
                let started = Date()
                let child = try Self.sync(environment.configPath)
                try await Task.sleep(for: .seconds(delay))
                child.send(SIGKILL)
                let result = await child.wait(timeout: 120)
                let context = "round \(round), kill after \(String(format: "%.2f", delay)) s (seed \(seed))"
                if result.signalled {
                    #expect(result.status == SIGKILL, "\(context): ended by signal \(result.status)")
                    kills += 1
                } else {
                    #expect(result.succeeded, "\(context): exited \(result.status): \(result.stderr.suffix(1_000))")
                    completedOnTheirOwn += 1
                    window = min(window, max(Date().timeIntervalSince(started) * 0.8, 0.1))
                }

                let audit = try DatabaseAudit(path: database)
                #expect(audit.integrity == "ok", "\(context): \(audit.integrity)")
                #expect(audit.listings == listingCount, "\(context): the catalog changed")
                #expect(audit.observationCount >= previous.observationCount, "\(context): observations were lost")
                #expect(try audit.digest(upTo: previous.lastObservationID) == previousDigest, "\(context): history changed")
                for pass in audit.passes {
                    if pass.completed {
                        #expect(pass.observations == listingCount, "\(context): pass \(pass.id) complete with \(pass.observations)")
                    } else {
                        #expect(pass.observations <= listingCount, "\(context): pass \(pass.id)")
                        #expect(!pass.finished || pass.error != nil, "\(context): pass \(pass.id)")
                    }
                }
                let newPasses = audit.passes.filter { $0.id > (previous.passes.last?.id ?? 0) }
                #expect(newPasses.count <= 1, "\(context): one run began \(newPasses.count) passes")
                if result.succeeded {
                    #expect(newPasses.first?.completed == true, "\(context): a finished run left its pass unfinished")
                }
                previous = audit
                previousDigest = try audit.digest()
            }
            #expect(kills >= 30, "only \(kills) kills landed in \(round) rounds")

            // The next start works: a full pass, counted complete, on top of the killed ones.
            let last = try await Self.sync(environment.configPath).wait(timeout: 120)
            #expect(last.succeeded, "the start after the kills failed: \(last.stderr.suffix(2_000))")
            let audit = try DatabaseAudit(path: database)
            #expect(audit.integrity == "ok")
            #expect(audit.passes.last?.completed == true)
            #expect(audit.passes.last?.observations == listingCount)
            #expect(audit.observationCount > previous.observationCount)
            let store = try SQLiteStore(path: database)
            let lastCompleted = try await store.lastCompletedPass()
            #expect(lastCompleted?.id.rawValue == audit.passes.last?.id)
            let unfinished = audit.passes.filter { !$0.finished }.count
            print(
                "crash test: \(kills) kills in \(round) rounds (\(completedOnTheirOwn) runs finished first), "
                    + "\(unfinished) passes left unfinished, \(audit.observationCount) observations, seed \(seed)"
            )
        }

        /// Ctrl-C in the middle of a pass: what was checked is saved, the pass is stored as
        /// interrupted (never complete), the operator is told so, and the process ends by the signal.
        @Test(.timeLimit(.minutes(2)), arguments: [(SIGINT, false), (SIGTERM, false), (SIGINT, true)])
        func anInterruptedPassSavesWhatItCheckedAndSaysSo(signal: Int32, duringFeedRead: Bool) async throws {
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            // During a feed read: every page is checked quickly, then the pass waits on Shopee's feed.
            let environment =
                duringFeedRead
                ? try await Self.slowDemo(latency: 0, slowFeed: .shopee) : try await Self.slowDemo(latency: 200)
            defer { Task { await environment.stop() } }
            let database = Self.database(environment)
            let child = try Self.sync(environment.configPath)
            _ = try await Self.checkedListings(database, atLeast: duringFeedRead ? 300 : 20, within: 60)
            if duringFeedRead { try await Task.sleep(for: .seconds(3)) }
            child.send(signal)
            let result = await child.wait(timeout: 60)
            // Ended by the signal itself, once the work is saved, as a shell and systemd expect.
            #expect(result.signalled && result.status == signal, "\(result.status): \(result.stderr.suffix(1_000))")
            let audit = try DatabaseAudit(path: database)
            #expect(audit.integrity == "ok")
            let pass = try #require(audit.passes.last)
            #expect(pass.finished && pass.error == "interrupted", "\(pass)")
            #expect(pass.observations >= 20 && pass.observations < audit.listings, "\(pass)")
            #expect(audit.observationCount == pass.observations)
            // The checks that finished are kept, not only those whose run had ended: at most
            // the few in flight (8 to the mock's one host, and their retries) are lost.
            let requested = await environment.server.stats().items.count
            #expect(duringFeedRead || pass.observations + 16 >= requested, "\(pass.observations) saved of \(requested) items asked")
            let cancelled = try await DatabaseQueue(path: database).read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM observations WHERE reason = 'cancelled'") ?? 0
            }
            #expect(cancelled == 0, "checks cut short are not observations")
            #expect(
                result.stderr.contains("interrupted: \(pass.observations) of \(audit.listings) listings checked and saved"),
                "\(result.stderr.suffix(1_000))")
            #expect(result.stdout.isEmpty, "no coverage summary from half a pass: \(result.stdout.prefix(500))")
        }

        @Test(.timeLimit(.minutes(2)))
        func killsWhileCreatingTheDatabaseLeaveItWholeOrEmpty() async throws {
            // Killed during creation, migration or the first catalog import: the catalog is all
            // there or not at all, and the next start finishes the job.
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let environment = try await Self.slowDemo(latency: 0)
            defer { Task { await environment.stop() } }
            let config = try String(contentsOfFile: environment.configPath, encoding: .utf8)
            for (index, delay) in [0.05, 0.15, 0.3, 0.5, 0.8].enumerated() {
                let folder = environment.directory.appendingPathComponent("fresh-\(index)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let configPath = folder.appendingPathComponent("config.yaml").path
                try config.write(toFile: configPath, atomically: true, encoding: .utf8)
                let child = try Self.sync(configPath)
                try await Task.sleep(for: .seconds(delay))
                child.send(SIGKILL)
                let killed = await child.wait(timeout: 60)
                #expect(killed.signalled || killed.succeeded, "after \(delay) s: \(killed.stderr.suffix(1_000))")
                let database = folder.appendingPathComponent("state/ocop-watch.sqlite").path
                if FileManager.default.fileExists(atPath: database) {
                    let audit = try DatabaseAudit(path: database)
                    #expect(audit.integrity == "ok", "after \(delay) s: \(audit.integrity)")
                    #expect(audit.tables.isEmpty || audit.tables == DatabaseAudit.schemaTables, "after \(delay) s: half a schema")
                    #expect([0, 581].contains(audit.products), "after \(delay) s: \(audit.products) products imported")
                    #expect(audit.passes.allSatisfy { !$0.completed || $0.observations == audit.listings })
                }
                let next = try await Self.sync(configPath).wait(timeout: 120)
                #expect(next.succeeded, "restart after a kill at \(delay) s: \(next.stderr.suffix(1_000))")
                let audit = try DatabaseAudit(path: database)
                #expect(audit.integrity == "ok")
                #expect(audit.products == 581)
                #expect(audit.passes.last?.completed == true)
            }
        }

        @Test(.timeLimit(.minutes(2)))
        func killedDaemonResumesWithoutRecheckingEverything() async throws {
            // Listings every hour, first checks spread over 20 s, the schedule saved with every
            // batch (2 s): the daemon is killed a few seconds in, then restarted. What it checked
            // before its last save is not due for an hour, so the restart goes on with the rest and
            // repeats at most the checks of the batch the kill cut short.
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let environment = try await Self.slowDemo()
            defer { Task { await environment.stop() } }
            let yaml = try String(contentsOfFile: environment.configPath, encoding: .utf8)
                .replacingOccurrences(of: "min_interval: 0s}", with: "min_interval: 0s, interval: 1h}")
            try (yaml + "daemon:\n  first_check_within: 20s\n  batch_window: 2s\n  tick: 200ms\n")
                .write(toFile: environment.configPath, atomically: true, encoding: .utf8)
            let database = Self.database(environment)

            let first = try Program(Program.ocopWatch, ["sync", "--config", environment.configPath])
            let before = try await Self.checkedListings(database, atLeast: 150, within: 30)
            first.send(SIGKILL)
            let killed = await first.wait(timeout: 30)
            #expect(killed.signalled, "the daemon ended on its own: \(killed.stderr.suffix(1_000))")
            let (checked, lastID) = try Self.checkedListings(database)
            #expect(checked.count >= before.count)

            let second = try Program(Program.ocopWatch, ["sync", "--config", environment.configPath])
            try await Task.sleep(for: .seconds(8))
            second.send(SIGTERM)
            let stopped = await second.wait(timeout: 60)
            #expect(stopped.succeeded, "the restarted daemon did not stop cleanly: \(stopped.stderr.suffix(2_000))")

            let audit = try DatabaseAudit(path: database)
            #expect(audit.integrity == "ok")
            let (after, _) = try Self.checkedListings(database, after: lastID)
            let rechecked = after.intersection(checked)
            let fresh = after.subtracting(checked)
            print("daemon restart: \(checked.count) checked before the kill, \(fresh.count) new after, \(rechecked.count) re-checked")
            #expect(!fresh.isEmpty, "the restarted daemon checked nothing new")
            #expect(rechecked.count <= checked.count / 2, "the restart re-checked \(rechecked.count) of \(checked.count)")
        }

        /// The listings with an observation (after observation `after`), and the last observation id.
        static func checkedListings(_ database: String, after: Int64 = 0) throws -> (Set<String>, Int64) {
            var options = Configuration()
            options.readonly = true
            let queue = try DatabaseQueue(path: database, configuration: options)
            return try queue.read { db in
                let keys = try String.fetchAll(
                    db,
                    sql: "SELECT DISTINCT product_id || ' ' || url FROM observations WHERE id > ?",
                    arguments: [after]
                )
                let last = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM observations") ?? 0
                return (Set(keys), last)
            }
        }

        /// Waits until at least `count` listings have an observation.
        static func checkedListings(_ database: String, atLeast count: Int, within seconds: Double) async throws -> Set<String> {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if FileManager.default.fileExists(atPath: database),
                    let (checked, _) = try? checkedListings(database), checked.count >= count
                {
                    return checked
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw DeadlineExceeded(seconds: seconds, what: "the daemon's first \(count) checks")
        }
    }
}
