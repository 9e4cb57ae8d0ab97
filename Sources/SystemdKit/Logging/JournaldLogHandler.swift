import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes records to stderr in the form journald reads best: `<6>label: message key=value`.
///
/// The `<N>` prefix is the syslog priority; journald strips it and stores it as `PRIORITY=`
/// (`SyslogLevelPrefix=` is on by default), so `journalctl -p warning` works. There is no
/// timestamp, because the journal records its own. Use it when ``JournalStream/isStderrJournal``
/// says stderr is connected to the journal.
public struct JournaldLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    /// The logger's label, printed before each message (`ocop.sync`, `ocop.fetch` …).
    public let label: String
    private let writer: RecordWriter

    /// - Parameters:
    ///   - label: the logger's label.
    ///   - fileDescriptor: where records go; stderr unless a test says otherwise.
    ///   - metadataProvider: adds contextual metadata to every record.
    public init(
        label: String,
        fileDescriptor: Int32 = STDERR_FILENO,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.label = label
        self.writer = RecordWriter(fileDescriptor: fileDescriptor)
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = LogEventFormatting.metadata(handler: metadata, provider: metadataProvider, event: event)
        let message = LogEventFormatting.singleLine(event.message.description)
        let labelPart = label.isEmpty ? "" : "\(label): "
        writer.write("<\(event.level.syslogPriority)>\(labelPart)\(message)\(LogEventFormatting.keyValues(merged))\n")
    }
}
