public import Foundation

/// When conditions become alerts, and how loudly: the `alerts:` section of the config.
///
/// The defaults follow the uptime monitors operators already know (Gatus' failure and success
/// thresholds, Alertmanager's repeat interval and grouping), tuned for passes that run hours apart:
/// see `docs/0010-coverage-and-alerts.md` for the reasoning behind each number.
public struct AlertRules: Sendable, Hashable, Codable {
    /// Consecutive evaluations a catalog- or clock-derived condition must hold before it fires.
    public var consecutiveToFire: Int
    /// Consecutive evaluations a condition concluded from listing checks must hold before it
    /// fires: one wrong 404 should not page anyone.
    public var observationConsecutiveToFire: Int
    /// Consecutive evaluations without a condition before its alert resolves.
    public var consecutiveToResolve: Int
    /// How often a still-firing alert is repeated; `nil` never repeats.
    public var reminderInterval: TimeInterval?
    /// Share (0–1) of a marketplace's checks in one pass that, when in `degradedStatuses`,
    /// makes the marketplace degraded.
    public var degradedShare: Double
    /// Fewer checks than this in a pass say too little to call a marketplace degraded.
    public var degradedMinimumChecks: Int
    /// Statuses that count against a marketplace's health: we could not read it.
    public var degradedStatuses: Set<ListingStatus>
    /// Without a completed pass for longer than this, `no_successful_pass` fires.
    public var maximumPassAge: TimeInterval
    /// A certificate whose `valid_until` falls within this horizon counts as expiring.
    public var certificateHorizon: TimeInterval
    /// The zone in which a certificate's civil `valid_until` date is read (the province's).
    public var timeZone: TimeZone
    /// Raise `coverage_below_target` per district as well as overall.
    public var districtCoverage: Bool
    /// More per-item events than this of one kind, state and marketplace in one step are sent
    /// as one grouped event.
    public var groupThreshold: Int
    /// How many item ids a grouped event quotes.
    public var groupSampleSize: Int
    /// Per-kind severity overrides; kinds absent here use ``AlertKind/defaultSeverity``.
    public var severities: [AlertKind: AlertSeverity]

    public init(
        consecutiveToFire: Int = 1,
        observationConsecutiveToFire: Int = 2,
        consecutiveToResolve: Int = 2,
        reminderInterval: TimeInterval? = 24 * 3600,
        degradedShare: Double = 0.5,
        degradedMinimumChecks: Int = 10,
        degradedStatuses: Set<ListingStatus> = [.blocked, .unparseable],
        maximumPassAge: TimeInterval = 36 * 3600,
        certificateHorizon: TimeInterval = 90 * 86_400,
        timeZone: TimeZone = AlertRules.provinceTimeZone,
        districtCoverage: Bool = true,
        groupThreshold: Int = 10,
        groupSampleSize: Int = 5,
        severities: [AlertKind: AlertSeverity] = [:]
    ) {
        self.consecutiveToFire = consecutiveToFire
        self.observationConsecutiveToFire = observationConsecutiveToFire
        self.consecutiveToResolve = consecutiveToResolve
        self.reminderInterval = reminderInterval
        self.degradedShare = degradedShare
        self.degradedMinimumChecks = degradedMinimumChecks
        self.degradedStatuses = degradedStatuses
        self.maximumPassAge = maximumPassAge
        self.certificateHorizon = certificateHorizon
        self.timeZone = timeZone
        self.districtCoverage = districtCoverage
        self.groupThreshold = groupThreshold
        self.groupSampleSize = groupSampleSize
        self.severities = severities
    }

    /// Vietnam's zone (UTC+07:00, no daylight saving), even where the tz database is missing.
    public static let provinceTimeZone: TimeZone =
        TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    /// The severity an alert of `kind` carries.
    public func severity(of kind: AlertKind) -> AlertSeverity {
        severities[kind] ?? kind.defaultSeverity
    }

    /// Consecutive evaluations a condition of `kind` must hold before it fires (at least 1).
    public func evaluationsToFire(_ kind: AlertKind) -> Int {
        max(1, kind.isObservationDerived ? observationConsecutiveToFire : consecutiveToFire)
    }
}
