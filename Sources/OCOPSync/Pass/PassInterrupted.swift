/// `sync --once` stopped by Ctrl-C or SIGTERM before every listing was checked.
///
/// What was checked is committed and the pass is stored as interrupted, so it never counts as a
/// complete pass; coverage is not recomputed from half a pass. The command line says so and
/// exits 130, as a shell expects of an interrupted program.
public struct PassInterrupted: Error, Sendable, CustomStringConvertible {
    /// Checks recorded before the interruption.
    public var checked: Int
    /// Listings the pass was to check.
    public var expected: Int
    /// Why what was checked could not all be saved, or the pass closed; `nil` when it was.
    public var unsaved: String?

    public init(checked: Int, expected: Int, unsaved: String? = nil) {
        self.checked = checked
        self.expected = expected
        self.unsaved = unsaved
    }

    public var description: String {
        let done =
            unsaved.map { "\(checked) of \(expected) listings checked, but not all saved (\($0))" }
            ?? "\(checked) of \(expected) listings checked and saved"
        return "interrupted: \(done); coverage was not recomputed. Run `ocop-watch sync --once` again for a complete pass."
    }
}
