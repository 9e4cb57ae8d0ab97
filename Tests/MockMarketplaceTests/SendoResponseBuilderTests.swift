import MockMarketplace
import OCOPCore
import Testing

@Suite("Sendo responses")
struct SendoResponseBuilderTests {
    let builder = SendoResponseBuilder()
    let slug = "tra-sen-thap-muoi-48123567"

    @Test(arguments: [(MockItemState.active, 1, 86), (.outOfStock, 0, 0)])
    func listedItemsHaveTheHistoricalShape(state: MockItemState, stockStatus: Int, quantity: Int) throws {
        let response = builder.response(for: fixedItem(.sendo, "48123567", state: state), slug: slug)
        #expect(response.status == 200)
        let body = try Document.object(response)
        #expect(body.int("data.id") == 48_123_567)
        #expect(body.string("data.name") == "Trà sen Tháp Mười túi lọc hộp 25 gói - OCOP 4 sao")
        #expect(body.string("data.url_key") == slug)
        #expect(body.int("data.final_price") == 95_000)
        #expect(body.int("data.price") == 120_000)
        #expect(body.int("data.stock_status") == stockStatus)
        #expect(body.int("data.quantity") == quantity)
        #expect(body.int("data.order_count") == 412)
        #expect(body.string("data.shop_info.shop_name") == "HTX Sen Tháp Mười")
    }

    @Test(arguments: [(MockItemState.notFound, 404), (.delisted, 200)])
    func goneItemsHaveNullData(state: MockItemState, status: Int) throws {
        let response = builder.response(for: fixedItem(.sendo, "48123567", state: state), slug: slug)
        #expect(response.status == status)
        #expect(try Document.object(response).isNull("data"))
    }

    @Test func theClosedMarketplaceRedirectsHome() {
        let redirect = builder.closedRedirect()
        #expect(redirect.status == 301)
        #expect(redirect.header("Location") == "/")
        let home = builder.homePage()
        #expect(home.status == 200)
        #expect(home.bodyText.contains("Sendo Farm"))
    }
}
