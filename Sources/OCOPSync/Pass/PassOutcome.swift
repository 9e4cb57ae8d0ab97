import Foundation
import Logging
import OCOPConfig
public import OCOPCore

/// What one pass did, for the command line, the event log and the daemon's STATUS line.
public struct PassOutcome: Sendable {
    public var startedAt: Date
    public var endedAt: Date
    public var checks: Int
    public var counts: [ListingStatus: Int]
    public var coverage: CoverageReport
    /// The coverage table printed by `sync --once`.
    public var summary: String

    public var seconds: Double { endedAt.timeIntervalSince(startedAt) }
}
