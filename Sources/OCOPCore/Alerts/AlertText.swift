/// An alert's sentence (``AlertCondition/message``, ``AlertEvent/message``), kept as what it is
/// made of until it is read.
///
/// A national catalog raises some 13,000 listing alerts at once, and their sentences written out
/// were 3.6 MB at the peak of publishing, though only the alert log and the stored records read
/// them, one at a time (docs/0012). A listing alert keeps the product's name (the catalog's own
/// string), its id, the marketplace and the reason instead.
///
/// Two texts are equal when they read the same, however they are kept: a sentence read back from
/// the store equals the one the evaluation makes.
enum AlertText: Sendable, Hashable, Codable {
    /// A sentence written out.
    case written(String)
    /// ``AlertMessages/listing(_:productName:productID:marketplace:reason:)``.
    case listing(ListingStatus, productName: String, productID: String, marketplace: MarketplaceID, reason: String?)

    var string: String {
        switch self {
        case .written(let text):
            text
        case .listing(let status, let name, let id, let marketplace, let reason):
            AlertMessages.listing(status, productName: name, productID: id, marketplace: marketplace, reason: reason)
        }
    }

    static func == (lhs: AlertText, rhs: AlertText) -> Bool {
        switch (lhs, rhs) {
        case (.written(let left), .written(let right)):
            return left == right
        case (.listing(let s1, let n1, let i1, let m1, let r1), .listing(let s2, let n2, let i2, let m2, let r2))
        where s1 == s2 && n1 == n2 && i1 == i2 && m1 == m2 && r1 == r2:
            return true
        default:
            return lhs.string == rhs.string
        }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(string)
    }

    /// Encoded as the sentence itself.
    init(from decoder: any Decoder) throws {
        self = .written(try decoder.singleValueContainer().decode(String.self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}
