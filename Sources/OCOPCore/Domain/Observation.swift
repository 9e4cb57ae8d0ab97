public import Foundation

/// One check of one listing at one moment: the append-only unit of history.
public struct Observation: Sendable, Hashable, Codable {
    public var listing: ListingKey
    public var marketplace: MarketplaceID
    public var checkedAt: Date
    public var verdict: Verdict
    /// The HTTP status of the final response, `nil` when no response arrived.
    public var httpStatus: Int?
    public var finalURL: String?
    public var elapsedMilliseconds: Int?
    /// Transport-level error text (timeout, reset, TLS …) when there was one.
    public var error: String?

    public init(
        listing: ListingKey,
        marketplace: MarketplaceID,
        checkedAt: Date,
        verdict: Verdict,
        httpStatus: Int? = nil,
        finalURL: String? = nil,
        elapsedMilliseconds: Int? = nil,
        error: String? = nil
    ) {
        self.listing = listing
        self.marketplace = marketplace
        self.checkedAt = checkedAt
        self.verdict = verdict
        self.httpStatus = httpStatus
        self.finalURL = finalURL
        self.elapsedMilliseconds = elapsedMilliseconds
        self.error = error
    }

    public var status: ListingStatus { verdict.status }
}
