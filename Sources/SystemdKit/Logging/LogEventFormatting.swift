import Logging

/// What the text and JSON handlers share: metadata merging and single-line rendering.
enum LogEventFormatting {
    /// Merges metadata in swift-log's documented order: the handler's own, then the metadata
    /// provider's, then the call's; an attached error adds `error.message` and `error.type`.
    static func metadata(
        handler: Logger.Metadata,
        provider: Logger.MetadataProvider?,
        event: LogEvent
    ) -> Logger.Metadata {
        var merged = handler
        if let provided = provider?.get(), !provided.isEmpty {
            merged.merge(provided) { _, new in new }
        }
        if let explicit = event.metadata, !explicit.isEmpty {
            merged.merge(explicit) { _, new in new }
        }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        return merged
    }

    /// ` key=value key2="two words"`, keys sorted, or the empty string.
    static func keyValues(_ metadata: Logger.Metadata) -> String {
        var text = ""
        for key in metadata.keys.sorted() {
            text += " \(key)=\(quotedIfNeeded(singleLine("\(metadata[key]!)")))"
        }
        return text
    }

    /// Escapes control characters so one record stays one line (the journal and `tail -f`
    /// would otherwise show a continuation line as a record of its own).
    static func singleLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where isControl(scalar):
                escaped += "\\u{\(String(scalar.value, radix: 16))}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private static func quotedIfNeeded(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else {
            return value
        }
        return "\"" + value.replacingBackslashesAndQuotes() + "\""
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F
    }
}

extension String {
    fileprivate func replacingBackslashesAndQuotes() -> String {
        var result = ""
        for character in self {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            default: result.append(character)
            }
        }
        return result
    }
}

extension Logger.Level {
    /// The syslog priority journald records (`PRIORITY=`), from `<N>` at the start of a line.
    var syslogPriority: Int {
        switch self {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }
}
