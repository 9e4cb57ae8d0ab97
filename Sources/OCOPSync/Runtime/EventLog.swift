import Logging
import SystemdKit

/// The event log (`paths.event_log`): one JSON line per daemon batch or `sync --once` pass and per
/// notable event (start, reload, breaker opened or closed, errors, stop), for `jq` and for the
/// operator's own history, beside the operational log on stderr (the journal).
///
/// Each record carries `meta.event` (`batch`, `pass`, `reload`, `breaker_opened` …) so a script can select
/// one kind. Notable events are echoed to the operational log; batch records are not, to keep the
/// journal short (the STATUS line carries the same figures).
///
/// The file is a ``LogFile``: records are single `O_APPEND` writes, and ``reopen(path:)`` on
/// SIGHUP follows logrotate's rename. If the file cannot be opened, records go to the
/// operational log only, and the failure is reported there.
struct EventLog {
    private(set) var file: LogFile?
    private var events: Logger?
    let operational: Logger

    init(path: String, operational: Logger) {
        self.operational = operational
        open(path)
    }

    /// Opens `path` anew (after logrotate renamed the file, or when the config names another one).
    /// A failure keeps the old file, if any.
    mutating func reopen(path: String) {
        if let file, file.path == path {
            do {
                try file.reopen()
            } catch {
                operational.error("cannot reopen the event log; still writing to the old file", metadata: ["error": "\(error)"])
            }
            return
        }
        open(path)
    }

    /// Writes one record; `echo` also sends it to the operational log at `level`.
    func record(
        _ event: String,
        _ message: String,
        level: Logger.Level = .info,
        echo: Bool = true,
        metadata: Logger.Metadata = [:]
    ) {
        var fields = metadata
        fields["event"] = .string(event)
        events?.log(level: level, "\(message)", metadata: fields)
        if echo || events == nil {
            operational.log(level: level, "\(message)", metadata: metadata)
        }
    }

    private mutating func open(_ path: String) {
        do {
            let file = try LogFile(path: path)
            self.file = file
            var logger = Logger(label: "ocop-watch.events") { label in
                JSONLinesLogHandler(label: label, file: file, metadataProvider: nil)
            }
            logger.logLevel = .info
            events = logger
        } catch {
            operational.error(
                "cannot open the event log; events go to this log only",
                metadata: ["error": "\(error)"]
            )
        }
    }
}
