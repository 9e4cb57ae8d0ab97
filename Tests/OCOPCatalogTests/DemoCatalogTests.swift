import Foundation
import OCOPCatalog
import OCOPCore
import Testing

/// The generated demo catalog in `Config/demo` must pass the same validation as a real one and
/// keep the figures of `research/catalog-schema.md` §6.
@Suite struct DemoCatalogTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Config/demo")

    /// Parsed once for the whole suite.
    static let parsed = Result {
        try CatalogParser.parse(
            files: ["producers.csv", "products.csv", "listings.csv"].map { folder.appendingPathComponent($0) }
        )
    }

    static func catalog() throws -> Catalog {
        try parsed.get()
    }

    /// A national catalog takes seconds to read: the progress counts its rows, read and then
    /// validated, up to their total, which is known before the first row.
    @Test func progressCountsEveryRowUpToTheTotal() throws {
        let files = ["producers.csv", "products.csv", "listings.csv"].map { Self.folder.appendingPathComponent($0) }
        let lines = try files.reduce(0) { sum, file in
            sum + (try String(contentsOf: file, encoding: .utf8)).split(separator: "\n", omittingEmptySubsequences: false).count - 1
        }
        var reports: [(done: Int, total: Int)] = []
        let catalog = try CatalogParser.parse(files: files) { done, total in reports.append((done, total)) }
        #expect(catalog.products.count == 581)
        #expect(reports.count > files.count + 2, "reported along the files, not only at their ends: \(reports.count)")
        #expect(reports.allSatisfy { $0.total == lines }, "the total is the files' lines (\(lines)) from the first report")
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.done < $1.done }, "only forward")
        #expect(reports.last?.done == lines, "ends at the total")
    }

    /// Old Mac "CSV" exports end their lines with a carriage return alone: counted all the same.
    @Test func progressCountsTheLinesOfAFileWithoutLineFeeds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-cr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = 0
        var files: [URL] = []
        for name in ["producers.csv", "products.csv", "listings.csv"] {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
            lines += text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            let file = folder.appendingPathComponent(name)
            try text.replacingOccurrences(of: "\n", with: "\r").write(to: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        var reports: [(done: Int, total: Int)] = []
        let catalog = try CatalogParser.parse(files: files) { done, total in reports.append((done, total)) }
        #expect(catalog.listings.count == 604)
        #expect(reports.allSatisfy { $0.total == lines }, "\(reports.last.map { "\($0)" } ?? "none") of \(lines) lines")
        #expect(reports.last?.done == lines)
    }

    @Test func hasTheFiguresOfTheEndOf2024() throws {
        let catalog = try Self.catalog()
        #expect(catalog.products.count == 581)
        #expect(catalog.producers.count == 246)
        let stars = Dictionary(grouping: catalog.products, by: \.stars).mapValues(\.count)
        #expect(stars == [3: 464, 4: 116, 5: 1])
        let types = Dictionary(grouping: catalog.producers, by: \.type).mapValues(\.count)
        #expect(types == ["household_business": 150, "enterprise": 66, "cooperative": 29, "cooperative_group": 1])
        #expect(catalog.products.allSatisfy { $0.isSynthetic && $0.status == .active })
    }

    @Test func everyFormerDistrictHasAtLeastFiveFourStarProducts() throws {
        let catalog = try Self.catalog()
        let perDistrict = Dictionary(grouping: catalog.products, by: { $0.region.districtCode ?? "?" })
        #expect(perDistrict.keys.sorted() == (866...877).map(String.init))
        #expect(perDistrict.mapValues(\.count)["872"] == 60)
        for (district, products) in perDistrict {
            #expect(products.filter { $0.stars == 4 }.count >= 5, "district \(district)")
        }
    }

    @Test func aboutFourFifthsOfProductsAreListed() throws {
        let catalog = try Self.catalog()
        let listed = Set(catalog.listings.map(\.productID))
        #expect((0.75...0.85).contains(Double(listed.count) / 581))
        let marketplaces = Set(catalog.listings.map(\.marketplace))
        #expect(marketplaces == [.shopee, .tiktokShop, .lazada, .tiki, .sendo, .website])
        let nonOwner = catalog.listings.filter { $0.sellerRelation != .ownShop }.count
        #expect((0.15...0.25).contains(Double(nonOwner) / Double(catalog.listings.count)))
    }

    @Test func theScenarioServesEveryListingButSendo() throws {
        let catalog = try Self.catalog()
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("scenario.json"))
        let scenario = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(scenario["format"] as? String == "ocop-mock-scenario/1")
        let items = try #require(scenario["items"] as? [[String: Any]])
        var byMarketplace: [String: Set<String>] = [:]
        for item in items {
            byMarketplace[item["marketplace"] as? String ?? "", default: []].insert(item["item_id"] as? String ?? "")
        }
        #expect(byMarketplace["sendo"] == nil)
        for listing in catalog.listings where listing.marketplace != .sendo {
            let ids = byMarketplace[listing.marketplace.rawValue] ?? []
            #expect(ids.contains { listing.url.contains($0) }, "\(listing.url)")
        }
    }
}
