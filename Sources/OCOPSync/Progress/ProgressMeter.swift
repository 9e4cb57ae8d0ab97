import Foundation

/// Done / total, rate and ETA of a long command, as a pure value: the terminal writer only prints it.
public struct ProgressMeter: Sendable, Hashable {
    public let total: Int
    public let startedAt: Date
    public private(set) var done = 0

    public init(total: Int, startedAt: Date) {
        self.total = total
        self.startedAt = startedAt
    }

    public mutating func advance(by count: Int = 1) {
        done = min(total, done + count)
    }

    /// Items per second since the start.
    public func rate(at now: Date) -> Double {
        let elapsed = now.timeIntervalSince(startedAt)
        return elapsed > 0 ? Double(done) / elapsed : 0
    }

    /// Seconds left at the current rate; `nil` until there is a rate to go by.
    public func remaining(at now: Date) -> TimeInterval? {
        let rate = rate(at: now)
        guard rate > 0 else { return nil }
        return Double(total - done) / rate
    }

    /// `  312/1043  30%  52.1/s  ETA 0:14`
    public func line(at now: Date, label: String) -> String {
        let percent = total == 0 ? 100 : done * 100 / total
        let eta = remaining(at: now).map(Self.clock) ?? "--:--"
        let width = String(total).count
        let count = String(repeating: " ", count: max(0, width - String(done).count)) + "\(done)/\(total)"
        return "\(label) \(count) \(String(format: "%3d%%", percent)) \(String(format: "%6.1f/s", rate(at: now))) ETA \(eta)"
    }

    static func clock(_ seconds: TimeInterval) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, rest)
            : String(format: "%d:%02d", minutes, rest)
    }
}
