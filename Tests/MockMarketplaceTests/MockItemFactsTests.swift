import MockMarketplace
import OCOPCore
import Testing

@Suite("Item facts")
struct MockItemFactsTests {
    @Test func missingFactsAreSyntheticButStable() {
        let one = MockItemFacts(MockItem(marketplace: .tiki, itemID: "274850011"))
        let two = MockItemFacts(MockItem(marketplace: .tiki, itemID: "274850011"))
        #expect(one == two)
        #expect(!one.title.isEmpty && !one.seller.isEmpty)
        #expect((30_000...500_000).contains(one.priceVND))
        #expect(one.originalPriceVND >= one.priceVND)
        #expect(one.stock > 0)
        let other = MockItemFacts(MockItem(marketplace: .lazada, itemID: "274850011"))
        #expect(other.derivedNumber != one.derivedNumber)
    }

    @Test func givenFactsWin() {
        let facts = fixedItem(.tiki, "1")
        #expect(facts.title == "Trà sen Tháp Mười túi lọc hộp 25 gói - OCOP 4 sao")
        #expect(facts.priceVND == 95_000)
        #expect(facts.originalPriceVND == 120_000)
        #expect(facts.seller == "HTX Sen Tháp Mười")
        #expect(facts.stock == 86)
        #expect(facts.sold == 412)
    }

    @Test(arguments: [MockItemState.outOfStock, .delisted, .notFound, .regionUnavailable, .blocked])
    func onlyActiveItemsHaveStock(state: MockItemState) {
        #expect(fixedItem(.tiki, "1", state: state).stock == 0)
        #expect(fixedItem(.tiki, "1").with(state: state).stock == 0)
    }

    @Test func unlistedItemsAreNotFound() {
        #expect(MockItemFacts(marketplace: .shopee, itemID: "9").state == .notFound)
    }
}

@Suite("Routes")
struct MockRouteTests {
    @Test(
        arguments: [
            ("nem-lai-vung-dong-thap-i2345678901-s11223344556", "2345678901", "11223344556"),
            ("hat-sen-say-gion-dong-thap-hu-200g-i3456789012", "3456789012", nil),
            ("i2345678901-s11223344556", "2345678901", "11223344556"),
            ("i2345678901", "2345678901", nil),
        ] as [(String, String, String?)])
    func lazadaPagesYieldItemAndSku(page: String, item: String, sku: String?) {
        #expect(MockRoute.lazadaProduct(page: page) == .lazadaProduct(itemID: item, skuID: sku))
    }

    @Test(arguments: ["nem-lai-vung", "nem-lai-vung-s123", "nem-i12x"])
    func lazadaPagesWithoutAnItemAreRejected(page: String) {
        #expect(MockRoute.lazadaProduct(page: page) == nil)
    }

    @Test func sendoItemsAreTheTrailingIdOrTheSlug() {
        let slug = "nem-lai-vung-500g-48123567"
        #expect(MockRoute.sendoProduct(slug: slug).candidateItemIDs == ["48123567", slug])
        #expect(MockRoute.sendoProduct(slug: "nem-lai-vung").candidateItemIDs == ["nem-lai-vung"])
    }

    @Test func websitePagesRebuildTheListingURL() {
        let route = MockRoute.websitePage(pathAfterSite: "postmart.vn/san-pham/123", query: "ref=ocop")
        #expect(route == .websitePage(url: "https://postmart.vn/san-pham/123?ref=ocop"))
        #expect(
            route?.candidateItemIDs == ["https://postmart.vn/san-pham/123?ref=ocop", "https://postmart.vn/san-pham/123"]
        )
        let home = MockRoute.websitePage(pathAfterSite: "postmart.vn", query: nil)
        #expect(home == .websitePage(url: "https://postmart.vn/"))
        #expect(MockRoute.websitePage(pathAfterSite: "", query: nil) == nil)
    }

    @Test func feedsAndTheHomePageCountApart() {
        #expect(MockRoute.feed(marketplace: .shopee).marketplace == .feed)
        #expect(MockRoute.feed(marketplace: .shopee).name == "feed.shopee")
        #expect(MockRoute.home.marketplace == .sendo)
    }
}
