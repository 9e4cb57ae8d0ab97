import Foundation
import OCOPCatalog
import OCOPCore
import Testing

@Suite struct CatalogParserTests {
    static let header = "product_id,product_name,entity_id,star_rating,ocop_group,decision_date,legacy_district_code\n"
    static let producers = CatalogSource(
        name: "producers.csv",
        data: Data("entity_id,entity_name,entity_type\nDT-E-001,HTX Sen Hồng Mỹ Hòa,cooperative\n".utf8)
    )

    @Test func everyProblemInARowIsReported() throws {
        let products = Self.header + "DT-P-0001,,DT-E-001,9,I.9.9,2022-13-01,Tháp Mười\n"
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(sources: [
                CatalogSource(name: "products.csv", data: Data(products.utf8)), Self.producers,
            ])
        }
        #expect(
            error?.issues.map(\.column) == [
                "product_name", "star_rating", "ocop_group", "decision_date", "legacy_district_code",
            ]
        )
        #expect(error?.issues.allSatisfy { $0.file == "products.csv" && $0.line == 2 } == true)
    }

    @Test func theListIsCappedAndTheRestCounted() throws {
        var products = Self.header
        for index in 1...300 {
            products += "DT-P-\(index),Sản phẩm \(index),DT-E-001,6,I.5,2022-12-29,872\n"
        }
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(
                sources: [CatalogSource(name: "products.csv", data: Data(products.utf8)), Self.producers],
                configuration: CatalogParser.Configuration(maximumIssueCount: 200)
            )
        }
        #expect(error?.issues.count == 200)
        #expect(error?.issues.last?.line == 201)
        #expect(error?.omittedCount == 100)
        #expect(error?.description.hasSuffix("\n… and 100 more issues not shown") == true)
    }

    @Test func readsFilesFromDisk() throws {
        let folder = FixtureFiles.root.appendingPathComponent("baseline")
        let catalog = try CatalogParser.parse(
            files: ["products.csv", "producers.csv", "listings.csv"].map { folder.appendingPathComponent($0) }
        )
        #expect(catalog.products.map(\.id) == ["DT-P-0001", "DT-P-0002", "DT-P-0003", "DT-P-0004"])
        let fiveStar = try #require(catalog.products.last)
        #expect(fiveStar.stars == 5)
        let region = Region(
            provinceCode: "87",
            districtCode: "877",
            districtName: "Châu Thành",
            communeName: "Tân Nhuận Đông"
        )
        #expect(fiveStar.region == region)
        #expect(catalog.products[2].name == "Nem chua Lai Vung, hộp 500 g")
        #expect(catalog.listings[2].sellerRelation == .unknown)
    }

    @Test func aMissingFileIsNamed() throws {
        let folder = FixtureFiles.root.appendingPathComponent("baseline")
        let missing = folder.appendingPathComponent("entities.csv")
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(files: [folder.appendingPathComponent("products.csv"), missing])
        }
        #expect(error?.description == "entities.csv: the file does not exist; check the path \(missing.path)")
    }

    @Test func aFileLargerThanTheLimitIsRefusedAndOneAtTheLimitIsRead() throws {
        let folder = FixtureFiles.root.appendingPathComponent("baseline")
        let files = ["products.csv", "producers.csv", "listings.csv"].map { folder.appendingPathComponent($0) }
        let size = try #require(try files[0].resourceValues(forKeys: [.fileSizeKey]).fileSize)

        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(files: files, configuration: CatalogParser.Configuration(maximumFileBytes: size - 1))
        }
        #expect(error?.issues.first?.file == "products.csv")
        #expect(error?.issues.first?.message.hasPrefix("the file is larger than \(size - 1) bytes") == true)

        let catalog = try CatalogParser.parse(files: files, configuration: CatalogParser.Configuration(maximumFileBytes: size))
        #expect(catalog.products.count == 4)
    }

    @Test func aDeviceThatNeverEndsIsCutAtTheLimit() throws {
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(
                files: [URL(fileURLWithPath: "/dev/zero")],
                configuration: CatalogParser.Configuration(maximumFileBytes: 4096)
            )
        }
        #expect(error?.issues.first?.file == "zero")
        #expect(error?.issues.first?.message.hasPrefix("the file is larger than 4096 bytes") == true)
    }

    @Test func aFolderIsNamedAsOne() throws {
        let folder = FixtureFiles.root.appendingPathComponent("baseline")
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(files: [folder.appendingPathComponent("products.csv"), folder])
        }
        #expect(error?.description == "baseline: the file is a folder; name the CSV files inside it")
    }

    @Test func aFileListedTwiceIsReadOnce() throws {
        let folder = FixtureFiles.root.appendingPathComponent("baseline")
        let products = folder.appendingPathComponent("products.csv")
        let sameFile = folder.appendingPathComponent("./products.csv")
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(files: [products, folder.appendingPathComponent("producers.csv"), sameFile])
        }
        // Read twice, every product would also be reported as a duplicate of itself.
        #expect(error?.description == "products.csv: the file is listed twice; list each file once")
    }

    @Test func filesOfTheSameNameAreToldApartByTheirPaths() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let products = Self.header + "DT-P-0001,Trà tim sen,DT-E-001,4,I.5,2022-12-29,872\n"
        var files: [URL] = []
        for year in ["2023", "2024"] {
            let folder = root.appendingPathComponent(year)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            files.append(folder.appendingPathComponent("products.csv"))
            try Data(products.utf8).write(to: files[files.count - 1])
        }
        let producers = root.appendingPathComponent("producers.csv")
        try Self.producers.data.write(to: producers)
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(files: files + [producers])
        }
        #expect(
            error?.description
                == #"\#(files[1].path):2: column product_id: "DT-P-0001" is already used on \#(files[0].path):2; "#
                + "give every certificate its own product id"
        )
    }

    /// A listings sheet that lost its platform column reads as products; the error says which
    /// column the listings file lacks before listing a products file's.
    @Test func aListingsSheetWithoutItsPlatformColumnIsNamedAsSuch() {
        let listings = "product_id,product_name,Link\nDT-P-0001,Trà tim sen,https://shopee.vn/tra-i.1234567890.23456789012\n"
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(sources: [Self.producers, CatalogSource(name: "listings.csv", data: Data(listings.utf8))])
        }
        #expect(error?.description.hasPrefix("listings.csv:1: the header has a link column and product names but no ") == true)
        #expect(error?.description.contains("if this is the listings file, add platform") == true)
    }

    @Test func aProductsSheetWithALinkColumnIsStillAProductsSheet() throws {
        let products =
            "product_id,product_name,entity_id,star_rating,ocop_group,legacy_district_code,URL\n"
            + "DT-P-0001,Trà tim sen,DT-E-001,4,I.5,872,https://dongthap.gov.vn/qd-1446\n"
        let listings = "product_id,Sàn,Link\nDT-P-0001,shopee,https://shopee.vn/tra-tim-sen-i.1234567890.23456789012\n"
        let catalog = try CatalogParser.parse(sources: [
            CatalogSource(name: "products.csv", data: Data(products.utf8)), Self.producers,
            CatalogSource(name: "listings.csv", data: Data(listings.utf8)),
        ])
        #expect(catalog.products.map(\.id) == ["DT-P-0001"])
        #expect(catalog.listings.map(\.productID) == ["DT-P-0001"])
    }

    @Test func aCatalogSaysWhetherItCameWithListings() throws {
        let products = Self.header + "DT-P-0001,Trà tim sen,DT-E-001,4,I.5,2022-12-29,872\n"
        let withoutListings = try CatalogParser.parse(sources: [
            CatalogSource(name: "products.csv", data: Data(products.utf8)), Self.producers,
        ])
        #expect(!withoutListings.includesListings)
        let emptyListings = try CatalogParser.parse(sources: [
            CatalogSource(name: "products.csv", data: Data(products.utf8)), Self.producers,
            CatalogSource(name: "listings.csv", data: Data("product_id,platform,listing_url\n".utf8)),
        ])
        #expect(emptyListings.includesListings)
        #expect(emptyListings.listings.isEmpty)
    }

    @Test func theProductsFileIsRequired() throws {
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(sources: [Self.producers])
        }
        #expect(
            error?.description
                == "catalog: no products file among producers.csv; add the CSV whose header row has product_id, "
                + "product_name, entity_id, star_rating, ocop_group"
        )
    }

    @Test("Products of one decision and one district share the decision number and the region they were read with")
    func repeatedValuesAreReadOnce() throws {
        var products = "product_id,product_name,entity_id,star_rating,ocop_group,decision_no,district_name_as_issued\n"
        for index in 1...3 {
            products += "DT-P-\(index),Sản phẩm \(index),DT-E-001,3,I.5,1446/QĐ-UBND-HC ngày 29/12/2022,Thành phố Cao Lãnh\n"
        }
        let catalog = try CatalogParser.parse(sources: [
            CatalogSource(name: "products.csv", data: Data(products.utf8)), Self.producers,
        ])
        func storage(_ text: String?) -> UnsafePointer<UInt8>? {
            guard var text else { return nil }
            return text.withUTF8 { $0.baseAddress }
        }
        #expect(catalog.products.count == 3)
        #expect(catalog.products.allSatisfy { $0.region.districtName == "Thành phố Cao Lãnh" })
        #expect(Set(catalog.products.map { storage($0.decisionNumber) }).count == 1)
        #expect(Set(catalog.products.map { storage($0.region.districtName) }).count == 1)
    }
}
