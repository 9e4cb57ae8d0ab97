/// What a marketplace should say about one item, as a scenario states it.
///
/// The states are the situations an adapter must tell apart, not the verdicts it reaches: the mock
/// renders each one the way its marketplace does (an HTTP 404, a soft "gone" page, a captcha), and
/// the adapter under test has to recover the verdict from that rendering.
public enum MockItemState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Listed and purchasable.
    case active
    /// Listed, stock zero.
    case outOfStock = "out_of_stock"
    /// The marketplace still knows the item but says it is gone (discontinued, banned, soft 404).
    case delisted
    /// The marketplace does not know the id (HTTP 404 or its not-found envelope).
    case notFound = "not_found"
    /// TikTok Shop's "not available in this region"; other marketplaces render it as ``delisted``.
    case regionUnavailable = "region_unavailable"
    /// The marketplace's anti-bot answer (captcha page, 429, 90309999 envelope).
    case blocked
}
