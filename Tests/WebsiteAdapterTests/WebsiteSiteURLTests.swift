import Testing

@testable import WebsiteAdapter

@Suite("Fetched mock-site URLs mapped back to the site")
struct WebsiteSiteURLTests {
    let adapter = WebsiteAdapter(configuration: .init(baseURL: "http://127.0.0.1:8931"))

    @Test func pathQueryAndBareHostComeBack() {
        #expect(
            adapter.siteURL(forFetched: "http://127.0.0.1:8931/site/htxongmat.example.vn:8443/san-pham/mat-ong?id=7")
                == "https://htxongmat.example.vn:8443/san-pham/mat-ong?id=7")
        #expect(adapter.siteURL(forFetched: "http://127.0.0.1:8931/site/htxongmat.example.vn") == "https://htxongmat.example.vn/")
        #expect(adapter.siteURL(forFetched: "http://127.0.0.1:8931/site/x.vn/a/b/") == "https://x.vn/a/b/")
    }

    @Test func otherURLsStayAsTheyAre() {
        #expect(adapter.siteURL(forFetched: "http://127.0.0.1:9999/site/x.vn/a") == "http://127.0.0.1:9999/site/x.vn/a")
        #expect(adapter.siteURL(forFetched: "http://127.0.0.1:8931/other/x.vn/a") == "http://127.0.0.1:8931/other/x.vn/a")
        #expect(WebsiteAdapter().siteURL(forFetched: "https://x.vn/a?b=1") == "https://x.vn/a?b=1")
    }
}
