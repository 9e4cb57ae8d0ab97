/// What one read of a catalog shares between its rows: each distinct region, and each distinct
/// classification and decision of a product, is kept once however many products name it. Used
/// wherever a catalog is built from rows: the CSV import and the store.
public struct CatalogInterner: Sendable {
    private var regions = Interner<Region>()
    private var classifications = Interner<SharedFields<Product.Classification>>()
    private var decisions = Interner<SharedFields<Product.Decision>>()

    public init() {}

    public mutating func region(_ region: Region) -> Region {
        regions(region)
    }

    /// `product` holding the region, the classification (group, subgroup, key industry) and the
    /// decision (number, dates, status) of the equal ones read before, where it has them.
    public mutating func product(_ product: Product) -> Product {
        product.sharing(&regions, &classifications, &decisions)
    }
}
