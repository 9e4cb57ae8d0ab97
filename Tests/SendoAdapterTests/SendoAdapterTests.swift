import AdapterTestSupport
import Foundation
import OCOPCore
import SendoAdapter
import Testing

/// One saved answer and the verdict it must produce at a given moment.
struct SendoCase: Sendable, CustomTestStringConvertible, ExpectedVerdict {
    var file: String
    var status = 200
    var listingURL = SendoFixtureTests.active
    var finalURL: String?
    var now: Date
    var verdict: ListingStatus
    var reason: String?
    var title: String?
    var price: Int?
    var originalPrice: Int?
    var seller: String?
    var stock: Int?
    var sold: Int?
    var itemID = "48123567"

    var testDescription: String {
        "\(file) (HTTP \(status)) \(now < SendoAdapter.Configuration.marketplaceClosure ? "before" : "after") closure"
    }
}

@Suite("Sendo fixtures")
struct SendoFixtureTests {
    static let active = "https://www.sendo.vn/nem-lai-vung-dong-thap-500g-san-pham-ocop-48123567.html"
    static let missing = "https://www.sendo.vn/tra-sen-thap-muoi-45000001.html"
    /// While the marketplace was open.
    static let open = ISO8601DateFormatter().date(from: "2025-01-10T09:00:00Z")!
    /// After it closed.
    static let closed = ISO8601DateFormatter().date(from: "2026-03-01T09:00:00Z")!

    static let researchCases: [SendoCase] = [
        SendoCase(
            file: "detail_api_active.json", now: open, verdict: .active,
            title: "Nem Lai Vung Đồng Tháp 500g - Sản phẩm OCOP", price: 99000, originalPrice: 120000,
            seller: "Nem Lai Vung Bà Tư", stock: 240, sold: 1530),
        SendoCase(
            file: "detail_api_out_of_stock.json", listingURL: "https://www.sendo.vn/xoai-cat-hoa-loc-say-deo-tui-250g-47001234.html",
            now: open, verdict: .outOfStock, title: "Xoài cát Hòa Lộc sấy dẻo túi 250g", price: 69000,
            originalPrice: 75000, seller: "Nông Sản Cái Bè", stock: 0, sold: 402, itemID: "47001234"),
        SendoCase(
            file: "detail_api_not_found.json", status: 404, listingURL: missing, now: open, verdict: .delisted,
            reason: "not_found", itemID: "45000001"),
    ]

    static let ownCases: [SendoCase] = [
        // `data: null` means not found under 200 as well.
        SendoCase(
            file: "detail_api_not_found.json", listingURL: missing, now: open, verdict: .delisted, reason: "not_found",
            itemID: "45000001"),
        // After the closure every non-product answer is the marketplace being gone.
        SendoCase(
            file: "detail_api_not_found.json", status: 404, listingURL: missing, now: closed, verdict: .delisted,
            reason: "marketplace_closed", itemID: "45000001"),
        SendoCase(
            file: "detail_api_not_found.json", listingURL: missing, now: closed, verdict: .delisted,
            reason: "marketplace_closed", itemID: "45000001"),
        SendoCase(
            file: "sendo_farm_home.html", finalURL: "https://www.sendo.vn/", now: closed, verdict: .delisted,
            reason: "marketplace_closed"),
        SendoCase(
            file: "sendo_farm_home.html", finalURL: "https://www.sendo.vn/", now: open, verdict: .delisted,
            reason: "redirect_home"),
        SendoCase(
            file: "detail_api_server_error.json", status: 503, now: closed, verdict: .delisted,
            reason: "marketplace_closed"),
        SendoCase(file: "detail_api_server_error.json", status: 503, now: open, verdict: .unreachable, reason: "http_5xx"),
        SendoCase(file: "sendo_farm_home.html", status: 403, now: closed, verdict: .delisted, reason: "marketplace_closed"),
        SendoCase(file: "sendo_farm_home.html", status: 403, now: open, verdict: .blocked, reason: "forbidden"),
        SendoCase(file: "sendo_farm_home.html", status: 429, now: open, verdict: .blocked, reason: "rate_limited"),
        SendoCase(file: "sendo_farm_home.html", now: open, verdict: .unparseable, reason: "not_json"),
        // A product the API still serves is read as usual, whatever the date.
        SendoCase(
            file: "detail_api_active.json", now: closed, verdict: .active,
            title: "Nem Lai Vung Đồng Tháp 500g - Sản phẩm OCOP", price: 99000, originalPrice: 120000,
            seller: "Nem Lai Vung Bà Tư", stock: 240, sold: 1530),
        SendoCase(
            file: "detail_api_variants_sold_out.json", listingURL: "https://www.sendo.vn/shop/tan-hue-vien/banh-pia-soc-trang-46005678.html",
            now: open, verdict: .outOfStock, title: "Bánh pía Sóc Trăng nhân đậu xanh sầu riêng 4 sao", price: 80000,
            originalPrice: 85000, seller: "Bánh Pía Tân Huê Viên", stock: 0, sold: 911, itemID: "46005678"),
        // A variant without a stock count may be the one for sale.
        SendoCase(
            file: "detail_api_variant_stock_unknown.json", listingURL: "https://www.sendo.vn/shop/tan-hue-vien/banh-pia-soc-trang-46005678.html",
            now: open, verdict: .active, title: "Bánh pía Sóc Trăng nhân đậu xanh sầu riêng 4 sao", price: 80000,
            originalPrice: 85000, seller: "Bánh Pía Tân Huê Viên", sold: 911, itemID: "46005678"),
    ]

