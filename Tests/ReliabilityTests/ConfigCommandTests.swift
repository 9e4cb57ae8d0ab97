import Foundation
import Testing

/// A broken config file given to the real binary: what the operator sees in the terminal or the
/// journal. (The loader's messages themselves are tested in `OCOPConfigTests`.)
struct BrokenConfig: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var environment: [String: String] = [:]
    /// Text stderr must contain, `FILE` standing for the config path.
    var expected: [String]

    var testDescription: String { name }

    static let all: [BrokenConfig] = [
        BrokenConfig(
            name: "unknown key",
            yaml: "http:\n  timeout: 5s\n  timout: 9s\n",
            expected: ["FILE:3: http.timout: unknown key"]
        ),
        BrokenConfig(name: "unknown section", yaml: "htp:\n  timeout: 5s\n", expected: ["FILE:1: htp: unknown key"]),
        BrokenConfig(
            name: "wrong type",
            yaml: "http:\n  retries: three\n",
            expected: ["FILE:2: http.retries: expected a whole number, found 'three'"]
        ),
        BrokenConfig(
            name: "out of range",
            yaml: "marketplaces:\n  tiki:\n    min_interval: 2h\n",
            expected: ["FILE:3: marketplaces.tiki.min_interval", "out of range"]
        ),
        BrokenConfig(name: "not YAML", yaml: "http: [\n", expected: ["FILE:2: not valid YAML"]),
        BrokenConfig(
            name: "unknown environment override",
            yaml: "",
            environment: ["OCOP_WATCH__HTTP__TIMEUOT": "7s"],
            expected: ["OCOP_WATCH__HTTP__TIMEUOT", "http.timeuot: unknown key"]
        ),
        BrokenConfig(
            name: "a size too large to hold",
            yaml: "http:\n  max_body_bytes: 99999999999GiB\n",
            expected: ["FILE:2: http.max_body_bytes: expected a size"]
        ),
        // Settings only the fetch engine can judge: `config` checks them as `sync` would.
        BrokenConfig(
            name: "missing CA bundle",
            yaml: "http:\n  ca_bundle: /nonexistent/ca.pem\n",
            expected: ["FILE: http.ca_bundle: /nonexistent/ca.pem is not a readable file"]
        ),
        BrokenConfig(
            name: "missing feed folder",
            yaml: "http:\n  feed_directories: [/nonexistent/feeds]\n",
            expected: ["FILE: http.feed_directories: /nonexistent/feeds does not exist"]
        ),
        BrokenConfig(
            name: "empty operator contact",
            yaml: "operator:\n  contact: \"\"\n",
            expected: ["FILE: operator.contact: must name how site owners can reach the operator"]
        ),
        BrokenConfig(
            name: "a bare marketplaces variable",
            yaml: "",
            environment: ["OCOP_WATCH__MARKETPLACES__": "x"],
            expected: ["environment variable OCOP_WATCH__MARKETPLACES__", "name a marketplace and a key"]
        ),
    ]
}

extension Reliability {
    @Suite struct ConfigCommand {
        @Test(arguments: BrokenConfig.all)
        func brokenConfigExitsNonZeroNamingTheKey(_ broken: BrokenConfig) async throws {
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocw-config-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("config.yaml").path
            try broken.yaml.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try await Program.run(
                Program.ocopWatch, ["config", "--config", path], environment: broken.environment)
            #expect(!result.succeeded)
            // The command line was right: no usage text, which would point the operator at it.
            #expect(!result.stderr.contains("Usage:"), "stderr: \(result.stderr)")
            for fragment in broken.expected.map({ $0.replacingOccurrences(of: "FILE", with: path) }) {
                #expect(result.stderr.contains(fragment), "stderr: \(result.stderr)")
            }
        }

