import Foundation
import MockMarketplace
import OCOPCore

/// Reading JSON documents and embedded JSON out of mock responses, the way an adapter would.
enum Document {
    /// The body parsed as a JSON object.
    static func object(_ response: MockResponse) throws -> [String: Any] {
        try object(response.bodyBytes)
    }

    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        guard let object = parsed as? [String: Any] else { throw Failure("the body is not a JSON object") }
        return object
    }

    /// The JSON that follows `marker` in an HTML page, up to the end of its `<script>` element.
    static func embedded(in html: String, after marker: String) throws -> [String: Any] {
        guard let start = html.range(of: marker) else { throw Failure("no '\(marker)' in the page") }
        guard let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex) else {
            throw Failure("no </script> after '\(marker)'")
        }
        var json = html[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        if json.hasSuffix(";") { json.removeLast() }
        return try object(Array(json.utf8))
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The value at a dotted path (`data.item.stock`; numeric components index arrays).
    subscript(path path: String) -> Any? {
        var current: Any? = self
        for component in path.split(separator: ".") {
            if let object = current as? [String: Any] {
                current = object[String(component)]
            } else if let array = current as? [Any], let index = Int(component), array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }

    func int(_ path: String) -> Int? { (self[path: path] as? NSNumber)?.intValue }
    func string(_ path: String) -> String? { self[path: path] as? String }
    func isNull(_ path: String) -> Bool { self[path: path] is NSNull }
}

/// A scenario item with every fact fixed, so assertions do not depend on synthetic values.
func fixedItem(
    _ marketplace: MarketplaceID,
    _ itemID: String,
    state: MockItemState = .active,
    url: String? = nil
) -> MockItemFacts {
    MockItemFacts(
        MockItem(
            marketplace: marketplace,
            itemID: itemID,
            state: state,
            title: "Trà sen Tháp Mười túi lọc hộp 25 gói - OCOP 4 sao",
            priceVND: 95_000,
            originalPriceVND: 120_000,
            seller: "HTX Sen Tháp Mười",
            stock: 86,
            sold: 412,
            url: url
        )
    )
}
