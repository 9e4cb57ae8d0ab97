public import Foundation

/// A coverage report as computed at one moment, kept for the history of the figure.
///
/// The store treats the report as opaque JSON so that the report format can evolve without a
/// schema migration.
public struct CoverageSnapshot: Sendable, Hashable {
    public var id: Int64
    /// The pass the report was computed after, if any.
    public var passID: PassID?
    public var takenAt: Date
    public var json: Data

    public init(id: Int64, passID: PassID?, takenAt: Date, json: Data) {
        self.id = id
        self.passID = passID
        self.takenAt = takenAt
        self.json = json
    }
}
