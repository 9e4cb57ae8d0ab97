import OCOPCore
import TikTokShopAdapter

/// `TikTokShopAdapter.interpret` on fuzzed product pages.
private let harness = PageHarness(
    adapters: [TikTokShopAdapter(), TikTokShopAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931"))],
    listingURLs: [
        "https://shop.tiktok.com/vn/pdp/xoai-cat-hoa-loc-say-deo-tui-250g/1731234567890123456",
        "https://www.tiktok.com/view/product/1731234567890123456",
        "https://www.tiktok.com/shop/vn/pdp/1731234567890654321",
        "https://shop.tiktok.com/view/product/1731234567890999888?region=VN&locale=vi-VN",
    ],
    landingURLs: [
        "https://www.tiktok.com/", "https://shop.tiktok.com/vn", "https://www.tiktok.com/shop/vn/search?q=xoai",
        "https://www.tiktok.com/login?redirect_url=%2Fshop",
    ]
)

func prepareHarness() {
    harness.prepare()
}

func fuzzOneInput(_ input: inout FuzzInput) {
    harness.run(&input)
}
