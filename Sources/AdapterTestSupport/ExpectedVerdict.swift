public import OCOPCore
public import Testing

/// A row of an adapter's fixture table: what the verdict on a saved answer must say.
///
/// Each adapter's test target keeps its own row type, because the defaults of a row (the
/// listing URL and item id most rows share) are that adapter's; the comparison is the same for
/// all of them and is written once, here.
public protocol ExpectedVerdict {
    var verdict: ListingStatus { get }
    var reason: String? { get }
    var title: String? { get }
    var price: Int? { get }
    var originalPrice: Int? { get }
    var seller: String? { get }
    var stock: Int? { get }
    var sold: Int? { get }
    var itemID: String { get }
}

extension ExpectedVerdict {
    /// Expects every field of `actual` to be what the row says, each reported on its own.
    public func expectMatches(_ actual: Verdict, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.status == verdict, sourceLocation: sourceLocation)
        #expect(actual.reason == reason, sourceLocation: sourceLocation)
        #expect(actual.title == title, sourceLocation: sourceLocation)
        #expect(actual.priceVND == price, sourceLocation: sourceLocation)
        #expect(actual.originalPriceVND == originalPrice, sourceLocation: sourceLocation)
        #expect(actual.seller == seller, sourceLocation: sourceLocation)
        #expect(actual.stock == stock, sourceLocation: sourceLocation)
        #expect(actual.sold == sold, sourceLocation: sourceLocation)
        #expect(actual.itemID == itemID, sourceLocation: sourceLocation)
    }
}
