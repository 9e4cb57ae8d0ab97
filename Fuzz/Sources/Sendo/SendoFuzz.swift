import Foundation
import OCOPCore
import SendoAdapter

/// `SendoAdapter.interpret` on fuzzed detail-API responses, before and after the marketplace
/// closed (the clock is fixed so that the verdict depends on the input only).
private let beforeClosure = SendoAdapter.Configuration.marketplaceClosure.addingTimeInterval(-86_400)
private let afterClosure = SendoAdapter.Configuration.marketplaceClosure.addingTimeInterval(86_400)

private let harness = PageHarness(
    adapters: [
        SendoAdapter(configuration: .init(now: { beforeClosure })),
        SendoAdapter(configuration: .init(now: { afterClosure })),
        SendoAdapter(configuration: .init(apiBaseURL: "http://127.0.0.1:8931", closedSince: nil)),
    ],
    listingURLs: [
        "https://www.sendo.vn/nem-lai-vung-dong-thap-500g-san-pham-ocop-48123567.html",
        "https://www.sendo.vn/xoai-cat-hoa-loc-say-deo-tui-250g-47001234.html",
        "https://www.sendo.vn/shop/tan-hue-vien/banh-pia-soc-trang-46005678.html",
    ],
    landingURLs: ["https://www.sendo.vn/", "https://www.sendo.vn/tim-kiem?q=nem+lai+vung", "http://127.0.0.1:8931/"]
)

func prepareHarness() {
    harness.prepare()
}

func fuzzOneInput(_ input: inout FuzzInput) {
    harness.run(&input)
}
