/// Fetch latencies of one marketplace in fixed buckets, as a Prometheus histogram needs them.
///
/// A value type the fetch driver updates with ``observe(_:)`` and hands to ``MetricsSnapshot``;
/// it stores per-bucket counts, and ``PrometheusText`` makes them cumulative.
public struct LatencyHistogram: Sendable, Hashable, Codable {
    /// Upper bounds in seconds, ascending; an implicit `+Inf` bucket follows.
    public private(set) var upperBounds: [Double]
    /// Observations per bucket (not cumulative); one more entry than `upperBounds`, for `+Inf`.
    public private(set) var bucketCounts: [Int]
    /// Sum of all observed seconds.
    public private(set) var sum: Double
    public private(set) var count: Int

    /// Marketplace pages take from a tenth of a second to the 30 s timeout.
    public static let defaultUpperBounds: [Double] = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

    public init(upperBounds: [Double] = LatencyHistogram.defaultUpperBounds) {
        self.upperBounds = Array(Set(upperBounds.filter(\.isFinite))).sorted()
        self.bucketCounts = Array(repeating: 0, count: self.upperBounds.count + 1)
        self.sum = 0
        self.count = 0
    }

    /// Records one fetch that took `seconds`.
    public mutating func observe(_ seconds: Double) {
        let index = upperBounds.firstIndex { seconds <= $0 } ?? upperBounds.count
        bucketCounts[index] += 1
        sum += seconds
        count += 1
    }

    /// `(upper bound, observations at or below it)` for every bucket, `+Inf` last.
    public var cumulativeBuckets: [(upperBound: Double, count: Int)] {
        var running = 0
        return (upperBounds + [.infinity]).enumerated().map { index, bound in
            running += bucketCounts[index]
            return (bound, running)
        }
    }
}
