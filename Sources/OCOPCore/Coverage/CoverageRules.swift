public import Foundation

/// The configurable rules that turn observations into the programme's coverage figure.
///
/// Defaults follow DESIGN.md: out-of-stock listings still count as online, verdicts older than a
/// week make a product *unverified*, any seller counts, and only active certificates are counted.
public struct CoverageRules: Sendable, Hashable, Codable {
    /// Statuses that count as "sold online".
    public var onlineStatuses: Set<ListingStatus>
    /// A conclusive verdict older than this no longer vouches for a listing.
    public var staleAfter: TimeInterval
    /// Marketplaces in scope; `nil` means every marketplace.
    public var marketplaces: Set<MarketplaceID>?
    /// When each marketplace counts as an online channel (Sendo closed on 2025-04-15).
    public var windows: [MarketplaceID: ChannelWindow]
    /// Seller relations that count; `nil` means any seller.
    public var sellerRelations: Set<SellerRelation>?
    /// Certificate statuses counted in the denominator.
    public var certificateStatuses: Set<CertificateStatus>
    /// Target percentage for products (and producers), 0–100.
    public var productTarget: Double
    public var producerTarget: Double

    public init(
        onlineStatuses: Set<ListingStatus> = [.active, .outOfStock],
        staleAfter: TimeInterval = 7 * 86_400,
        marketplaces: Set<MarketplaceID>? = nil,
        windows: [MarketplaceID: ChannelWindow] = CoverageRules.defaultWindows,
        sellerRelations: Set<SellerRelation>? = nil,
        certificateStatuses: Set<CertificateStatus> = [.active],
        productTarget: Double = 100,
        producerTarget: Double = 100
    ) {
        self.onlineStatuses = onlineStatuses
        self.staleAfter = staleAfter
        self.marketplaces = marketplaces
        self.windows = windows
        self.sellerRelations = sellerRelations
        self.certificateStatuses = certificateStatuses
        self.productTarget = productTarget
        self.producerTarget = producerTarget
    }

    /// Sendo's marketplace closed on 2025-04-15, midnight Vietnam time (research/marketplaces.md §4).
    public static let defaultWindows: [MarketplaceID: ChannelWindow] = [
        .sendo: ChannelWindow(from: nil, until: Date(timeIntervalSince1970: 1_744_650_000))
    ]

    /// Whether a listing's channel counts at `date`.
    public func channelOpen(_ marketplace: MarketplaceID, at date: Date) -> Bool {
        if let marketplaces, !marketplaces.contains(marketplace) { return false }
        return windows[marketplace]?.contains(date) ?? true
    }

    /// Whether a listing can count towards its product's coverage at `date`: its channel open
    /// and its seller relation in scope.
    public func counts(_ listing: Listing, at date: Date) -> Bool {
        channelOpen(listing.marketplace, at: date) && sellerRelations.map { $0.contains(listing.sellerRelation) } ?? true
    }
}

/// A half-open period `[from, until)` during which a channel counts; either end may be open.
public struct ChannelWindow: Sendable, Hashable, Codable {
    public var from: Date?
    public var until: Date?

    public init(from: Date?, until: Date?) {
        self.from = from
        self.until = until
    }

    public func contains(_ date: Date) -> Bool {
        if let from, date < from { return false }
        if let until, date >= until { return false }
        return true
    }
}
