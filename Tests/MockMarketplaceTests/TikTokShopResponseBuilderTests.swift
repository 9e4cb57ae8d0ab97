import MockMarketplace
import OCOPCore
import Testing

@Suite("TikTok Shop responses")
struct TikTokShopResponseBuilderTests {
    let builder = TikTokShopResponseBuilder()
    let routerMarker = #"<script id="__MODERN_ROUTER_DATA__" type="application/json">"#

    /// The loader data values, as an adapter iterates them.
    private func pageConfigs(_ html: String) throws -> [[String: Any]] {
        let data = try Document.embedded(in: html, after: routerMarker)
        let loaderData = try #require(data["loaderData"] as? [String: Any])
        return loaderData.values.compactMap { ($0 as? [String: Any])?["page_config"] as? [String: Any] }
    }

    @Test(arguments: [(MockItemState.active, 86), (.outOfStock, 0)])
    func productPagesCarryTheProductInfoComponent(state: MockItemState, stock: Int) throws {
        let response = builder.response(for: fixedItem(.tiktokShop, "1731234567890123456", state: state))
        #expect(response.status == 200)
        #expect(response.contentLength == 300_000)
        let configs = try pageConfigs(response.bodyText)
        let config = try #require(configs.first)
        let components = try #require(config["components_map"] as? [[String: Any]])
        let component = try #require(components.first { $0["component_type"] as? String == "product_info" })
        let info = try #require(component[path: "component_data.product_info"] as? [String: Any])
        #expect(info.string("product_model.product_id") == "1731234567890123456")
        #expect(info.string("product_model.name") == "Trà sen Tháp Mười túi lọc hộp 25 gói - OCOP 4 sao")
        #expect(info.int("product_model.sold_count") == 412)
        #expect(info.int("product_model.skus.0.stock") == stock)
        #expect(info.string("seller_model.shop_name") == "HTX Sen Tháp Mười")
        #expect(info.string("promotion_model.promotion_product_price.min_price.sale_price_decimal") == "95000")
        #expect(info.string("promotion_model.promotion_product_price.min_price.origin_price_decimal") == "120000")
        #expect(config[path: "global_data.product_info.error_code"] == nil)
    }

    @Test func everyIdRendersWithNineteenDigitSkus() throws {
        let compact = TikTokShopResponseBuilder(targetPageBytes: 0)
        for offset in 0..<300 {
            let html = compact.response(for: MockItemFacts(MockItem(marketplace: .tiktokShop, itemID: "\(offset)"))).bodyText
            let data = try Document.embedded(in: html, after: routerMarker)
            let config = try #require(data["loaderData"] as? [String: Any])
            let page = try #require(config["view/product/(product_id)/page"] as? [String: Any])
            let sku = page[path: "page_config.components_map.0.component_data.product_info.product_model.skus.0.sku_id"]
            #expect((sku as? String)?.count == 19)
        }
    }

    @Test func regionUnavailableCarriesErrorCode23002102() throws {
        let response = builder.response(for: fixedItem(.tiktokShop, "1731234567890654321", state: .regionUnavailable))
        #expect(response.status == 200)
        let config = try #require(try pageConfigs(response.bodyText).first)
        #expect(config.int("global_data.product_info.error_code") == 23_002_102)
        #expect((config["components_map"] as? [Any])?.isEmpty == true)
    }

    @Test(arguments: [(MockItemState.notFound, 404), (.delisted, 200)])
    func goneItemsGetThePageNotFoundTitle(state: MockItemState, status: Int) {
        let response = builder.response(for: fixedItem(.tiktokShop, "1731234567890777777", state: state))
        #expect(response.status == status)
        #expect(response.bodyText.contains("<title>Không tìm thấy trang</title>"))
        #expect(!response.bodyText.contains("__MODERN_ROUTER_DATA__"))
    }

    @Test func blockedIsTheSecurityCheckPage() {
        let response = builder.response(for: fixedItem(.tiktokShop, "1731234567890123456", state: .blocked))
        #expect(response.status == 200)
        let markers = ["<title>Security Check</title>", "captcha/index.js", "oec-ttweb-captcha", "middle_page_loading"]
        for marker in markers {
            #expect(response.bodyText.contains(marker))
        }
        #expect(response.contentLength < 30_000)
    }
}
