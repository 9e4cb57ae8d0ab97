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

    public init(checked: Int, expected: Int) {
        self.checked = checked
        self.expected = expected
    }

    public var description: String {
        "interrupted: \(checked) of \(expected) listings checked and saved; coverage was not recomputed. "
            + "Run `ocop-watch sync --once` again for a complete pass."
    }
}
