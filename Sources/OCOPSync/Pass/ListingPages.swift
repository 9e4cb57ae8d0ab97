import OCOPCore
import OCOPStore

/// A pass's listings, read from the store a page at a time in key order.
///
/// At 100,000 listings the whole list is tens of megabytes that a pass only ever walks once;
/// a page keeps its memory bounded whatever the size of the catalog.
struct ListingPages {
    let store: any ObservationStore
    let pageSize: Int
    private var page: [Listing] = []
    private var index = 0
    private var exhausted = false

    init(store: any ObservationStore, pageSize: Int) {
        self.store = store
        self.pageSize = max(pageSize, 1)
    }

    mutating func next() async throws -> Listing? {
        if index == page.count {
            guard !exhausted else { return nil }
            let last = page.last?.key
            page = try await store.listings(after: last, limit: pageSize)
            index = 0
            exhausted = page.count < pageSize
            guard !page.isEmpty else { return nil }
        }
        defer { index += 1 }
        return page[index]
    }
}
