import AdapterTestSupport
import Foundation
import LazadaAdapter
import OCOPCore
import Testing

/// A product page whose model moved or changed shape is one this adapter cannot read, not a
/// removal: read as `delisted`, one change on Lazada's side would uncover every Lazada listing.
@Suite("Lazada: product pages in a shape the adapter does not know")
struct LazadaUnknownShapeTests {
    /// The active page with its JSON-LD removed and its model changed by `reshape`, the site's UI
    /// dictionary added as a script or a hidden search box, and padding past the small-page size.
    static func reshapedPage(_ reshape: (String) -> String, dictionary: String) throws -> [UInt8] {
        var page = String(decoding: try fixtures.bytes("pdp_active_moduledata.html"), as: UTF8.self)
        let jsonLD = try #require(page.range(of: #"<script type="application/ld\+json">[^\n]*</script>"#, options: .regularExpression))
        page.removeSubrange(jsonLD)
        page = reshape(page)
        let padding = "<script>/*" + String(repeating: "x", count: 24_000) + "*/</script>"
        page = page.replacingOccurrences(of: "</body>", with: dictionary + padding + "</body>")
        return Array(page.utf8)
    }

    static let scriptDictionary =
        #"<script>window.__i18n__={"search.empty":"Không tìm thấy sản phẩm","cart.add":"Thêm vào giỏ hàng"};</script>"#
    static let searchBox = #"<div class="search-empty" style="display:none">Không tìm thấy sản phẩm</div>"#

    static let reshapes: [(String, @Sendable (String) -> String)] = [
        ("model renamed", { $0.replacingOccurrences(of: "var __moduleData__ = ", with: "window.__PDP_INIT_STATE__ = ") }),
        ("fields renamed", { $0.replacingOccurrences(of: #"{"data":{"root":{"fields":"#, with: #"{"data":{"root":{"props":"#) }),
    ]

    @Test(arguments: 0..<2, [true, false])
    func aProductPageWithoutReadableDataIsUnparseableWhateverItsDictionarySays(reshape: Int, inScript: Bool) throws {
        let adapter = LazadaAdapter()
        let reference = try #require(adapter.reference(for: LazadaFixtureTests.nem))
        let body = try Self.reshapedPage(
            Self.reshapes[reshape].1, dictionary: inScript ? Self.scriptDictionary : Self.searchBox)
        let verdict = adapter.interpret(
            HTTPResponseSnapshot(status: 200, finalURL: adapter.plan(reference).url, body: body), for: reference)
        #expect(verdict.status == .unparseable, "\(Self.reshapes[reshape].0): \(verdict.evidence)")
        #expect(verdict.reason == "no_product_data")
    }

    /// A page that does not call itself a product, with the removal text only in a script, is not
    /// a removal either: Lazada's not-found page shows its text.
    @Test func aRemovalTextOnlyInAScriptIsNotARemoval() throws {
        let adapter = LazadaAdapter()
        let reference = try #require(adapter.reference(for: LazadaFixtureTests.nem))
        let page =
            "<!DOCTYPE html><html><head><title>Lazada.vn</title></head><body><div id=\"root\"></div>"
            + Self.scriptDictionary + "<script>/*" + String(repeating: "x", count: 24_000) + "*/</script></body></html>"
        let verdict = adapter.interpret(
            HTTPResponseSnapshot(status: 200, finalURL: adapter.plan(reference).url, body: Array(page.utf8)),
            for: reference)
        #expect(verdict.status == .unparseable, "\(verdict.evidence)")
    }
}
