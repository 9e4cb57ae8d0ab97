import Foundation
import OCOPTestSupport
import Testing

extension Reliability {
    /// A database the service user may not write, and a full disk: a message naming the path and
    /// the fix, a non-zero exit, and a database that SQLite still finds intact.
    @Suite struct Disk {
        static let nobody = "65534"

        static var setpriv: String? { Program.tool("/usr/bin/setpriv", "/bin/setpriv") }

        /// Runs `ocop-watch` as `nobody`: tests run as root, for whom file modes stop nothing.
        static func asNobody(_ arguments: [String]) async throws -> ProgramResult {
            try await Program.run(
                setpriv ?? "/usr/bin/setpriv",
                ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", Program.ocopWatch] + arguments,
                timeout: 120
            )
        }

        /// Why `nobody` cannot run the binary here (a checkout under a private folder), or nil.
        static func nobodyCannotRun() async -> String? {
            guard Program.ocopWatchIsBuilt else { return "ocop-watch is not built (swift build --product ocop-watch)" }
            guard setpriv != nil else { return "setpriv (util-linux) is not installed" }
            guard getuid() == 0 else { return "not running as root: file modes already apply" }
            guard let result = try? await asNobody(["--version"]), result.succeeded else {
                return "user \(nobody) cannot execute \(Program.ocopWatch) (a folder on its path is private)"
            }
            return nil
        }

        /// A demo environment whose database was created and filled by root.
        static func preparedDemo() async throws -> (DemoEnvironment, database: String) {
            let environment = try await DemoEnvironment.start()
            let demo = DemoEnvironment.repository.appendingPathComponent("Config/demo")
            let files = ["producers.csv", "products.csv", "listings.csv"].map { demo.appendingPathComponent($0).path }
            let imported = try await Program.run(
                Program.ocopWatch,
                ["catalog", "import", "--config", environment.configPath] + files
            )
            try #require(imported.succeeded, "catalog import as root failed: \(imported.stderr)")
            return (environment, environment.directory.appendingPathComponent("state/ocop-watch.sqlite").path)
        }

        @Test(.timeLimit(.minutes(2)))
        func unwritableStateFolderAndDatabaseAreReportedClearly() async throws {
            if let reason = await Self.nobodyCannotRun() {
                print("skipped: \(reason)")
                return
            }
            let (environment, database) = try await Self.preparedDemo()
            defer { Task { await environment.stop() } }
            let state = URL(fileURLWithPath: database).deletingLastPathComponent().path
            let before = try DatabaseAudit(path: database)

            // The state folder belongs to root (0755): the service user cannot even take the lock.
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: state)
            let folder = try await Self.asNobody(["sync", "--once", "--config", environment.configPath])
            #expect(!folder.succeeded)
            #expect(folder.stderr.contains(state), "the message does not name the folder: \(folder.stderr)")

