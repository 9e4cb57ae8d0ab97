/// Hands out one instance of each distinct value, so that values read many times over (the
/// region and decision of a catalog's products, through ``CatalogInterner``) share their
/// storage instead of each holding a copy (docs/0012, seventh round).
public struct Interner<Value: Hashable & Sendable>: Sendable {
    private var seen: Set<Value> = []

    public init() {}

    /// `value`, or the equal value handed out before.
    public mutating func callAsFunction(_ value: Value) -> Value {
        seen.insert(value).memberAfterInsert
    }
}
