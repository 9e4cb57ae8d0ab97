import Foundation
import MockMarketplace
import OCOPCore
import Testing

@Suite("Website and feed responses")
struct WebsiteAndFeedResponseTests {
    let url = "https://postmart.vn/san-pham/tra-sen-123"

    @Test(arguments: [
        (MockItemState.active, "https://schema.org/InStock"), (.outOfStock, "https://schema.org/OutOfStock"),
    ])
    func productPagesCarrySchemaOrgProduct(state: MockItemState, availability: String) throws {
        let response = WebsiteResponseBuilder().response(for: fixedItem(.website, url, state: state))
        #expect(response.status == 200)
        #expect(response.contentLength == 40_000)
        let product = try Document.embedded(in: response.bodyText, after: #"<script type="application/ld+json">"#)
        #expect(product.string("@type") == "Product")
        #expect(product.string("name") == "Trà sen Tháp Mười túi lọc hộp 25 gói - OCOP 4 sao")
        #expect(product.string("offers.availability") == availability)
        #expect(product.string("offers.price") == "95000")
        #expect(product.string("offers.priceCurrency") == "VND")
        #expect(product.string("offers.seller.name") == "HTX Sen Tháp Mười")
        #expect(product.string("offers.url") == url)
    }

    @Test(arguments: [
        (MockItemState.notFound, 404), (.delisted, 410), (.regionUnavailable, 410), (.blocked, 403),
    ])
    func otherStatesAreErrorPages(state: MockItemState, status: Int) {
        let response = WebsiteResponseBuilder().response(for: fixedItem(.website, url, state: state))
        #expect(response.status == status)
        #expect(!response.bodyText.contains("ld+json"))
    }

    @Test func feedsListEveryItemWithItsFeedStatus() throws {
        let items = [
            MockItem(
                marketplace: .shopee,
                itemID: "1",
                state: .active,
                priceVND: 85_000,
                stock: 152,
                url: "https://shopee.vn/x-i.2.1"
            ),
            MockItem(marketplace: .shopee, itemID: "2", state: .outOfStock),
            MockItem(marketplace: .shopee, itemID: "3", state: .delisted),
            MockItem(marketplace: .shopee, itemID: "4", state: .notFound),
            MockItem(marketplace: .shopee, itemID: "5", state: .blocked),
        ]
        let generatedAt = Date(timeIntervalSince1970: 1_790_000_000)
        let response = FeedResponseBuilder().response(marketplace: .shopee, items: items, generatedAt: generatedAt)
        let feed = try Document.object(response)
        #expect(feed.string("format") == "ocop-watch-feed/1")
        #expect(feed.string("marketplace") == "shopee")
        #expect(feed.string("generated_at") == "2026-09-21T14:13:20Z")
        #expect(feed["complete"] as? Bool == true)
        let entries = try #require(feed["items"] as? [[String: Any]])
        #expect(entries.map { $0.string("item_id") } == ["1", "2", "3", "4", "5"])
        #expect(entries.map { $0.string("status") } == ["active", "out_of_stock", "delisted", "delisted", "active"])
        #expect(entries[0].string("url") == "https://shopee.vn/x-i.2.1")
        #expect(entries[0].int("price_vnd") == 85_000)
        #expect(entries[0].int("stock") == 152)
        #expect(entries[1].isNull("url"))
        #expect(entries[1].int("stock") == 0)
        for entry in entries {
            for key in ["title", "price_vnd", "original_price_vnd", "seller", "stock", "sold"] {
                #expect(entry[key] != nil && !(entry[key] is NSNull))
            }
        }
    }
}
