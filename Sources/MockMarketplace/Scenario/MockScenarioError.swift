/// Why a scenario could not be loaded, with where in the file and what to change.
public struct MockScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file the scenario came from, when it came from one.
    public var file: String?
    /// Where in the document, e.g. `faults[1].ratio`; empty for the document as a whole.
    public var path: String
    public var message: String

    public init(file: String? = nil, path: String = "", message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String {
        let location = [file, path.isEmpty ? nil : path].compactMap { $0 }.joined(separator: ": ")
        return location.isEmpty ? message : "\(location): \(message)"
    }
}
