import OCOPCore
import ShopeeAdapter

/// `ShopeeAdapter.interpret` on fuzzed `get_pc` / `item/get` responses.
private let harness = PageHarness(
    adapters: [ShopeeAdapter(), ShopeeAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931"))],
    listingURLs: [
        "https://shopee.vn/Banh-phong-tom-Sa-Giang-200g-i.1122334455.23456789012",
        "https://shopee.vn/product/2233445566/24681357900",
        "https://shopee.vn/Xoai-cat-Hoa-Loc-say-deo-500g-i.3344556677.22334455667",
        "https://shopee.vn/Hat-sen-say-gion-i.4455667788.29999999999",
    ],
    landingURLs: [
        "https://shopee.vn/", "https://shopee.vn/search?keyword=banh+phong+tom",
        "https://shopee.vn/verify/traffic/error", "https://shopee.vn/buyer/login?next=%2F",
    ]
)

func prepareHarness() {
    harness.prepare()
}

func fuzzOneInput(_ input: inout FuzzInput) {
    harness.run(&input)
}
