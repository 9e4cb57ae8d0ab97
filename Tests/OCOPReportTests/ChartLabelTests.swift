import Foundation
import OCOPCore
import Testing

@testable import OCOPReport

/// Chart labels are cut by the room they take, not by their count of characters.
@Suite struct ChartLabelTests {
    @Test func labelsAreCutToTheirWidth() {
        let room = 198.0
        #expect(HTMLReport.truncated("sendo (không tính / not counted)", width: room) == "sendo (không tính / not counted)")
        let capitals = HTMLReport.truncated("THÀNH PHỐ HỒNG NGỰ MỚI MỞ RỘNG ĐẶC BIỆT SỐ MỘT", width: room)
        #expect(capitals.hasPrefix("THÀNH PHỐ HỒNG NGỰ") && capitals.hasSuffix("…"), "\(capitals)")
        // The same count in capitals is cut shorter than in small letters.
        let small = HTMLReport.truncated("thành phố hồng ngự mới mở rộng đặc biệt số một", width: room)
        #expect(capitals.count < small.count, "\(capitals) / \(small)")
        #expect(capitals.count < 34, "\(capitals.count) characters")
    }
}

/// The trend's latest values stay inside the chart and apart, at 0 % and at 100 % too.
@Suite struct TrendLabelTests {
    /// The baselines of the chart's bold labels, the latest values.
    static func labelBaselines(_ product: Double, _ producer: Double) throws -> [Double] {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let points = [0.0, 86_400].map { CoverageTrendPoint(date: start + $0, productPercent: product, producerPercent: producer) }
        let svg = HTMLReport.trendChart(points, target: 100, timeZone: TimeZone(secondsFromGMT: 7 * 3_600)!)
        return svg.components(separatedBy: "<text").filter { $0.contains("font-weight=\"bold\"") }.compactMap { tag in
            tag.components(separatedBy: " y=\"").dropFirst().first?.split(separator: "\"").first.flatMap { Double($0) }
        }
    }

    @Test(arguments: [(0.0, 0.0), (0.0, 3.0), (100.0, 100.0), (100.0, 97.0), (50.0, 50.0)])
    func latestValuesStayInsideAndApart(product: Double, producer: Double) throws {
        let baselines = try Self.labelBaselines(product, producer).sorted()
        #expect(baselines.count == 2)
        // Text 12 px high: a baseline under 12 loses the top; the dates are written at 218.
        #expect(baselines.allSatisfy { $0 >= 12 && $0 <= 200 }, "\(baselines)")
        #expect(baselines[1] - baselines[0] >= 13, "\(baselines)")
    }
}
