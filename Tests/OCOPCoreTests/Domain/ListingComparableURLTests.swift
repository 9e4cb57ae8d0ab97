import OCOPCore
import Testing

/// Two writings of one page compare equal; two pages never do.
@Suite struct ListingComparableURLTests {
    @Test(arguments: [
        "http://shopee.vn/Banh-phong-tom-i.1122334455.23456789012",
        "https://SHOPEE.VN/Banh-phong-tom-i.1122334455.23456789012/",
        "https://www.shopee.vn/Banh-phong-tom-i.1122334455.23456789012#reviews",
        "https://shopee.vn/Banh-phong-tom-i.1122334455.23456789012?utm_source=zalo&utm_medium=share",
        "https://shopee.vn/Banh-phong-tom-i.1122334455.23456789012?spm=a2o4n.home&fbclid=x",
        "  https://shopee.vn/Banh-phong-tom-i.1122334455.23456789012 ",
    ])
    func writingsOfOnePageAreOne(_ url: String) {
        #expect(
            Listing.comparableURL(url) == Listing.comparableURL("https://shopee.vn/Banh-phong-tom-i.1122334455.23456789012"))
    }

    @Test func pathsAndItemParametersStayAsWritten() {
        // Short-link codes are case-sensitive.
        #expect(Listing.comparableURL("https://shope.ee/9zKqP1xAbC") != Listing.comparableURL("https://shope.ee/9ZkQp1XaBc"))
        // Tiki's spid names the variant.
        #expect(
            Listing.comparableURL("https://tiki.vn/tra-sen-p123.html?spid=4")
                != Listing.comparableURL("https://tiki.vn/tra-sen-p123.html?spid=5"))
        #expect(
            Listing.comparableURL("https://tiki.vn/tra-sen-p123.html?utm_source=x&spid=4")
                == "tiki.vn/tra-sen-p123.html?spid=4")
    }
}
