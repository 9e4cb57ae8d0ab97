import OCOPCore

extension JSONWriter {
    /// A tally as an object, its members in the encoder's (sorted) order; `meets_target` and
    /// `percent` only where the document has them. The coverage document, its stored snapshot
    /// and the snapshot's breakdown rows each write a different set.
    mutating func tally(
        covered: Int,
        meetsTarget: Bool? = nil,
        percent: Double? = nil,
        target: Double,
        total: Int,
        uncovered: Int,
        unverified: Int
    ) throws {
        beginObject()
        member("covered", covered)
        if let meetsTarget {
            key("meets_target")
            bool(meetsTarget)
        }
        if let percent {
            key("percent")
            try number(percent)
        }
        key("target")
        try number(target)
        member("total", total)
        member("uncovered", uncovered)
        member("unverified", unverified)
        endObject()
    }
}
