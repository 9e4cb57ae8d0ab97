import Foundation

/// Shows a ``ProgressMeter`` on an interactive terminal, at most a few times a second, and stays
/// silent otherwise: under systemd or in a pipe, structured log lines tell the story instead.
public final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var meter: ProgressMeter
    private var lastDraw = Date.distantPast
    private let label: String
    private let enabled: Bool

    /// - Parameters:
    ///   - interactive: whether to draw; by default, when stderr is a terminal.
    public init(total: Int, label: String, interactive: Bool = TerminalProgress.stderrIsInteractive) {
        self.meter = ProgressMeter(total: total, startedAt: Date())
        self.label = label
        self.enabled = interactive
    }

    /// journald's stream is a socket, never a terminal; `$JOURNAL_STREAM` alone is inherited by
    /// an operator's shell started from a unit, whose terminal must still show progress.
    public static var stderrIsInteractive: Bool {
        isatty(STDERR_FILENO) == 1
    }

    public func advance(by count: Int = 1) {
        // Called once per check: when nothing is drawn, not even the lock and the clock are needed.
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        meter.advance(by: count)
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 || meter.done == meter.total else { return }
        lastDraw = now
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + meter.line(at: now, label: label)).utf8))
    }

    /// Ends the progress line so later output starts on a clean line.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + meter.line(at: Date(), label: label) + "\n").utf8))
    }
}
