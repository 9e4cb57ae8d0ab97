import Foundation

/// How wide a terminal is, for output that should not wrap on it.
public enum TerminalWidth {
    /// The columns of the terminal on `descriptor`, or nil when it is not a terminal (a pipe, a
    /// file, the journal): there, a table keeps each row on one line, for `grep`.
    public static func of(_ descriptor: Int32) -> Int? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
    }

    /// The terminal standard output is, if it is one.
    public static var standardOutput: Int? { of(STDOUT_FILENO) }
}
