import MockMarketplace
import OCOPCore
import Testing

@Suite("Lazada responses")
struct LazadaResponseBuilderTests {
    let builder = LazadaResponseBuilder()

    @Test(arguments: [
        (MockItemState.active, "default", 5, "https://schema.org/InStock"),
        (.outOfStock, "warning", 0, "https://schema.org/OutOfStock"),
    ])
    func productPagesEmbedModuleDataAndJSONLD(
        state: MockItemState,
        quantityType: String,
        limit: Int,
        availability: String
    ) throws {
        let response = builder.response(for: fixedItem(.lazada, "2345678901", state: state), skuID: "11223344556")
        #expect(response.status == 200)
        #expect(response.header("content-type") == "text/html; charset=utf-8")
        let html = response.bodyText
        #expect(html.contains("<title>Trà sen Tháp Mười túi lọc hộp 25 gói - OCOP 4 sao | Lazada.vn</title>"))

        let fields = try Document.embedded(in: html, after: "var __moduleData__ =")
        let root = "data.root.fields"
        #expect(fields.string("\(root).product.title") == "Trà sen Tháp Mười túi lọc hộp 25 gói - OCOP 4 sao")
        #expect(fields.string("\(root).primaryKey.itemId") == "2345678901")
        #expect(fields.string("\(root).primaryKey.skuId") == "11223344556")
        for key in ["0", "11223344556"] {
            #expect(fields.int("\(root).skuInfos.\(key).price.salePrice.value") == 95_000)
            #expect(fields.int("\(root).skuInfos.\(key).price.originalPrice.value") == 120_000)
            #expect(fields.string("\(root).skuInfos.\(key).quantity.type") == quantityType)
            #expect(fields.int("\(root).skuInfos.\(key).quantity.limit.max") == limit)
        }
        #expect(fields.string("\(root).seller.name") == "HTX Sen Tháp Mười")
        #expect(fields.int("\(root).pc_reviews_v3.smallRating.soldCount") == 412)

        let jsonLD = try Document.embedded(in: html, after: #"<script type="application/ld+json">"#)
        #expect(jsonLD.string("@type") == "Product")
        #expect(jsonLD.string("offers.availability") == availability)
        #expect(jsonLD.string("offers.price") == "95000")
        #expect(jsonLD.string("offers.priceCurrency") == "VND")
    }

    @Test func pagesArePaddedToTheConfiguredSize() {
        let item = fixedItem(.lazada, "2345678901")
        #expect(builder.response(for: item, skuID: nil).contentLength == 130_000)
        let larger = LazadaResponseBuilder(targetPageBytes: 200_000)
        #expect(larger.response(for: item, skuID: nil).contentLength == 200_000)
        let padding = builder.response(for: item, skuID: nil).body.filter {
            if case .padding = $0 { true } else { false }
        }
        #expect(padding.count == 1)
    }

    @Test func withoutASkuTheDefaultSkuIsRendered() throws {
        let html = builder.response(for: fixedItem(.lazada, "2345678901"), skuID: nil).bodyText
        let fields = try Document.embedded(in: html, after: "var __moduleData__ =")
        let sku = try #require(fields.string("data.root.fields.primaryKey.skuId"))
        #expect(fields.int("data.root.fields.skuInfos.\(sku).price.salePrice.value") == 95_000)
    }

    @Test(arguments: [(MockItemState.notFound, 404), (.delisted, 200), (.regionUnavailable, 200)])
    func goneItemsGetTheNotFoundMarkers(state: MockItemState, status: Int) {
        let response = builder.response(for: fixedItem(.lazada, "1999999999", state: state), skuID: nil)
        #expect(response.status == status)
        let html = response.bodyText
        for marker in ["lazada-icon lazada-ic-404", "item not found", "wh_errCode=404"] {
            #expect(html.contains(marker))
        }
        #expect(!html.contains("__moduleData__"))
    }

    @Test func blockedIsThePunishPageWith200() {
        let response = builder.response(for: fixedItem(.lazada, "2345678901", state: .blocked), skuID: nil)
        #expect(response.status == 200)
        let html = response.bodyText
        let markers = [
            "<title>Captcha Interception</title>", "punish-page", "_____tmd_____", "nc_1_wrapper", "unusual traffic",
        ]
        for marker in markers {
            #expect(html.contains(marker))
        }
        #expect(response.contentLength < 20_000)
    }
}
