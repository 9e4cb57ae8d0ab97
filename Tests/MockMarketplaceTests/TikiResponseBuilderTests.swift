import MockMarketplace
import OCOPCore
import Testing

@Suite("Tiki responses")
struct TikiResponseBuilderTests {
    let builder = TikiResponseBuilder()

    @Test(arguments: [
        (MockItemState.active, "available", 86),
        (.outOfStock, "out_of_stock", 0),
        (.delisted, "discontinued", 0),
        (.regionUnavailable, "discontinued", 0),
    ])
    func listedItemsCarryTheAPIv2Fields(state: MockItemState, inventoryStatus: String, qty: Int) throws {
        let response = builder.response(for: fixedItem(.tiki, "274850011", state: state))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/json; charset=utf-8")
        let body = try Document.object(response)
        #expect(body.int("id") == 274_850_011)
        #expect(body.string("name") == "Trà sen Tháp Mười túi lọc hộp 25 gói - OCOP 4 sao")
        #expect(body.int("price") == 95_000)
        #expect(body.int("list_price") == 120_000)
        #expect(body.int("original_price") == 120_000)
        #expect(body.string("inventory_status") == inventoryStatus)
        #expect(body.int("stock_item.qty") == qty)
        #expect(body.int("all_time_quantity_sold") == 412)
        #expect(body.int("quantity_sold.value") == 412)
        #expect(body.string("quantity_sold.text") == "Đã bán 412")
        #expect(body.string("current_seller.name") == "HTX Sen Tháp Mười")
        #expect(body.int("current_seller.price") == 95_000)
        #expect(body.isNull("seller"))
    }

    @Test func bodiesAreAboutTheRealSize() {
        let response = builder.response(for: fixedItem(.tiki, "274850011"))
        #expect((7_000...8_500).contains(response.contentLength))
        let compact = TikiResponseBuilder(targetBodyBytes: 0).response(for: fixedItem(.tiki, "274850011"))
        #expect(compact.contentLength < response.contentLength)
    }

    @Test func unknownIdsAre404() throws {
        let response = builder.response(for: MockItemFacts(marketplace: .tiki, itemID: "199999999"))
        #expect(response.status == 404)
        #expect(try Document.object(response).int("error.code") == 404)
    }

    @Test func blockedIsRateLimitedWithRetryAfter() throws {
        let response = builder.response(for: fixedItem(.tiki, "1", state: .blocked))
        #expect(response.status == 429)
        #expect(response.header("Retry-After") == "1")
        #expect(try Document.object(response).int("error.code") == 429)
    }
}
