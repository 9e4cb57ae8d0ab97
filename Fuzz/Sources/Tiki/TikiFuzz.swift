import OCOPCore
import TikiAdapter

/// `TikiAdapter.interpret` on fuzzed product-API responses.
private let harness = PageHarness(
    adapters: [TikiAdapter(), TikiAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931"))],
    listingURLs: [
        "https://tiki.vn/tra-sen-thap-muoi-tui-loc-hop-25-goi-san-pham-ocop-4-sao-p274850011.html?spid=274850013",
        "https://tiki.vn/hat-sen-say-gion-dong-thap-hu-200g-ocop-3-sao-p271200456.html?spid=271200458",
        "https://tiki.vn/product-p268004321.html?spid=268004323",
        "https://tiki.vn/banh-phong-tom-sa-giang-p199999999.html",
    ],
    landingURLs: ["https://tiki.vn/", "https://tiki.vn/search?q=tra+sen", "http://127.0.0.1:8931/"]
)

func prepareHarness() {
    harness.prepare()
}

func fuzzOneInput(_ input: inout FuzzInput) {
    harness.run(&input)
}
