/// What one read of a catalog shares between its rows: each distinct region, and each repeated
/// text long enough to have storage of its own (a decision number, a long industry name), is kept
/// once however many products name it. Used wherever a catalog is built from rows: the CSV
/// import and the store.
public struct CatalogInterner: Sendable {
    private var regions = Interner<Region>()
    private var texts = Interner<String>()

    public init() {}

    public mutating func region(_ region: Region) -> Region {
        regions(region)
    }

    /// `text`, or the equal text read before. Up to 15 UTF-8 bytes a string is held inline, with
    /// nothing to share: it passes through without being hashed.
    public mutating func text(_ text: String?) -> String? {
        guard let text, text.utf8.count > 15 else { return text }
        return texts(text)
    }
}
