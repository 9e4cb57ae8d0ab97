import Foundation
import Yams

/// Reads one YAML mapping, remembering which keys were consumed so leftovers are reported as
/// unknown: a typo in a config key must be an error, not a silently ignored setting.
struct ConfigNodeReader {
    let node: Node?
    let path: String
    let context: ConfigNodeReader.Context

    /// Shared facts for error messages: the file name and which keys came from the environment.
    final class Context {
        let source: String
        /// Key path → the variable that overrides it.
        let environmentKeys: [String: String]
        /// Key path → the overriding value.
        let environmentValues: [String: String]
        var consumed: Set<String> = []

        init(source: String, environment: [String: (variable: String, value: String)]) {
            self.source = source
            self.environmentKeys = environment.mapValues(\.variable)
            self.environmentValues = environment.mapValues(\.value)
        }
    }

    init(node: Node?, path: String, context: Context) {
        self.node = node
        self.path = path
        self.context = context
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ message: String, at node: Node? = nil) -> ConfigurationError {
        let full = keyPath(key)
        if let variable = context.environmentKeys[full] {
            return ConfigurationError(source: "environment variable \(variable)", key: full, message: message)
        }
        // The key's own line when the caller has no better node, not the section's first line.
        let located = node ?? (try? mapping())?.first { $0.key == key }?.value ?? self.node
        return ConfigurationError(source: context.source, line: located?.mark?.line, key: full, message: message)
    }

    /// The mapping's entries, or an error when the node is something else.
    func mapping() throws(ConfigurationError) -> [(key: String, keyNode: Node, value: Node)] {
        guard let node else { return [] }
        if node.null != nil, node.scalar != nil { return [] }
        guard let mapping = node.mapping else {
            // A section given a value by a variable (OCOP_WATCH__HTTP=abc) is the variable's fault.
            let variable = context.environmentKeys[path]
            throw ConfigurationError(
                source: variable.map { "environment variable \($0)" } ?? context.source,
                line: variable == nil ? node.mark?.line : nil,
                key: path,
                message: "expected a mapping of keys to values"
            )
        }
        return mapping.compactMap { pair in pair.key.string.map { ($0, pair.key, pair.value) } }
    }

    /// The value for a key: an environment override wins over the file.
    func child(_ key: String) throws(ConfigurationError) -> Node? {
        let full = keyPath(key)
        context.consumed.insert(full)
        if let override = context.environmentValues[full] {
            return Node(override, Tag(.str, .basic), .singleQuoted)
        }
        return try mapping().first { $0.key == key }?.value
    }

    func section(_ key: String) throws(ConfigurationError) -> ConfigNodeReader {
        ConfigNodeReader(node: try child(key), path: keyPath(key), context: context)
    }

    /// Fails on any key of this mapping that no reader asked for, naming the key it was probably
    /// meant to be, or else the keys this section has: an installed server has no copy of the
    /// example config to compare with.
    func rejectUnknownKeys(allowing extra: Set<String> = []) throws(ConfigurationError) {
        for (key, keyNode, _) in try mapping() where !context.consumed.contains(keyPath(key)) && !extra.contains(key) {
            let prefix = path.isEmpty ? "" : path + "."
            let known = context.consumed.compactMap { full -> String? in
                guard full.hasPrefix(prefix), !full.dropFirst(prefix.count).contains(".") else { return nil }
                return String(full.dropFirst(prefix.count))
            }.sorted()
            let nearest = known.map { ($0, Self.editDistance($0, key)) }.min { $0.1 < $1.1 }
            let hint =
                if let (name, distance) = nearest, distance <= max(1, key.count / 3) {
                    "did you mean \(name)?"
                } else {
                    "the keys here are \(known.joined(separator: ", "))"
                }
            throw error(key, "unknown key; \(hint)", at: keyNode)
        }
    }

    /// Levenshtein's distance, for "did you mean": keys are short.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let (a, b) = (Array(a), Array(b))
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    private func scalarText(_ key: String) throws(ConfigurationError) -> (String, Node)? {
        guard let value = try child(key) else { return nil }
        if value.null != nil, value.scalar?.style == .plain { return nil }
        guard let text = value.scalar?.string else {
            throw error(key, "expected a single value, found a list or mapping", at: value)
        }
        return (text, value)
    }

    func string(_ key: String) throws(ConfigurationError) -> String? {
        try scalarText(key)?.0
    }

    func string(_ key: String, default value: String) throws(ConfigurationError) -> String {
        try string(key) ?? value
    }

