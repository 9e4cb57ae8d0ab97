/// A `FetchEngine.Configuration` that cannot work, found when the engine is created rather
/// than on the first request.
public struct FetchConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration field at fault, e.g. `caBundlePath`.
    public var field: String
    /// What is wrong and what to do about it.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "fetch configuration, \(field): \(message)" }
}
