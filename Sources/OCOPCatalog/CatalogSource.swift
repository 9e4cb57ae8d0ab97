public import Foundation

/// The bytes of one catalog file and the name to report issues under.
///
/// ``CatalogParser`` reads files itself; this type lets callers that already hold the bytes (an
/// upload, a test) use the same validation.
public struct CatalogSource: Sendable, Hashable {
    /// The name issues are reported under, normally the file name.
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}
