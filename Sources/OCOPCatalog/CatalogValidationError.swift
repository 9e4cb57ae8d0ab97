/// Why a catalog was refused: every problem found, not just the first.
///
/// An officer fixing a spreadsheet wants the whole list in one go. The list is capped (see
/// ``CatalogParser/Configuration/maximumIssueCount``) so that a file in the wrong encoding or with
/// the wrong delimiter does not print ten thousand lines; ``omittedCount`` says how many were left out.
public struct CatalogValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The issues in file order, then line order.
    public var issues: [CatalogIssue]
    /// How many further issues were found but not listed.
    public var omittedCount: Int

    public init(issues: [CatalogIssue], omittedCount: Int = 0) {
        self.issues = issues
        self.omittedCount = omittedCount
    }

    public var description: String {
        var lines = issues.map(\.description)
        if omittedCount > 0 {
            lines.append("… and \(omittedCount) more \(omittedCount == 1 ? "issue" : "issues") not shown")
        }
        return lines.joined(separator: "\n")
    }
}
