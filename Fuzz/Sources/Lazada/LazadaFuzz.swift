import LazadaAdapter
import OCOPCore

/// `LazadaAdapter.interpret` on fuzzed product pages.
private let harness = PageHarness(
    adapters: [LazadaAdapter(), LazadaAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931"))],
    listingURLs: [
        "https://www.lazada.vn/products/nem-lai-vung-dong-thap-chinh-goc-hop-10-chiec-ocop-i2345678901-s11223344556.html",
        "https://www.lazada.vn/products/hat-sen-say-gion-dong-thap-hu-200g-i3456789012.html",
        "https://www.lazada.vn/products/banh-phong-tom-sa-giang-i1999999999.html",
        "https://lazada.vn/products/i3456789012.html?skuId=22334455668&spm=a2o4n",
    ],
    landingURLs: [
        "https://www.lazada.vn/", "https://www.lazada.vn/catalog/?q=nem+lai+vung",
        "https://www.lazada.vn/_____tmd_____/punish?x5secdata=SYNTHETIC",
    ]
)

func prepareHarness() {
    harness.prepare()
}

func fuzzOneInput(_ input: inout FuzzInput) {
    harness.run(&input)
}