            // The folder is writable but the database file is root's, mode 0644.
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: state)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database + suffix) {
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: database + suffix)
            }
            let file = try await Self.asNobody(["sync", "--once", "--config", environment.configPath])
            #expect(!file.succeeded)
            #expect(file.stderr.contains(database), "the message does not name the database: \(file.stderr)")
            #expect(file.stderr.contains("cannot be written"), "\(file.stderr)")
            #expect(file.stderr.contains("let the service user write"), "no next step: \(file.stderr)")

            let after = try DatabaseAudit(path: database)
            #expect(after.integrity == "ok")
            #expect(after.products == before.products)
            #expect(after.passes.count == before.passes.count)
        }

        @Test(.timeLimit(.minutes(3)))
        func fullDiskIsReportedClearlyAndTheNextStartRecovers() async throws {
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let environment = try await DemoEnvironment.start()
            defer { Task { await environment.stop() } }
            let state = environment.directory.appendingPathComponent("state")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            guard let mount = try await SmallFileSystem.mount(at: state.path, megabytes: 6) else {
                print("skipped: cannot mount a tmpfs here (mount -t tmpfs needs CAP_SYS_ADMIN)")
                return
            }
            do {
                try await Self.fillTheDisk(mount, environment: environment)
            } catch {
                await mount.unmount()
                throw error
            }
            await mount.unmount()
        }

        @Test(.timeLimit(.minutes(2)))
        func fileSizeLimitIsReportedAndTheDatabaseStaysIntact() async throws {
            // Where no tmpfs can be mounted, RLIMIT_FSIZE makes every write past 64 KiB fail
            // (EFBIG, SIGXFSZ ignored): the same code paths as a full disk, seen as an I/O error.
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let bash = try #require(Program.tool("/bin/bash", "/usr/bin/bash"))
            let environment = try await Crashes.slowDemo(latency: 0)
            defer { Task { await environment.stop() } }
            let database = Crashes.database(environment)
            let first = try await Program.run(Program.ocopWatch, ["sync", "--once", "--config", environment.configPath], timeout: 120)
            try #require(first.succeeded, "\(first.stderr.suffix(2_000))")
            // The demo misses its target: the alert goes to the alert log and is echoed to the
            // normal log (journald), as the design asks.
            #expect(
                first.stderr.contains("alert FIRING warning coverage_below_target coverage_below_target:products"),
                "\(first.stderr.suffix(2_000))")
            let before = try DatabaseAudit(path: database)

            let limited = try await Program.run(
                bash,
                ["-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" sync --once --config \"$1\"", Program.ocopWatch, environment.configPath],
                timeout: 120
            )
            #expect(!limited.succeeded)
            let error = limited.stderr.split(separator: "\n").last { $0.hasPrefix("Error:") }.map(String.init) ?? limited.stderr
            #expect(error.contains(database), "the message does not name the database: \(error)")
            #expect(error.contains("free space") || error.contains("df -h"), "no next step: \(error)")

            let audit = try DatabaseAudit(path: database)
            #expect(audit.integrity == "ok")
            #expect(audit.observationCount >= before.observationCount)
            #expect(audit.passes.filter(\.completed).count == 1, "a pass that could not be written counted as complete")
            let next = try await Program.run(Program.ocopWatch, ["sync", "--once", "--config", environment.configPath], timeout: 120)
            #expect(next.succeeded, "the start after the limit was lifted failed: \(next.stderr.suffix(2_000))")
        }

        static func fillTheDisk(_ mount: SmallFileSystem, environment: DemoEnvironment) async throws {
            let database = mount.path + "/ocop-watch.sqlite"

            let first = try await Program.run(
                Program.ocopWatch,
                ["sync", "--once", "--config", environment.configPath],
                timeout: 120
            )
            try #require(first.succeeded, "\(first.stderr.suffix(2_000))")
            let before = try DatabaseAudit(path: database)

            let filler = try mount.fill()
            let full = try await Program.run(
                Program.ocopWatch,
                ["sync", "--once", "--config", environment.configPath],
                timeout: 120
            )
            #expect(!full.succeeded)
            #expect(full.stderr.contains(database), "the message does not name the database: \(full.stderr.suffix(2_000))")
            #expect(full.stderr.contains("the disk is full"), "\(full.stderr.suffix(2_000))")
            #expect(full.stderr.contains("df -h"), "no next step: \(full.stderr.suffix(2_000))")

            try FileManager.default.removeItem(atPath: filler)
            let audit = try DatabaseAudit(path: database)
            #expect(audit.integrity == "ok")
            #expect(audit.observationCount >= before.observationCount)
            #expect(audit.passes.filter(\.completed).count == 1, "a pass on the full disk counted as complete")

            let next = try await Program.run(
                Program.ocopWatch,
                ["sync", "--once", "--config", environment.configPath],
                timeout: 120
            )
            #expect(next.succeeded, "the start after space was freed failed: \(next.stderr.suffix(2_000))")
            let recovered = try DatabaseAudit(path: database)
            #expect(recovered.integrity == "ok")
            #expect(recovered.passes.last?.completed == true)
        }
    }
}

/// A tmpfs of a few megabytes mounted over a folder: a disk that really fills up.
struct SmallFileSystem {
    let path: String

    /// Mounts it, or returns nil when this sandbox may not mount.
    static func mount(at path: String, megabytes: Int) async throws -> SmallFileSystem? {
        guard getuid() == 0, let mount = Program.tool("/usr/bin/mount", "/bin/mount") else { return nil }
        let result = try await Program.run(mount, ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0755", "tmpfs", path])
        return result.succeeded ? SmallFileSystem(path: path) : nil
    }

    /// Writes a file until the file system refuses; returns its path.
    func fill() throws -> String {
        let filler = path + "/filler"
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        let descriptor = open(filler, O_WRONLY)
        defer { close(descriptor) }
        let chunk = [UInt8](repeating: 0x5A, count: 4096)
        while chunk.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) > 0 {}
        return filler
    }

    /// Unmounts lazily, so a straggling process cannot keep the mount busy.
    func unmount() async {
        _ = try? await Program.run(Program.tool("/usr/bin/umount", "/bin/umount") ?? "/bin/umount", ["-l", path])
    }
}
