/// What a catalog file holds, recognised by its header row rather than its name, because officers
/// rename files ("DS SP OCOP 2024 (final).csv").
enum CatalogFileKind: CaseIterable {
    case products
    case producers
    case listings

    /// Columns without which no row of the file can be read.
    ///
    /// Products also need a district column (any of the three district columns), checked apart.
    var requiredColumns: [CatalogColumn] {
        switch self {
        case .products: [.productID, .productName, .entityID, .starRating, .ocopGroup]
        case .producers: [.entityID, .entityName, .entityType]
        case .listings: [.productID, .platform, .listingURL]
        }
    }

    /// The columns that name a district; products need at least one of them.
    static let districtColumns: [CatalogColumn] = [.districtName, .districtCode, .legacyDistrictCode]

    /// How the file is described to the officer.
    var noun: String {
        switch self {
        case .products: "products"
        case .producers: "producers (entities)"
        case .listings: "listings"
        }
    }

    /// The kind whose signature columns the header carries, or `nil` when it matches none.
    ///
    /// A listing URL marks a listings file, unless the file also has a product name or star
    /// rating and no platform: a products sheet may carry a link (to the decision, say) in a
    /// column headed `URL` or `Link`. A product name or star rating marks a products file; a
    /// producer id or name without a product id a producers file.
    init?(columns: Set<CatalogColumn>) {
        let isProductSheet = columns.contains(.productName) || columns.contains(.starRating)
        if columns.contains(.listingURL), columns.contains(.platform) || !isProductSheet {
            self = .listings
        } else if isProductSheet {
            self = .products
        } else if !columns.contains(.productID), columns.contains(.entityID) || columns.contains(.entityName) {
            self = .producers
        } else {
            return nil
        }
    }
}