    @Test(arguments: researchCases + ownCases)
    func verdict(_ row: SendoCase) throws {
        let now = row.now
        let adapter = SendoAdapter(configuration: .init(now: { now }))
        let reference = try #require(adapter.reference(for: row.listingURL))
        let response = try fixtures.response(
            row.file, status: row.status, finalURL: row.finalURL ?? adapter.plan(reference).url)
        let verdict = adapter.interpret(response, for: reference)
        row.expectMatches(verdict)
    }

    @Test func closureEvidenceNamesTheDate() throws {
        let adapter = SendoAdapter(configuration: .init(now: { Self.closed }))
        let reference = try #require(adapter.reference(for: Self.missing))
        let verdict = adapter.interpret(
            try fixtures.response("detail_api_not_found.json", status: 404, finalURL: adapter.plan(reference).url),
            for: reference)
        #expect(verdict.evidence.contains("closed_since=2025-04-15"))
        #expect(verdict.evidence.contains("http_status=404"))
    }

    @Test func closureCanBeSwitchedOff() throws {
        let adapter = SendoAdapter(configuration: .init(closedSince: nil, now: { Self.closed }))
        let reference = try #require(adapter.reference(for: Self.missing))
        let verdict = adapter.interpret(
            try fixtures.response("detail_api_not_found.json", status: 404, finalURL: adapter.plan(reference).url),
            for: reference)
        #expect(verdict.reason == "not_found")
    }
}

@Suite("Sendo URLs and requests")
struct SendoRequestTests {
    @Test func referenceKeepsTheSlugTheAPINeeds() throws {
        let reference = try #require(SendoAdapter().reference(for: SendoFixtureTests.active))
        #expect(reference.itemID == "48123567")
        #expect(reference.extra["slug"] == "nem-lai-vung-dong-thap-500g-san-pham-ocop-48123567")
        let shop = try #require(
            SendoAdapter().reference(for: "https://sendo.vn/shop/nem-ba-tu/nem-lai-vung-500g-16713353.html"))
        #expect(shop.itemID == "16713353")
        #expect(shop.extra["slug"] == "nem-lai-vung-500g-16713353")
    }

    @Test(arguments: [
        "https://www.sendo.vn/",
        "https://www.sendo.vn/shop/nem-ba-tu",
        "https://www.sendo.vn/nem-lai-vung.html",
        "https://www.sendo.vn/nem-lai-vung-48123567",
        "https://detail-api.sendo.vn/full/nem-lai-vung-48123567",
    ])
    func rejectsOtherURLs(_ url: String) {
        #expect(SendoAdapter().reference(for: url) == nil)
    }

    @Test func planCallsTheDetailAPI() throws {
        let reference = try #require(SendoAdapter().reference(for: SendoFixtureTests.active))
        #expect(
            SendoAdapter().plan(reference).url
                == "https://detail-api.sendo.vn/full/nem-lai-vung-dong-thap-500g-san-pham-ocop-48123567")
        let mock = SendoAdapter(configuration: .init(apiBaseURL: "http://127.0.0.1:8931/"))
        #expect(mock.plan(reference).url == "http://127.0.0.1:8931/full/nem-lai-vung-dong-thap-500g-san-pham-ocop-48123567")
        #expect(mock.allowedHosts == ["www.sendo.vn", "sendo.vn", "127.0.0.1"])
        #expect(SendoAdapter().allowedHosts.contains("detail-api.sendo.vn"))
    }
}
