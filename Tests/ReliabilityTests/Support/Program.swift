import Foundation
import OCOPTestSupport

/// A program run by a test: its exit, and what it printed.
struct ProgramResult: Sendable {
    var status: Int32
    /// True when a signal ended it (`status` is then the signal number).
    var signalled: Bool
    var stdout: String
    var stderr: String

    var succeeded: Bool { !signalled && status == 0 }
}

/// Starts programs the way an operator or systemd would, with output going to files (never pipes,
/// which fill up and block a chatty child), and waits for them without blocking a thread.
final class Program: @unchecked Sendable {
    let process = Process()
    private let outputURL: URL
    private let errorURL: URL
    private let exited: AsyncStream<Void>

    /// - Parameters:
    ///   - executable: Absolute path of the program.
    ///   - arguments: Its arguments.
    ///   - environment: Added to (and overriding) the test's environment.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocw-child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        outputURL = directory.appendingPathComponent("stdout")
        errorURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        // A test must not pick up an operator's config or a systemd socket by accident.
        for name in merged.keys where name.hasPrefix("OCOP_WATCH") || name == "NOTIFY_SOCKET" {
            merged[name] = nil
        }
        merged.merge(environment) { _, new in new }
        process.environment = merged
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        process.standardInput = FileHandle.nullDevice
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        exited = stream
        process.terminationHandler = { _ in
            continuation.yield()
            continuation.finish()
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Sends `signal` to this process only.
    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the exit; after `seconds` the process is killed (and the result says so).
    func wait(timeout seconds: Double = 60) async -> ProgramResult {
        let pid = process.processIdentifier
        let watchdog = Task {
            try await Task.sleep(for: .seconds(seconds))
            kill(pid, SIGKILL)
        }
        for await _ in exited {}
        watchdog.cancel()
        let output = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOf: errorURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: outputURL.deletingLastPathComponent())
        return ProgramResult(
            status: process.terminationStatus,
            signalled: process.terminationReason == .uncaughtSignal,
            stdout: output,
            stderr: errors
        )
    }

    /// Waits for the exit (as ``wait(timeout:)``) while reading the child's peak resident memory
    /// (`VmHWM` in `/proc/PID/status`) every 2 ms; returns the last peak read, in bytes.
    func waitMeasuringPeakMemory(timeout seconds: Double = 60) async -> (ProgramResult, Int) {
        let status = "/proc/\(process.processIdentifier)/status"
        var peak = 0
        while process.isRunning {
            if let text = try? String(contentsOfFile: status, encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kilobytes = line.split(separator: " ").compactMap({ Int($0) }).first
            {
                peak = max(peak, kilobytes * 1024)
            }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return (await wait(timeout: seconds), peak)
    }

    /// Runs a program to its end.
    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        timeout: Double = 60
    ) async throws -> ProgramResult {
        try await Program(executable, arguments, environment: environment).wait(timeout: timeout)
    }

    /// The built `ocop-watch`.
    static var ocopWatch: String { BuiltProducts.executable("ocop-watch").path }

    static var ocopWatchIsBuilt: Bool {
        FileManager.default.isExecutableFile(atPath: ocopWatch)
    }

    /// The first of `paths` that is an executable file.
    static func tool(_ paths: String...) -> String? {
        paths.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
