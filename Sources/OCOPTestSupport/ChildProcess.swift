import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A program started by a test (`ocop-watch sync`, a second instance …), with its stderr in a
/// file, signals, and a bounded wait for its exit.
///
/// The child gets the test's environment minus anything that would steer it behind the test's
/// back (`NOTIFY_SOCKET`, `WATCHDOG_*`, `JOURNAL_STREAM`, `OCOP_WATCH*`), plus `environment`.
/// A child still running when the value is released is killed, so a failed test leaves no daemon
/// behind.
public final class ChildProcess: @unchecked Sendable {
    /// How a child ended.
    public enum Termination: Sendable, Hashable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let code): "exit status \(code)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    // Foundation's `Process` is thread-safe for what is used here (pid, isRunning, status),
    // though not marked Sendable.
    private let process: Process
    /// Where stderr goes.
    public let standardErrorPath: String

    /// Starts `executable` with `arguments`.
    public init(
        executable: URL,
        arguments: [String],
        environment: [String: String] = [:],
        standardErrorPath: String
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ChildProcessError(
                "\(executable.path) is not built; run `swift build --build-tests` (it builds ocop-watch and mock-marketplace)"
            )
        }
        var inherited = ProcessInfo.processInfo.environment.filter { name, _ in
            !["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "LISTEN_FDS", "LISTEN_PID"]
                .contains(name) && !name.hasPrefix("OCOP_WATCH")
        }
        inherited.merge(environment) { _, new in new }
        self.standardErrorPath = standardErrorPath
        _ = FileManager.default.createFile(atPath: standardErrorPath, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = inherited
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: standardErrorPath)
        process.standardError = FileHandle(forWritingAtPath: standardErrorPath)
        try process.run()
        self.process = process
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }

    public var pid: Int32 { process.processIdentifier }

    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` (`SIGTERM`, `SIGHUP` …).
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits up to `timeout` for the child to end; `nil` if it is still running then.
    public func waitForExit(timeout: Duration = .seconds(30)) async -> Termination? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
        // `isRunning` turns false before the status is stored; waiting once more is cheap.
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            return .signalled(process.terminationStatus)
        }
        return .exited(process.terminationStatus)
    }

    /// Everything the child wrote to stdout and stderr so far.
    public var standardError: String {
        (try? String(contentsOfFile: standardErrorPath, encoding: .utf8)) ?? ""
    }
}

/// A child process that could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
