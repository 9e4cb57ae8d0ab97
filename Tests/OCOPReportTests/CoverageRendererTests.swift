import Foundation
import OCOPCore
import OCOPReport
import Testing

@Suite("CoverageRenderer")
struct CoverageRendererTests {
    let report = ReportFixture.report
    let renderer = CoverageRenderer()

    @Test func fixtureHasOneProductInEachState() {
        #expect(report.products.total == 4)
        #expect(report.products.covered == 1)
        #expect(report.products.uncovered == 2)
        #expect(report.products.unverified == 1)
    }

    @Test func tableShowsHeadlineThenDistrictAndStars() throws {
        let text = renderer.table(report)
        let blocks = text.components(separatedBy: "\n\n")
        #expect(blocks.count == 8)
        #expect(blocks[1].contains("Sản phẩm / Products"))
        #expect(blocks[1].contains("25.0"))
        #expect(blocks[1].contains("chưa đạt / below"))
        #expect(blocks[2].contains("district") || blocks[2].contains("region"))
        #expect(blocks[3].contains("Cao Lãnh"))
        #expect(blocks[3].contains("Sa Đéc"))
        #expect(blocks[4].contains("A producer with products in several places counts in each"))
        #expect(blocks[6].contains("4★"))
        // A producer with a 3★ and a 4★ product is in both rows: the table says so.
        #expect(blocks[7].contains("A producer with products at several star levels counts in each"))
        for table in [blocks[1], blocks[3], blocks[6]] {
            let lines = table.split(separator: "\n")
            #expect(Set(lines.map { TextTable.displayWidth(of: $0) }).count == 1, "aligned: \(table)")
        }
    }

    /// A producer's products may sit in several groups or industries; the tables say it counts in each.
    @Test(arguments: [(CoverageDimension.group, "in several product groups"), (.industry, "in several industries")])
    func producersCountInEachRow(dimension: CoverageDimension, phrase: String) {
        #expect(renderer.table(report, by: dimension).contains("A producer with products \(phrase) counts in each"))
    }

    /// Marketplace rows count the products listed there, not the province's: the table says so.
    @Test func theMarketplaceTableSaysWhatItsRowsCount() {
        let text = renderer.table(report, by: .marketplace)
        #expect(text.contains("the rows do not add up to the province"))
        #expect(HTMLReport(coverage: report).render().contains("Each row counts the products listed on that marketplace"))
    }

    @Test func everyBreakdownRowIsMeasuredAgainstTheTarget() throws {
        let text = renderer.table(report, by: .region)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("Cao Lãnh") || $0.hasPrefix("Sa Đéc") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains(" 100  chưa đạt / below") })
        var lenient = report
        lenient.breakdowns[.region] = lenient.breakdowns[.region]?.map { row in
            var copy = row
            copy.products.target = 0
            return copy
        }
        #expect(renderer.table(lenient, by: .region).contains("  0  đạt / met"))
    }

    @Test func tableForOneDimension() {
        let text = renderer.table(report, by: .marketplace)
        #expect(text.contains("shopee"))
        #expect(text.contains("tiki"))
        #expect(!text.contains("4★"))
    }

    @Test func jsonHasHeadlineTalliesAndChosenBreakdown() throws {
        let data = Data(try renderer.json(report, by: .region).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["generated_at"] as? String == "2025-06-01T07:00:00+07:00")
        #expect(object["dimension"] as? String == "region")
        let products = try #require(object["products"] as? [String: Any])
        #expect(products["total"] as? Int == 4)
        #expect(products["covered"] as? Int == 1)
        #expect(products["uncovered"] as? Int == 2)
        #expect(products["unverified"] as? Int == 1)
        #expect(products["percent"] as? Double == 25)
        #expect(products["target"] as? Double == 100)
        #expect(products["meets_target"] as? Bool == false)
        let producers = try #require(object["producers"] as? [String: Any])
        #expect(producers["total"] as? Int == 3)
        #expect(producers["covered"] as? Int == 1)
        #expect(producers["percent"] as? Double == 33.33)

        let rows = try #require(object["breakdown"] as? [[String: Any]])
        #expect(rows.map { $0["key"] as? String } == ["872", "873", "874"])
        let caoLanh = try #require(rows.first?["products"] as? [String: Any])
        #expect(caoLanh["total"] as? Int == 2)
        #expect(caoLanh["percent"] as? Double == 50)

        let rules = try #require(object["rules"] as? [String: Any])
        #expect(rules["online_statuses"] as? [String] == ["active", "out_of_stock"])
        #expect(rules["stale_after_seconds"] as? Double == 604_800)
        #expect(rules["marketplaces"] is NSNull)
        let gaps = try #require(object["gaps"] as? [[String: Any]])
        #expect(gaps.map { $0["product_id"] as? String } == ["P2", "P3", "P4"])
    }

    @Test func jsonWithoutDimensionKeysEveryBreakdownByName() throws {
        let data = Data(try renderer.json(report).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["dimension"] is NSNull)
        let breakdown = try #require(object["breakdown"] as? [String: [[String: Any]]])
        #expect(Set(breakdown.keys) == Set(CoverageDimension.allCases.map(\.rawValue)))
        #expect(breakdown["stars"]?.map { $0["key"] as? String } == ["3", "4", "5"])
    }

    @Test func csvIsRFC4180WithBOM() throws {
        let csv = renderer.csv(report, by: .producer)
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let body = String(csv.dropFirst())
        #expect(body.hasSuffix("\r\n"))
        let lines = body.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 1 + 1 + 3)
        #expect(lines.first?.hasPrefix("dimension,key,label,products_total,") == true)
        // The province's figure first: what an officer opening the file in Excel looks for.
        let total = try #require(lines.dropFirst().first)
        #expect(total.hasPrefix("total,,Toàn tỉnh / Province,\(report.products.total),\(report.products.covered),"), "\(total)")
        #expect(total.contains(",\(report.producers.total),\(report.producers.covered),"))
        #expect(lines.contains("producer,PR2,\"Cơ sở \"\"Sa Giang\"\", Sa Đéc\",1,0,1,0,0.0,100,1,0,1,0,0.0,100"))
        #expect(lines.contains("producer,PR3,Công ty <b>Hồng</b>,1,0,1,0,0.0,100,1,0,1,0,0.0,100"))
    }

    @Test func csvDefusesFormulasAndCoversEveryDimensionByDefault() {
        var report = report
        report.breakdowns[.group] = [
            CoverageBreakdownRow(key: "=1+1", label: "@SUM(A1)", products: CoverageTally(), producers: CoverageTally())
        ]
        let csv = renderer.csv(report)
        #expect(csv.contains("\r\ngroup,'=1+1,'@SUM(A1),"))
        let dimensions = Set(csv.dropFirst().components(separatedBy: "\r\n").dropFirst().compactMap { $0.split(separator: ",").first })
        #expect(dimensions == Set(CoverageDimension.allCases.map { Substring($0.rawValue) } + ["total"]))
    }
}
