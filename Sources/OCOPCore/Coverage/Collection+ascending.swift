extension Collection {
    /// Whether each element's `key` is below the next one's or, not `strictly`, at most equal to it.
    ///
    /// Catalog records and listings come from the store in id order: checked in one walk, they
    /// need neither sorting again nor a table to be found in (docs/0012).
    package func isAscending<Key: Comparable>(strictly: Bool = true, by key: (Element) -> Key) -> Bool {
        var previous: Key?
        for element in self {
            let current = key(element)
            if let previous, strictly ? !(previous < current) : current < previous { return false }
            previous = current
        }
        return true
    }
}