    func bool(_ key: String, default value: Bool) throws(ConfigurationError) -> Bool {
        guard let (text, node) = try scalarText(key) else { return value }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "expected true or false, found '\(text)'", at: node)
        }
    }

    func int(_ key: String, default value: Int, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let (text, node) = try scalarText(key) else { return value }
        guard let number = Int(text) else { throw error(key, "expected a whole number, found '\(text)'", at: node) }
        guard range.contains(number) else {
            throw error(key, "\(number) is out of range \(range.lowerBound)…\(range.upperBound)", at: node)
        }
        return number
    }

    func double(_ key: String, default value: Double, range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
        guard let (text, node) = try scalarText(key) else { return value }
        guard let number = Double(text.replacingOccurrences(of: "%", with: "")) else {
            throw error(key, "expected a number, found '\(text)'", at: node)
        }
        guard range.contains(number) else {
            throw error(key, "\(text) is out of range \(range.lowerBound)…\(range.upperBound)", at: node)
        }
        return number
    }

    func duration(
        _ key: String,
        default value: TimeInterval,
        range: ClosedRange<TimeInterval> = 0...(366 * 86_400)
    ) throws(ConfigurationError) -> TimeInterval {
        guard let (text, node) = try scalarText(key) else { return value }
        guard let seconds = ConfigValue.duration(text) else {
            throw error(key, "expected a duration such as 30s, 5m, 6h or 7d, found '\(text)'", at: node)
        }
        guard range.contains(seconds) else {
            throw error(
                key,
                "'\(text)' is out of range \(Self.seconds(range.lowerBound))…\(Self.seconds(range.upperBound))",
                at: node
            )
        }
        return seconds
    }

    /// A duration that `off` switches off (`nil`); absent, the default.
    func duration(_ key: String, orOff value: TimeInterval?) throws(ConfigurationError) -> TimeInterval? {
        guard let (text, _) = try scalarText(key) else { return value }
        if text.lowercased() == "off" { return nil }
        return try duration(key, default: value ?? 0)
    }

    /// `0.1s`, `300s`: a bound as written in a config, without a fraction when it has none.
    /// A bound as the config would write it: `365d`, `6h`, `15m` or `300s`, the largest whole unit.
    private static func seconds(_ value: TimeInterval) -> String {
        guard value == value.rounded() else { return "\(value)s" }
        let whole = Int(value)
        for (unit, length) in [("d", 86_400), ("h", 3_600), ("m", 60)] where whole >= length && whole % length == 0 {
            return "\(whole / length)\(unit)"
        }
        return "\(whole)s"
    }

    func optionalDuration(_ key: String) throws(ConfigurationError) -> TimeInterval? {
        guard let (text, node) = try scalarText(key) else { return nil }
        guard let seconds = ConfigValue.duration(text) else {
            throw error(key, "expected a duration such as 30s, 5m, 6h or 7d, found '\(text)'", at: node)
        }
        return seconds
    }

    func byteCount(_ key: String, default value: Int, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let (text, node) = try scalarText(key) else { return value }
        guard let bytes = ConfigValue.byteCount(text) else {
            throw error(key, "expected a size such as 512KiB or 8MiB, found '\(text)'", at: node)
        }
        guard range.contains(bytes) else {
            throw error(key, "\(text) is out of range \(range.lowerBound)…\(range.upperBound) bytes", at: node)
        }
        return bytes
    }

    func date(_ key: String) throws(ConfigurationError) -> Date? {
        guard let (text, node) = try scalarText(key) else { return nil }
        guard let date = ConfigValue.date(text) else {
            throw error(key, "expected a date YYYY-MM-DD, found '\(text)'", at: node)
        }
        return date
    }

    /// A list of strings; a single scalar is accepted as a one-element list.
    func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let value = try child(key) else { return nil }
        if value.null != nil, value.scalar?.style == .plain { return nil }
        if let text = value.scalar?.string {
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        guard let sequence = value.sequence else { throw error(key, "expected a list", at: value) }
        var result: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string else { throw error(key, "expected a list of values", at: item) }
            result.append(text)
        }
        return result
    }

    /// A list whose every element must be one of `allowed`.
    func choices(_ key: String, allowed: Set<String>) throws(ConfigurationError) -> [String]? {
        guard let values = try strings(key) else { return nil }
        for value in values where !allowed.contains(value) {
            throw error(key, "'\(value)' is not one of \(allowed.sorted().joined(separator: ", "))")
        }
        return values
    }

    /// Keys of this mapping (for sections whose keys are names, like `marketplaces`).
    func keys() throws(ConfigurationError) -> [String] {
        try mapping().map(\.key)
    }
}
