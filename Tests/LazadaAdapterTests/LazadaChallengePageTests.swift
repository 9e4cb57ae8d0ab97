import AdapterTestSupport
import LazadaAdapter
import OCOPCore
import Testing

/// Pages without product data that show a challenge are blocks, whatever else they say.
@Suite("Lazada: challenge pages and variants missing from the page")
struct LazadaChallengePageTests {
    /// A Baxia challenge that ships the site's UI dictionary, removal text included.
    static let challenge = """
        <!DOCTYPE html><html><head><title>Lazada.vn</title>
        <script src="https://g.alicdn.com/sd/baxia/2.5.0/baxiaCommon.js"></script></head><body>
        <div id="baxia-dialog-content"><div class="sec-captcha"></div></div>
        <script>window.__i18n__={"pdp.empty":"Không tìm thấy sản phẩm"};
        window._config_={"action":"captcha","FORMACTIOIN":"/_____tmd_____/verify/"};</script>
        </body></html>
        """

    @Test(arguments: [(200, nil), (404, nil), (410, nil), (200, "https://www.lazada.vn/")] as [(Int, String?)])
    func aChallengeIsBlockedWhateverItsStatusTextOrLanding(status: Int, landing: String?) throws {
        let adapter = LazadaAdapter()
        let reference = try #require(adapter.reference(for: LazadaFixtureTests.nem))
        let verdict = adapter.interpret(
            HTTPResponseSnapshot(
                status: status, finalURL: landing ?? adapter.plan(reference).url, body: Array(Self.challenge.utf8)),
            for: reference)
        #expect(verdict.status == .blocked, "\(verdict.evidence)")
        #expect(verdict.reason == "antibot")
    }

    @Test(arguments: [200, 404])
    func theRemovalPageIsStillDelisted(status: Int) throws {
        let adapter = LazadaAdapter()
        let reference = try #require(adapter.reference(for: LazadaFixtureTests.nem))
        let verdict = adapter.interpret(
            try fixtures.response("pdp_not_found.html", status: status, finalURL: adapter.plan(reference).url),
            for: reference)
        #expect(verdict.status == .delisted)
    }

    /// Another item's page (a removed item sent to a similar one) says nothing of the listing.
    @Test func anotherItemsPageIsNotTheListings() throws {
        let adapter = LazadaAdapter()
        let url = "https://www.lazada.vn/products/nem-lai-vung-i1234567890.html"
        let reference = try #require(adapter.reference(for: url))
        let verdict = adapter.interpret(
            try fixtures.response("pdp_active_moduledata.html", finalURL: adapter.plan(reference).url), for: reference)
        #expect(verdict.status == .unparseable, "\(verdict.evidence)")
        #expect(verdict.reason == "other_item")
        #expect(verdict.itemID == "1234567890")
        #expect(verdict.evidence.contains("item_on_page=2345678901"))
    }

    @Test func aListingWhoseSkuIsNotOnThePageIsNotReadFromAnotherVariant() throws {
        let adapter = LazadaAdapter()
        let url = "https://www.lazada.vn/products/hat-sen-say-gion-dong-thap-hu-200g-i3456789012-s99999999999.html"
        let reference = try #require(adapter.reference(for: url))
        let verdict = adapter.interpret(
            try fixtures.response("pdp_active_apprun.html", finalURL: adapter.plan(reference).url), for: reference)
        #expect(verdict.status == .unparseable)
        #expect(verdict.reason == "sku_not_on_page")
        #expect(verdict.priceVND == nil)
        #expect(verdict.evidence.contains("sku=99999999999"))
    }
}
