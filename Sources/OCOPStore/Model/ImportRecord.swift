public import Foundation

/// One import that changed the catalog: when, from where, and what changed.
public struct ImportRecord: Sendable, Hashable {
    /// Where the catalog came from, as the importer described it (usually the file paths).
    public var source: String
    public var importedAt: Date
    public var summary: ImportSummary

    public init(source: String, importedAt: Date, summary: ImportSummary) {
        self.source = source
        self.importedAt = importedAt
        self.summary = summary
    }
}
