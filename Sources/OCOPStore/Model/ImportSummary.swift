/// What one catalog import changed, per kind of record.
///
/// Re-importing an unchanged catalog gives a summary whose ``hasChanges`` is `false`, and writes nothing.
public struct ImportSummary: Sendable, Hashable, Codable {
    /// Counts for one kind of record.
    public struct Changes: Sendable, Hashable, Codable {
        /// New records, and records that had been removed and are back.
        public var added: Int
        /// Records whose fields changed.
        public var updated: Int
        /// Records no longer in the catalog; they are kept, flagged as removed.
        public var removed: Int
        public var unchanged: Int

        public init(added: Int = 0, updated: Int = 0, removed: Int = 0, unchanged: Int = 0) {
            self.added = added
            self.updated = updated
            self.removed = removed
            self.unchanged = unchanged
        }

        public var changeCount: Int { added + updated + removed }
    }

    public var producers: Changes
    public var products: Changes
    public var listings: Changes

    public init(producers: Changes = Changes(), products: Changes = Changes(), listings: Changes = Changes()) {
        self.producers = producers
        self.products = products
        self.listings = listings
    }

    public var hasChanges: Bool {
        producers.changeCount + products.changeCount + listings.changeCount > 0
    }
}
