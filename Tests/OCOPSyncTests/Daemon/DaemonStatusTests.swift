import Foundation
import Testing

@testable import OCOPSync

@Suite struct DaemonStatusTests {
    /// `systemctl status` must show the figure the report shows: cut, not rounded, so that
    /// 99.95 % never reads as the target met.
    @Test func coverageIsCutLikeEveryOtherFigure() {
        var status = DaemonStatus()
        status.coveredPercent = Double(112) * 100 / 581
        status.coveredProducts = 112
        status.countedProducts = 581
        #expect(status.line().hasPrefix("coverage 19.2% (112/581 products); 0 listings due, 0 in flight"))
        status.coveredPercent = 99.95
        #expect(status.line().hasPrefix("coverage 99.9% "))
    }
}
