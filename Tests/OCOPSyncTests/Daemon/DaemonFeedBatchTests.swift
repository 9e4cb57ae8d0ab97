import OCOPCore
import Testing

@testable import OCOPSync

/// One read of a feed answers every listing of its marketplace: the daemon checks them all with
/// it, instead of reading the whole feed again for each listing as it falls due.
@Suite struct DaemonFeedBatchTests {
    let tiki = (0..<3).map { Listing(productID: "P\($0)", marketplace: .tiki, url: "https://tiki.vn/x-p\($0).html") }
    let lazada = Listing(productID: "P9", marketplace: .lazada, url: "https://www.lazada.vn/products/y-i9-s1.html")

    @Test func oneReadChecksEveryListingOfTheMarketplace() {
        let batch = DaemonSession.feedBatch(due: [tiki[1]], of: .tiki, among: tiki + [lazada], readInFlight: false)
        #expect(Set(batch.map(\.key)) == Set(tiki.map(\.key)))
    }

    @Test func whileAReadIsOutOnlyWhatFellDue() {
        let batch = DaemonSession.feedBatch(due: [tiki[1]], of: .tiki, among: tiki + [lazada], readInFlight: true)
        #expect(batch.map(\.key) == [tiki[1].key])
    }
}
