public import Foundation
public import OCOPCore

/// What the store remembers of one pass.
///
/// A pass is *finished* only when ``ObservationStore/finishPass(_:endedAt:counts:error:)`` was
/// called: a pass cut short by a crash or a power cut stays unfinished for ever, so it can never
/// be mistaken for a complete check of the catalog.
public struct PassRecord: Sendable, Hashable {
    public var id: PassID
    /// What started the pass, e.g. `scheduled`, `once` or `check`.
    public var kind: String
    public var startedAt: Date
    /// `nil` while the pass runs, and for ever when it never finished.
    public var endedAt: Date?
    /// Checks per status as reported when the pass finished.
    public var counts: [ListingStatus: Int]
    /// Why the pass failed as a whole, when it did.
    public var error: String?
    /// Observations recorded under this pass so far.
    public var observationCount: Int

    public init(
        id: PassID,
        kind: String,
        startedAt: Date,
        endedAt: Date? = nil,
        counts: [ListingStatus: Int] = [:],
        error: String? = nil,
        observationCount: Int = 0
    ) {
        self.id = id
        self.kind = kind
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.counts = counts
        self.error = error
        self.observationCount = observationCount
    }

    public var isFinished: Bool { endedAt != nil }

    /// Finished without a pass-level error: what "the last successful pass" means in alerts.
    public var isCompleted: Bool { isFinished && error == nil }
}
