import Foundation
import OCOPCore
import OCOPReport
import Testing

@Suite("CoverageTrend")
struct CoverageTrendTests {
    let start = Date(timeIntervalSince1970: 1_748_736_000)  // 2025-06-01T07:00+07:00
    let configuration = CoverageTrend.Configuration(recentSpan: 86_400, recentResolution: 600, retention: 30 * 86_400)

    func point(_ offset: TimeInterval, _ percent: Double = 50) -> CoverageTrendPoint {
        CoverageTrendPoint(date: start + offset, productPercent: percent, producerPercent: percent)
    }

    @Test func keepsTheLatestPointOfEachRecentSlot() {
        var trend = CoverageTrend()
        for (offset, percent) in [(0.0, 10.0), (60, 11), (599, 12), (600, 13), (1800, 14)] {
            trend.record(point(offset, percent), configuration: configuration)
        }
        #expect(trend.points.map(\.productPercent) == [12, 13, 14])
    }

    @Test func keepsOnePointPerDayBeyondTheRecentSpan() {
        var trend = CoverageTrend()
        let hour: TimeInterval = 3600
        for step in 0..<(24 * 5) {
            trend.record(point(Double(step) * hour, Double(step)), configuration: configuration)
        }
        let newest = start + Double(24 * 5 - 1) * hour
        let old = trend.points.filter { newest.timeIntervalSince($0.date) > configuration.recentSpan }
        let days = Set(old.map { ReportDay.of($0.date) })
        #expect(old.count == days.count, "one per day: \(old.map(\.date))")
        #expect(trend.points.count <= 24 + 1 + 5)
        #expect(trend.points.last?.date == newest)
        #expect(trend.points == trend.points.sorted { $0.date < $1.date })
    }

    @Test func dropsPointsOlderThanTheRetention() {
        var trend = CoverageTrend()
        trend.record(point(0), configuration: configuration)
        trend.record(point(31 * 86_400), configuration: configuration)
        #expect(trend.points.count == 1)
    }

    @Test func acceptsABackfillInAnyOrderAndRoundTrips() throws {
        let points = [point(7200, 3), point(0, 1), point(3600, 2)]
        let trend = CoverageTrend(points: points, configuration: configuration)
        #expect(trend.points.map(\.productPercent) == [1, 2, 3])
        let decoded = try JSONDecoder().decode(CoverageTrend.self, from: try JSONEncoder().encode(trend))
        #expect(decoded == trend)
    }
}

/// A calendar day in the province's zone.
enum ReportDay {
    static func of(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = AlertRules.provinceTimeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.year ?? 0)-\(parts.month ?? 0)-\(parts.day ?? 0)"
    }
}
