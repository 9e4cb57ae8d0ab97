import OCOPCore
import Testing

@testable import OCOPSync

/// `check`'s text: prices as Vietnamese write them, and no line for what a verdict does not know.
@Suite struct CheckTextTests {
    @Test func pricesAreGroupedAndUnknownValuesLeaveNoLine() {
        let verdict = Verdict(status: .active, title: "Trà sen", priceVND: 1_250_000, originalPriceVND: 43_000, itemID: "")
        let text = WatchContext.render(verdict, marketplace: .shopee, finalURL: "", json: false)
        #expect(text.contains("  price: 1.250.000 ₫\n"), "\(text)")
        #expect(text.contains("  original price: 43.000 ₫"), "\(text)")
        #expect(!text.contains("item id:"), "\(text)")
        #expect(!text.contains("final URL:"), "\(text)")
        #expect(WatchContext.dong(950) == "950 ₫")
        #expect(WatchContext.dong(1000) == "1.000 ₫")
    }
}
