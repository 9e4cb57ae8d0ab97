import Foundation

/// Shows a ``ProgressMeter`` on an interactive terminal, at most a few times a second, and stays
/// silent otherwise: under systemd or in a pipe, structured log lines tell the story instead.
///
/// The line is redrawn with a carriage return and spaces over what is left of the previous one,
/// not with an escape sequence, so that it reads on `TERM=dumb` and in an editor's shell too, and
/// it is cut to the terminal's width, so that a narrow window does not wrap each redraw onto a
/// new line.
public final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var meter: ProgressMeter
    private var lastDraw = Date.distantPast
    private var drawnWidth = 0
    private let label: String
    private let enabled: Bool
    private let columns: Int

    /// - Parameters:
    ///   - interactive: whether to draw; by default, when stderr is a terminal.
    ///   - columns: the terminal's width; by default, what the terminal says (`COLUMNS`, else 80).
    public init(
        total: Int,
        label: String,
        interactive: Bool = TerminalProgress.stderrIsInteractive,
        columns: Int = TerminalProgress.terminalColumns
    ) {
        self.meter = ProgressMeter(total: total, startedAt: Date())
        self.label = label
        self.enabled = interactive
        self.columns = max(columns, 20)
    }

    /// journald's stream is a socket, never a terminal; `$JOURNAL_STREAM` alone is inherited by
    /// an operator's shell started from a unit, whose terminal must still show progress.
    public static var stderrIsInteractive: Bool {
        isatty(STDERR_FILENO) == 1
    }

    /// The width of the terminal on stderr, 80 when it says none.
    public static var terminalColumns: Int { TerminalWidth.of(STDERR_FILENO) ?? 80 }

    public func advance(by count: Int = 1) {
        // Called once per check: when nothing is drawn, not even the lock and the clock are needed.
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        meter.advance(by: count)
        drawIfDue()
    }

    /// Shows `done` of `total` for a caller that keeps its own count and learns the total as it
    /// goes (a catalog parse, which knows it once every file is read).
    public func update(done: Int, total: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if total != meter.total {
            meter = ProgressMeter(total: total, startedAt: meter.startedAt)
        }
        meter.advance(by: done - meter.done)
        drawIfDue()
    }

    /// Ends the progress line so later output starts on a clean line; nothing when no line was
    /// drawn (a catalog read before the first report).
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, lastDraw != .distantPast else { return }
        write(frame(meter.line(at: Date(), label: label)) + "\n")
    }

    private func drawIfDue() {
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 || meter.done == meter.total else { return }
        lastDraw = now
        write(frame(meter.line(at: now, label: label)))
    }

    /// `line` after a carriage return, cut to the terminal's width less one column (a line that
    /// fills the last column wraps on some terminals), with spaces over the rest of the last one.
    func frame(_ line: String) -> String {
        let shown = String(line.prefix(columns - 1))
        let width = shown.count
        defer { drawnWidth = width }
        return "\r" + shown + String(repeating: " ", count: max(0, drawnWidth - width))
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
