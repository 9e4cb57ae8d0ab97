/// Why one cell's text is not a valid value, phrased as the rest of an issue message.
struct CellProblem: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    /// The value as shown in messages: quoted, and shortened when long.
    static func quote(_ value: String) -> String {
        let limit = 60
        guard value.count > limit else { return "\"\(value)\"" }
        return "\"\(value.prefix(limit))…\""
    }
}
