/// Counts against a target: the shape of every coverage figure we print.
public struct CoverageTally: Sendable, Hashable, Codable {
    public var total: Int
    public var covered: Int
    public var uncovered: Int
    public var unverified: Int
    public var target: Double

    public init(total: Int = 0, covered: Int = 0, uncovered: Int = 0, unverified: Int = 0, target: Double = 100) {
        self.total = total
        self.covered = covered
        self.uncovered = uncovered
        self.unverified = unverified
        self.target = target
    }

    /// Covered share of the total, 0–100; 0 when there is nothing to count.
    public var percent: Double { total == 0 ? 0 : Double(covered) * 100 / Double(total) }

    public var meetsTarget: Bool { total > 0 && percent + 1e-9 >= target }

    public mutating func add(_ state: CoverageState) {
        total += 1
        switch state {
        case .covered: covered += 1
        case .uncovered: uncovered += 1
        case .unverified: unverified += 1
        }
    }
}
