public import Foundation
public import OCOPCore

/// The coverage figure over time, at a resolution that decays with age: fine for the last
/// couple of days, one point per day before that.
///
/// The daemon publishes after every batch, which can be every few seconds; a chart of the last
/// sixty publishes would cover minutes. This keeps at most one point per
/// ``Configuration/recentResolution`` within ``Configuration/recentSpan`` of the newest point,
/// and the last point of each day (in the province's zone) before that, for
/// ``Configuration/retention``, so a year of history is a few hundred points. Pure and
/// `Codable`: the driver loads it, calls ``record(_:)`` and saves it back.
public struct CoverageTrend: Sendable, Hashable, Codable {
    public struct Configuration: Sendable, Hashable {
        /// How far back from the newest point the fine resolution reaches.
        public var recentSpan: TimeInterval
        /// The finest spacing kept in the recent span; a newer point in the same slot replaces
        /// the older.
        public var recentResolution: TimeInterval
        /// Points older than this (from the newest) are dropped.
        public var retention: TimeInterval
        /// The zone whose days the older points are kept by.
        public var timeZone: TimeZone

        public init(
            recentSpan: TimeInterval = 2 * 86_400,
            recentResolution: TimeInterval = 600,
            retention: TimeInterval = 400 * 86_400,
            timeZone: TimeZone = AlertRules.provinceTimeZone
        ) {
            self.recentSpan = recentSpan
            self.recentResolution = recentResolution
            self.retention = retention
            self.timeZone = timeZone
        }
    }

    /// The points kept, oldest first.
    public private(set) var points: [CoverageTrendPoint]

    public init(points: [CoverageTrendPoint] = [], configuration: Configuration = Configuration()) {
        self.points = []
        for point in points.sorted(by: { $0.date < $1.date }) {
            record(point, configuration: configuration)
        }
    }

    /// Adds a point and thins the older ones. A point older than the newest one kept is placed
    /// in order, so a backfill from stored snapshots may arrive in any order.
    public mutating func record(_ point: CoverageTrendPoint, configuration: Configuration = Configuration()) {
        points.append(point)
        points.sort { $0.date < $1.date }
        guard let newest = points.last?.date else { return }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.timeZone
        let resolution = max(1, configuration.recentResolution)
        var kept: [CoverageTrendPoint] = []
        var slots: Set<String> = []
        // Newest first, so the latest point of each slot is the one kept.
        for candidate in points.reversed() {
            let age = newest.timeIntervalSince(candidate.date)
            guard age <= configuration.retention else { continue }
            let slot: String
            if age <= configuration.recentSpan {
                slot = "r\(Int((candidate.date.timeIntervalSince1970 / resolution).rounded(.down)))"
            } else {
                let day = calendar.dateComponents([.year, .month, .day], from: candidate.date)
                slot = "d\(day.year ?? 0)-\(day.month ?? 0)-\(day.day ?? 0)"
            }
            if slots.insert(slot).inserted { kept.append(candidate) }
        }
        points = kept.reversed()
    }
}
