import OCOPCore

/// What one read of the catalog shares between its rows: each distinct region and each repeated
/// text (group, sub-group, industry, decision number) is kept once, however many products name it.
struct CatalogInterner {
    var regions = Interner<Region>()
    var texts = Interner<String>()
}
