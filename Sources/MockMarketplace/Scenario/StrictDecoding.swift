import Foundation

/// A coding key for any string or index, used to list and report keys a type does not declare.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    init(index: Int) { self.init(intValue: index) }
}

extension Decoder {
    /// Throws when the object holds a key `Keys` does not declare, so a misspelt option
    /// (`"retry-after"`) is an error rather than a silently ignored setting.
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws {
        let container = try container(keyedBy: AnyCodingKey.self)
        let names = Keys.allCases.map(\.stringValue)
        let known = Set(names)
        if let unknown = container.allKeys.first(where: { !known.contains($0.stringValue) }) {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath + [unknown],
                    debugDescription:
                        "unknown key '\(unknown.stringValue)'; expected one of \(names.joined(separator: ", "))"
                )
            )
        }
    }
}

extension MockScenarioError {
    /// Turns a decoder error into a message that names the offending field the way the file spells it.
    init(decodingError: DecodingError, file: String?) {
        switch decodingError {
        case .typeMismatch(let type, let context):
            self.init(
                file: file,
                path: Self.render(context.codingPath),
                message: "expected \(Self.describe(type)): \(context.debugDescription)"
            )
        case .valueNotFound(let type, let context):
            self.init(
                file: file,
                path: Self.render(context.codingPath),
                message: "expected \(Self.describe(type)), found null"
            )
        case .keyNotFound(let key, let context):
            self.init(
                file: file,
                path: Self.render(context.codingPath + [key]),
                message: "required key is missing"
            )
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let reason = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
                self.init(
                    file: file,
                    message: "not valid JSON (\(reason ?? context.debugDescription)); check the file with a JSON linter"
                )
            } else {
                self.init(file: file, path: Self.render(context.codingPath), message: context.debugDescription)
            }
        @unknown default:
            self.init(file: file, message: "\(decodingError)")
        }
    }

    /// Renders a coding path as `faults[1].ratio`.
    static func render(_ path: [any CodingKey]) -> String {
        var rendered = ""
        for key in path {
            if let index = key.intValue {
                rendered += "[\(index)]"
            } else {
                rendered += rendered.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return rendered
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "a \(type)"
        }
    }
}
