public import Foundation
public import MockMarketplace
public import OCOPCore

/// A few listings of the demo catalog, written as the three catalog CSVs of a test, with the
/// mock items that answer for them: fast daemon tests on real catalog files.
///
/// The listings are the first `count` of each marketplace in `Config/demo/listings.csv`, with
/// their products and producers, so a catalog written with larger counts is a superset of one
/// written with smaller counts (a catalog that grows on reload).
public struct SmallCatalog: Sendable {
    /// The catalog files, in the order `catalog.files` takes them: producers, products, listings.
    public let files: [String]
    public let listings: [Listing]

    /// Writes `producers.csv`, `products.csv` and `listings.csv` into `directory`.
    /// - Parameter counts: Listings per marketplace; page marketplaces only (tiki, lazada,
    ///   shopee, tiktok_shop), whose item ids the mock derives from the URL.
    public static func write(to directory: URL, counts: [MarketplaceID: Int]) throws -> SmallCatalog {
        let demo = DemoEnvironment.repository.appendingPathComponent("Config/demo")
        let listingRows = try rows(of: demo.appendingPathComponent("listings.csv"))
        let productRows = try rows(of: demo.appendingPathComponent("products.csv"))
        let producerRows = try rows(of: demo.appendingPathComponent("producers.csv"))

        var remaining = counts
        var chosen: [Row] = []
        for row in listingRows.body {
            let marketplace = MarketplaceID(row.fields[2])
            guard let left = remaining[marketplace], left > 0 else { continue }
            remaining[marketplace] = left - 1
            chosen.append(row)
        }
        let productIDs = Set(chosen.map { $0.fields[1] })
        let products = productRows.body.filter { productIDs.contains($0.fields[0]) }
        let producerIDs = Set(products.map { $0.fields[3] })
        let producers = producerRows.body.filter { producerIDs.contains($0.fields[0]) }

        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = [
            ("producers.csv", producerRows.header, producers.map(\.line)),
            ("products.csv", productRows.header, products.map(\.line)),
            ("listings.csv", listingRows.header, chosen.map(\.line)),
        ].map { name, header, lines in
            let url = directory.appendingPathComponent(name)
            return (url, ([header] + lines).joined(separator: "\n") + "\n")
        }
        for (url, text) in files {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let listings = chosen.map { row in
            Listing(productID: row.fields[1], marketplace: MarketplaceID(row.fields[2]), url: row.fields[3])
        }
        return SmallCatalog(files: files.map(\.0.path), listings: listings)
    }

    /// The mock's items for these listings, all in `state`.
    public func items(state: MockItemState = .active) -> [MockItem] {
        listings.map { MockItem(marketplace: $0.marketplace, itemID: DemoEnvironment.itemID(of: $0), state: state) }
    }

    /// The listings of one marketplace.
    public func listings(of marketplace: MarketplaceID) -> [Listing] {
        listings.filter { $0.marketplace == marketplace }
    }

    private struct Row {
        var line: String
        var fields: [String]
    }

    /// The header line and the records of a CSV file with one record per line.
    private static func rows(of url: URL) throws -> (header: String, body: [Row]) {
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        guard let header = lines.first else { return ("", []) }
        return (header, lines.dropFirst().map { Row(line: $0, fields: fields(of: $0)) })
    }

    /// Splits one CSV record: commas separate, double quotes enclose, `""` is a quote.
    private static func fields(of line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case "\"" where quoted:
                if let next = iterator.next() {
                    if next == "\"" {
                        current.append("\"")
                    } else {
                        quoted = false
                        if next == "," {
                            fields.append(current)
                            current = ""
                        } else {
                            current.append(next)
                        }
                    }
                } else {
                    quoted = false
                }
            case "\"":
                quoted = true
            case "," where !quoted:
                fields.append(current)
                current = ""
            default:
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