        /// A forgotten `--config` must not make a store from the defaults under /var/lib: the
        /// commands that keep state say no config was found; `config` and `check` run on defaults.
        @Test func noConfigFileIsAnErrorForCommandsThatKeepState() async throws {
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let nowhere = ["CONFIGURATION_DIRECTORY": "/nonexistent/ocop-watch"]
            for arguments in [["coverage"], ["alerts"], ["sync", "--once"], ["report"]] {
                let result = try await Program.run(Program.ocopWatch, arguments, environment: nowhere)
                #expect(result.status == 1, "\(arguments): \(result.stderr)")
                #expect(
                    result.stderr.contains("no config file: /nonexistent/ocop-watch/config.yaml does not exist"),
                    "\(arguments): \(result.stderr)")
            }
            let config = try await Program.run(Program.ocopWatch, ["config"], environment: nowhere)
            #expect(config.succeeded, "\(config.stderr)")
            #expect(config.stdout.contains("config file: (none: defaults)"))
        }

        /// Every command's help shows examples, each short enough that a default 80-column
        /// terminal does not break it in the middle, where a pasted half runs something else.
        @Test(arguments: [
            [], ["sync"], ["coverage"], ["check"], ["alerts"], ["report"], ["config"], ["catalog", "validate"],
            ["catalog", "import"],
        ])
        func helpHasExamplesThatFitATerminal(_ command: [String]) async throws {
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let help = try await Program.run(Program.ocopWatch, command + ["--help"])
            #expect(help.succeeded)
            let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let start = try #require(lines.firstIndex { $0 == "Examples:" || $0 == "Example:" }, "\(command): no examples")
            let examples = lines[(start + 1)...].prefix { !$0.isEmpty }
            #expect(!examples.isEmpty)
            // The help is wrapped at 80 columns: a longer example comes out split, its tail at
            // the left margin instead of indented.
            for line in examples {
                #expect(line.hasPrefix("  ") && line.count <= 80, "\(command): an example was split: \(line)")
            }
        }

        /// A wrong argument is a usage error (status 64, with the usage), caught before anything
        /// runs; a file the command cannot read is the command's error (status 1), in words.
        @Test func wrongArgumentsAreUsageErrorsAndUnreadableFilesSayWhy() async throws {
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let usage: [([String], String)] = [
                (["check", "--marketplace", "shoppee", "--file", "body.json"], "unknown marketplace 'shoppee'; use one of tiki"),
                (["check", "--marketplace", "shopee", "--file", "b.json", "--http-status", "99999"], "is not an HTTP status"),
                (["catalog", "validate", "products.csv", ""], "an empty file name was given"),
                (["catalog", "import", ""], "an empty file name was given"),
            ]
            for (arguments, message) in usage {
                let result = try await Program.run(Program.ocopWatch, arguments)
                #expect(result.status == 64, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            }
            let folder = FileManager.default.temporaryDirectory.path
            let result = try await Program.run(Program.ocopWatch, ["check", "--marketplace", "tiki", "--file", folder])
            #expect(result.status == 1)
            #expect(result.stderr.contains("cannot read \(folder): \(folder) is a folder; name a file"), "\(result.stderr)")
        }

        @Test func unreadableConfigNamesTheFile() async throws {
            try #require(Program.ocopWatchIsBuilt, "build the binary first: swift build --product ocop-watch")
            let missing = "/nonexistent/ocop-watch/config.yaml"
            let absent = try await Program.run(Program.ocopWatch, ["config", "--config", missing])
            #expect(!absent.succeeded)
            #expect(
                absent.stderr.contains("\(missing): cannot read the config file (the folder /nonexistent/ocop-watch does not exist)"),
                "\(absent.stderr)")

            let folder = FileManager.default.temporaryDirectory.path
            let directory = try await Program.run(Program.ocopWatch, ["config", "--config", folder])
            #expect(!directory.succeeded)
            #expect(
                directory.stderr.contains("\(folder): cannot read the config file (\(folder) is a folder; name a file)"),
                "\(directory.stderr)")
        }
    }
}
