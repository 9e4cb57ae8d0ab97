import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether stderr goes to the systemd journal, so the right log format can be chosen.
///
/// systemd sets `$JOURNAL_STREAM` to `device:inode` of the stream it connected to stdout/stderr.
/// `man systemd.exec` advises comparing it with `fstat(2)` of the descriptor rather than only
/// testing that the variable exists, because children inherit the variable even when their
/// stderr was redirected elsewhere (`ocop-watch report 2> file` run from a unit's shell).
public enum JournalStream {
    /// `true` when stderr is the journal stream systemd set up for this service.
    public static var isStderrJournal: Bool {
        isConnected(fileDescriptor: STDERR_FILENO, journalStream: getenv("JOURNAL_STREAM").map { String(cString: $0) })
    }

    /// Whether `fileDescriptor` is the stream named by a `$JOURNAL_STREAM` value (`device:inode`).
    public static func isConnected(fileDescriptor: Int32, journalStream: String?) -> Bool {
        guard let journalStream else { return false }
        let parts = journalStream.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(fileDescriptor, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    /// The stderr handler for this process: ``JournaldLogHandler`` under journald,
    /// ``TerminalLogHandler`` otherwise. Pass it to `LoggingSystem.bootstrap`.
    public static func standardErrorHandler(
        label: String,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) -> any LogHandler {
        if isStderrJournal {
            JournaldLogHandler(label: label, metadataProvider: metadataProvider)
        } else {
            TerminalLogHandler(label: label, metadataProvider: metadataProvider)
        }
    }
}
