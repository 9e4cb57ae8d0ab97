import Logging

/// Writes one JSON object per record to a ``LogFile``, for the event log that scripts and `jq` read.
///
/// A record looks like
/// `{"ts":"2025-03-01T02:03:04.567Z","level":"info","label":"ocop.sync","msg":"pass finished","meta":{"checked":120}}`:
/// UTC time with milliseconds, the metadata (sorted keys) under `meta` when there is any.
/// Each record is a single `write(2)` on an `O_APPEND` descriptor, so records from concurrent
/// tasks stay whole, and the file can be rotated (``LogFile/reopen()``).
///
/// If the file cannot be written (disk full), the record goes to stderr instead, so it still
/// reaches the journal.
public struct JSONLinesLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    /// The logger's label, written as `label`.
    public let label: String
    /// The file records are appended to; share one instance between all handlers of a file.
    public let file: LogFile

    public init(
        label: String,
        file: LogFile,
        metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider
    ) {
        self.label = label
        self.file = file
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = LogEventFormatting.metadata(handler: metadata, provider: metadataProvider, event: event)
        let line = Self.encode(event, label: label, metadata: merged, timestamp: Timestamp.utc())
        do {
            try file.append(line: line)
        } catch {
            RecordWriter.standardError.write("\(line)\n")
        }
    }

    /// The JSON line for one record, without the newline.
    static func encode(_ event: LogEvent, label: String, metadata: Logger.Metadata, timestamp: String) -> String {
        var line = "{\"ts\":\"\(timestamp)\",\"level\":\"\(event.level)\",\"label\":"
        JSONText.appendString(label, to: &line)
        line += ",\"msg\":"
        JSONText.appendString(event.message.description, to: &line)
        if !metadata.isEmpty {
            line += ",\"meta\":"
            JSONText.appendObject(metadata, to: &line)
        }
        line += "}"
        return line
    }
}
