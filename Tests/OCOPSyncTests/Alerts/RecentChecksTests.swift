import Foundation
import OCOPCore
import Testing

@testable import OCOPSync

/// The daemon judges `adapter_degraded` on each listing's latest check within its interval,
/// not on the few checks of one batch.
@Suite struct RecentChecksTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    func check(_ index: Int, _ marketplace: MarketplaceID, _ status: ListingStatus, after seconds: TimeInterval) -> Observation {
        Observation(
            listing: ListingKey(productID: "P\(index)", url: "https://\(marketplace).example/\(index)"),
            marketplace: marketplace,
            checkedAt: start + seconds,
            verdict: Verdict(status: status)
        )
    }

    @Test func checksSpreadOverManyBatchesAddUp() {
        var recent = RecentChecks()
        // Twelve batches a minute apart, one website check each: no batch alone reaches ten.
        for index in 0..<12 {
            recent.record([check(index, .website, .unparseable, after: Double(index) * 60)])
        }
        let counts = recent.counts(at: start + 12 * 60) { _ in 6 * 3600 }
        #expect(counts == [.website: [.unparseable: 12]])
    }

    @Test func aListingCountsOnceWithItsLatestCheck() {
        var recent = RecentChecks()
        recent.record([check(1, .tiki, .blocked, after: 0), check(1, .tiki, .active, after: 60)])
        // Recorded out of order: the earlier check does not replace the later one.
        recent.record([check(1, .tiki, .unreachable, after: 30)])
        #expect(recent.counts(at: start + 120) { _ in 3600 } == [.tiki: [.active: 1]])
    }

    @Test func checksOlderThanTheirMarketplacesIntervalAreForgotten() {
        var recent = RecentChecks()
        recent.record([check(1, .tiki, .blocked, after: 0), check(2, .shopee, .blocked, after: 0)])
        let window: (MarketplaceID) -> TimeInterval = { $0 == .tiki ? 3600 : 6 * 3600 }
        #expect(recent.counts(at: start + 2 * 3600, window: window) == [.shopee: [.blocked: 1]])
        // Forgotten for good, even when asked with a longer window afterwards.
        #expect(recent.counts(at: start + 2 * 3600) { _ in 6 * 3600 } == [.shopee: [.blocked: 1]])
    }
}
