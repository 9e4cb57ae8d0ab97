import OCOPCore
import WebsiteAdapter

/// `WebsiteAdapter.interpret` on fuzzed producer pages (JSON-LD, microdata, OpenGraph, text).
private let harness = PageHarness(
    adapters: [WebsiteAdapter(), WebsiteAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931"))],
    listingURLs: [
        "https://htxongmat.example.vn/san-pham/mat-ong-hoa-nhan?utm_source=zalo",
        "https://htxongmat.example.vn:8443/san-pham/mat-ong?id=7#reviews",
    ],
    landingURLs: [
        "https://htxongmat.example.vn/", "https://htxongmat.example.vn/?s=mat+ong&post_type=product",
        "https://htxongmat.example.vn/search?q=mat+ong", "http://127.0.0.1:8931/site/htxongmat.example.vn/",
    ]
)

func prepareHarness() {
    harness.prepare()
}

func fuzzOneInput(_ input: inout FuzzInput) {
    harness.run(&input)
}
