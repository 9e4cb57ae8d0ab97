extension Product {
    /// Whether the certificate's `valid_until` lies before `day`. The catalog's status may not
    /// have caught up with it, so reports mark such a certificate rather than drop it.
    public func isPastValidUntil(on day: CivilDate) -> Bool {
        // ISO dates order as text.
        validUntil.map { $0 < day } ?? false
    }
}
