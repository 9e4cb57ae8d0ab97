import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes human-readable records to stderr: `2025-03-01 09:03:04.567 +0700 info ocop.sync: message key=value`.
///
/// For a person running the tool by hand; local time with its offset, since that is what the
/// person's clock shows. Under systemd use ``JournaldLogHandler`` instead.
public struct TerminalLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    /// The logger's label, printed before each message.
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
        let labelPart = label.isEmpty ? "" : " \(label):"
        writer.write(
            "\(Timestamp.local()) \(event.level)\(labelPart) \(message)\(LogEventFormatting.keyValues(merged))\n"
        )
    }
}
