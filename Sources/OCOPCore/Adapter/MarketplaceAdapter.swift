/// Reads one marketplace's public pages or JSON endpoints.
///
/// An adapter is three pure steps so that parsing is testable without a network and a saved
/// response can be re-interpreted offline: recognise a listing URL, plan the request, and turn
/// the response into a ``Verdict``. Transport failures (timeouts, resets, 5xx after retries) are
/// classified by the sync pass, never by the adapter, so a network failure is never mistaken for
/// a missing product.
public protocol MarketplaceAdapter: Sendable {
    /// The marketplace this adapter reads.
    var marketplace: MarketplaceID { get }

    /// Hosts the adapter may fetch from, redirects included: anything else is refused.
    var allowedHosts: Set<String> { get }

    /// Extracts the ids from a listing URL, or returns `nil` when the URL is not this marketplace's.
    func reference(for listingURL: String) -> ListingReference?

    /// The request that checks the listing.
    func plan(_ reference: ListingReference) -> HTTPRequestPlan

    /// Classifies a completed response: the body decides, not only the status code.
    func interpret(_ response: HTTPResponseSnapshot, for reference: ListingReference) -> Verdict
}
