/// A value's fields kept in one immutable box that copies share, so that a copy is one
/// reference, while setting a field gives the value a box of its own: it still behaves as a
/// plain value. ``Product`` and ``Region`` hold their fields this way (docs/0012): a catalog of
/// 50,000 products is read once and held by coverage, alerts and the daemon's last report.
/// A ``CatalogInterner`` goes further and has equal boxes (a product's decision, its region)
/// shared between values.
struct SharedFields<Fields: Sendable & Hashable>: Sendable, Hashable {
    private final class Box: Sendable {
        let fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }

    private var box: Box

    init(_ fields: Fields) {
        box = Box(fields)
    }

    var fields: Fields {
        get { box.fields }
        set { box = Box(newValue) }
    }

    /// The same box is the same fields: no field is compared.
    static func == (lhs: SharedFields, rhs: SharedFields) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    func hash(into hasher: inout Hasher) {
        box.fields.hash(into: &hasher)
    }
}
