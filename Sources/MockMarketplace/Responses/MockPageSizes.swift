/// Approximate body sizes the builders pad their successful pages to, in bytes.
///
/// Real pages are large (a Lazada PDP ~130 KB, a TikTok Shop PDP ~300 KB, Tiki's JSON ~7 KB) and
/// size matters to parsers, buffers and benchmarks; `compact` keeps test output readable.
/// Error, captcha and not-found pages are never padded: small size is one of their markers.
public struct MockPageSizes: Sendable, Hashable {
    public var tikiBody: Int
    public var lazadaPage: Int
    public var tiktokShopPage: Int
    public var websitePage: Int

    public init(
        tikiBody: Int = 7_000,
        lazadaPage: Int = 130_000,
        tiktokShopPage: Int = 300_000,
        websitePage: Int = 40_000
    ) {
        self.tikiBody = tikiBody
        self.lazadaPage = lazadaPage
        self.tiktokShopPage = tiktokShopPage
        self.websitePage = websitePage
    }

    /// Sizes close to the real marketplaces'.
    public static let realistic = Self()
    /// No padding at all.
    public static let compact = Self(tikiBody: 0, lazadaPage: 0, tiktokShopPage: 0, websitePage: 0)

    /// The largest padded page, which sizes the server's shared filler buffer.
    var largest: Int { Swift.max(tikiBody, lazadaPage, tiktokShopPage, websitePage) }
}
