/// A configuration problem, naming where it is so the operator can fix it in one edit.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, or `environment` when the value came from a variable.
    public var source: String
    /// 1-based line in the YAML file, when known.
    public var line: Int?
    /// The dotted key path, e.g. `http.timeout`.
    public var key: String
    public var message: String

    public init(source: String, line: Int? = nil, key: String, message: String) {
        self.source = source
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        let location = line.map { "\(source):\($0)" } ?? source
        return key.isEmpty ? "\(location): \(message)" : "\(location): \(key): \(message)"
    }
}
