public import Foundation
public import OCOPCore

/// The coverage figures of the last publication, stored with what they were computed from, so
/// that `coverage` prints them without computing them again while they still hold.
///
/// Publishing computes the figures after every pass anyway; at a hundred thousand listings,
/// computing them again for each `coverage` costs a quarter of a second, reading them back a few
/// milliseconds. The figures hold while the store's data is the ``version`` they were computed
/// from (the store checks that when reading), the rules and the program are the same, and the
/// clock is between their ``CoverageFigures/generatedAt`` and ``validUntil``.
public struct CoverageResult: Sendable, Hashable {
    /// The figures as computed; ``CoverageFigures/generatedAt`` is when.
    public var figures: CoverageFigures
    /// The state of the store they were computed from.
    public var version: CoverageInputVersion
    /// The program that computed them (its version): another may count differently.
    public var program: String
    /// The earliest moment at which the same input could give other figures only because time
    /// passed (``CoverageCalculator/validUntil(listings:from:)``); `nil` when none can.
    public var validUntil: Date?

    public init(figures: CoverageFigures, version: CoverageInputVersion, program: String, validUntil: Date?) {
        self.figures = figures
        self.version = version
        self.program = program
        self.validUntil = validUntil
    }

    /// Whether a fresh computation by `rules` and `program` at `now`, from the data these figures
    /// were computed from, would give these figures (apart from the moment they are printed for).
    ///
    /// A clock set back before the computation refuses them too: a channel window may have
    /// opened between that moment and the computation.
    public func answers(rules: CoverageRules, program: String, at now: Date) -> Bool {
        figures.rules == rules && self.program == program && figures.generatedAt <= now
            && validUntil.map { now < $0 } ?? true
    }
}
