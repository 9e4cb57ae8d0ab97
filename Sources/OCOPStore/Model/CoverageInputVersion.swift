/// Which state of the store a coverage figure was computed from.
///
/// Coverage reads the catalog and each listing's latest observations, and only two writes change
/// them: recording observations and importing a catalog that changes something. Observations are
/// append-only and every changing import is logged, so the newest of each names the state: two
/// reads that find the same version read the same input.
public struct CoverageInputVersion: Sendable, Hashable {
    /// The newest observation (its row id in SQLite; the count recorded in memory), 0 for none.
    public var lastObservation: Int64
    /// The newest changing catalog import, 0 for none.
    public var lastImport: Int64

    public init(lastObservation: Int64 = 0, lastImport: Int64 = 0) {
        self.lastObservation = lastObservation
        self.lastImport = lastImport
    }
}
