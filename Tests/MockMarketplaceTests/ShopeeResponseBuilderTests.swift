import MockMarketplace
import OCOPCore
import Testing

@Suite("Shopee responses")
struct ShopeeResponseBuilderTests {
    let builder = ShopeeResponseBuilder()

    @Test(arguments: [
        (MockItemState.active, "normal", 1, 86),
        (.outOfStock, "normal", 1, 0),
        (.delisted, "banned", 0, 0),
    ])
    func getPCNestsTheItemWithPricesTimes100000(
        state: MockItemState,
        itemStatus: String,
        status: Int,
        stock: Int
    ) throws {
        let response = builder.response(
            for: fixedItem(.shopee, "23456789012", state: state),
            endpoint: .pdpGetPC,
            shopID: "1122334455",
            attempt: 0
        )
        #expect(response.status == 200)
        let body = try Document.object(response)
        #expect(body.isNull("error"))
        #expect(body.int("data.item.item_id") == 23_456_789_012)
        #expect(body.int("data.item.shop_id") == 1_122_334_455)
        #expect(body.string("data.item.title") == "Trà sen Tháp Mười túi lọc hộp 25 gói - OCOP 4 sao")
        #expect(body.int("data.item.price") == 9_500_000_000)
        #expect(body.int("data.item.price_before_discount") == 12_000_000_000)
        #expect(body.string("data.item.item_status") == itemStatus)
        #expect(body.int("data.item.status") == status)
        #expect(body.int("data.item.stock") == stock)
        #expect(body.int("data.item.models.0.stock") == stock)
        #expect(body.string("data.shop_detailed.name") == "HTX Sen Tháp Mười")
    }

    @Test func itemGetPutsTheFieldsUnderData() throws {
        let response = builder.response(
            for: fixedItem(.shopee, "23456789012", state: .outOfStock),
            endpoint: .itemGet,
            shopID: "1122334455",
            attempt: 0
        )
        let body = try Document.object(response)
        #expect(body.int("data.itemid") == 23_456_789_012)
        #expect(body.int("data.shopid") == 1_122_334_455)
        #expect(body.string("data.name") == "Trà sen Tháp Mười túi lọc hộp 25 gói - OCOP 4 sao")
        #expect(body.int("data.price") == 9_500_000_000)
        #expect(body.int("data.stock") == 0)
        #expect(body.int("data.historical_sold") == 412)
        #expect(body.string("data.item_status") == "normal")
    }

    @Test func unknownItemsGetTheNotFoundEnvelope() throws {
        let response = builder.response(
            for: MockItemFacts(marketplace: .shopee, itemID: "29999999999"),
            endpoint: .pdpGetPC,
            shopID: nil,
            attempt: 0
        )
        let body = try Document.object(response)
        #expect(body.int("error") == 4)
        #expect(body.string("error_msg") == "item not found")
        #expect(body.isNull("data"))
    }

    @Test func blockedAlternatesThe90309999EnvelopeBetween200And403() throws {
        let item = fixedItem(.shopee, "1", state: .blocked)
        let responses = (0..<4).map { builder.response(for: item, endpoint: .pdpGetPC, shopID: nil, attempt: $0) }
        #expect(responses.map(\.status) == [200, 403, 200, 403])
        for response in responses {
            let body = try Document.object(response)
            #expect(body.int("error") == 90_309_999)
            #expect(body["data"] == nil && body["error_msg"] == nil)
        }
        #expect(try Document.object(responses[0]).string("tracking_id") != nil)
        #expect(try Document.object(responses[1]).int("3") == 90_309_999)
    }
}
