import Foundation
import OCOPCatalog
import OCOPCore
import Testing

/// What spreadsheets actually export: BOMs, semicolons, CRLF, multi-line cells, decomposed
/// diacritics and Vietnamese headers.
@Suite struct CatalogFormatTests {
    static let producers = """
        entity_id,entity_name,entity_type
        DT-E-001,HTX Sen Hồng Mỹ Hòa,cooperative

        """

    static func source(_ name: String, _ text: String) -> CatalogSource {
        CatalogSource(name: name, data: Data(text.utf8))
    }

    @Test func byteOrderMarkAndSemicolons() throws {
        let products = """
            \u{FEFF}product_id;product_name;entity_id;star_rating;ocop_group;district_name_as_issued
            DT-P-0001;Nem chua Lai Vung, hộp 500 g;DT-E-001;3;I.3;Lai Vung
            DT-P-0002;"Bánh phồng ""Sa Giang""; loại 1";DT-E-001;4;I.3;Sa Đéc

            """
        let catalog = try CatalogParser.parse(sources: [
            Self.source("products.csv", products), Self.source("producers.csv", Self.producers),
        ])
        #expect(catalog.products.map(\.id) == ["DT-P-0001", "DT-P-0002"])
        #expect(catalog.products.map(\.name) == ["Nem chua Lai Vung, hộp 500 g", #"Bánh phồng "Sa Giang"; loại 1"#])
        #expect(catalog.products.map(\.stars) == [3, 4])
    }

    /// A phone column a spreadsheet read as numbers lost its leading zero: refused, not stored.
    @Test func aPhoneNumberThatLostItsLeadingZeroIsRefused() throws {
        let products = """
            product_id,product_name,entity_id,star_rating,ocop_group,district_name_as_issued
            DT-P-0001,Nem chua,DT-E-001,3,I.3,Lai Vung

            """
        func producers(_ phone: String) -> CatalogSource {
            Self.source("producers.csv", "entity_id,entity_name,entity_type,phone\nDT-E-001,HTX Sen,cooperative,\(phone)\n")
        }
        for phone in ["0912 345 678", "\"+84 912 345 678\"", "84912345678", "0277.3851.234", "0912345678 (chị Lan)"] {
            let catalog = try CatalogParser.parse(sources: [Self.source("products.csv", products), producers(phone)])
            #expect(catalog.producers.first?.phone?.isEmpty == false, "\(phone)")
        }
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(sources: [Self.source("products.csv", products), producers("912345678")])
        }
        #expect(error?.description.hasPrefix(#"producers.csv:2: column phone: "912345678" is not a Vietnamese phone number"#) == true)
    }

    /// A sheet saved as "Text (Tab delimited)" reads like a CSV file.
    @Test func tabSeparatedSheets() throws {
        let products = [
            "product_id\tproduct_name\tentity_id\tstar_rating\tocop_group\tdistrict_name_as_issued",
            "DT-P-0001\tNem chua Lai Vung, hộp 500 g\tDT-E-001\t3\tI.3\tLai Vung",
        ].joined(separator: "\r\n")
        let catalog = try CatalogParser.parse(sources: [
            Self.source("products.csv", products), Self.source("producers.csv", Self.producers),
        ])
        #expect(catalog.products.map(\.name) == ["Nem chua Lai Vung, hộp 500 g"])
    }

    /// One page written two ways is one listing: checked and counted once, or refused.
    @Test func onePageWrittenTwoWaysIsRefusedAndCaseSensitiveShortLinksAreNot() throws {
        let products = """
            product_id,product_name,entity_id,star_rating,ocop_group,district_name_as_issued
            DT-P-0001,Nem chua,DT-E-001,3,I.3,Lai Vung
            DT-P-0002,Trà sen,DT-E-001,3,I.5,Lai Vung

            """
        func listings(_ rows: [String]) -> CatalogSource {
            Self.source("listings.csv", (["product_id,platform,listing_url"] + rows).joined(separator: "\n"))
        }
        let twice = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(sources: [
                Self.source("products.csv", products), Self.source("producers.csv", Self.producers),
                listings([
                    "DT-P-0001,shopee,https://shopee.vn/nem-i.11.22",
                    "DT-P-0001,shopee,http://shopee.vn/nem-i.11.22?utm_source=zalo",
                ]),
            ])
        }
        #expect(twice?.description.contains("listings.csv:3: column listing_url: product DT-P-0001 already has this page") == true)
        let catalog = try CatalogParser.parse(sources: [
            Self.source("products.csv", products), Self.source("producers.csv", Self.producers),
            listings(["DT-P-0001,shopee,https://shope.ee/9zKqP1xAbC", "DT-P-0002,shopee,https://shope.ee/9ZkQp1XaBc"]),
        ])
        #expect(catalog.listings.count == 2)
    }

    @Test func lineNumbersCountTheLinesInsideQuotedCells() throws {
        let products = [
            "product_id,product_name,entity_id,star_rating,ocop_group,district_name_as_issued",
            "DT-P-0001,\"Hạt sen sấy giòn\r\nHộp 200 g\r\nloại 1\",DT-E-001,3,I.3,Tháp Mười",
            "DT-P-0002,\"Trà tim sen\nHộp 100 g\",DT-E-001,6,I.5,Tháp Mười",
            "DT-P-0003,Trà lá sen,DT-E-001,3,I.5,",
        ].joined(separator: "\r\n")
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(sources: [
                Self.source("products.csv", products), Self.source("producers.csv", Self.producers),
            ])
        }
        #expect(
            error?.description == """
                products.csv:5: column star_rating: "6" is not a star rating (3, 4 or 5)
                products.csv:7: column district_name_as_issued: no district given; fill in the district name or its code
                """
        )
    }

    @Test func lineBreaksInsideCellsBecomeSpaces() throws {
        let products = """
            product_id,product_name,entity_id,star_rating,ocop_group,district_name_as_issued
            DT-P-0001,"Hạt sen sấy giòn
            Hộp 200 g",DT-E-001,3,I.3,Tháp Mười
            """
        let catalog = try CatalogParser.parse(sources: [
            Self.source("products.csv", products), Self.source("producers.csv", Self.producers),
        ])
        #expect(catalog.products.first?.name == "Hạt sen sấy giòn Hộp 200 g")
    }

    @Test func decomposedDiacriticsAreComposed() throws {
        let name = "Trà tim sen Hồng Liên"
        let products = """
            product_id,Tên sản phẩm,entity_id,star_rating,ocop_group,Huyện
            DT-P-0001,\(name),DT-E-001,4,I.5,Tháp Mười

            """.decomposedStringWithCanonicalMapping
        let composed = products.precomposedStringWithCanonicalMapping
        try #require(products.unicodeScalars.count > composed.unicodeScalars.count)
        let catalog = try CatalogParser.parse(sources: [
            Self.source("products.csv", products), Self.source("producers.csv", Self.producers),
        ])
        let product = try #require(catalog.products.first)
        #expect(Array(product.name.unicodeScalars) == Array(name.unicodeScalars))
        #expect(Array(product.region.districtName!.unicodeScalars) == Array("Tháp Mười".unicodeScalars))
    }

    @Test func vietnameseHeadersAndLabels() throws {
        let products = """
            Mã sản phẩm (nội bộ),Tên sản phẩm,Mã chủ thể,HẠNG SAO,Cấp công nhận,Nhóm,Phân nhóm,Ngày quyết định,\
            Hiệu lực đến,Trạng thái,Mã huyện cũ,Tên huyện (theo QĐ),Dữ liệu giả lập
            DT-P-0001,Trà tim sen,DT-E-001,4,Cấp tỉnh,I.5,I.5.b,2022-12-29,2025-12-29,Còn hiệu lực,872,Tháp Mười,có
            DT-P-0002,Rượu sen,DT-E-001,3,cấp tỉnh,II.1,II.1.a,2021-10-01,2024-10-01,Hết hiệu lực,872,Tháp Mười,có

            """
        let producers = """
            Mã chủ thể,Tên chủ thể,Loại hình,Điện thoại
            DT-E-001,HTX Sen Hồng Mỹ Hòa,Hợp tác xã,+84 277 3851 234

            """
        let listings = """
            Mã sản phẩm,Sàn,Đường dẫn,Quan hệ người bán
            DT-P-0001,Shopee,https://shopee.vn/tra-tim-sen-i.1234567890.23456789012,own_shop
            DT-P-0001,TikTok Shop,https://shop.tiktok.com/vn/pdp/tra-tim-sen/1729384756473829101,
            DT-P-0002,own_website,https://sen-hong-my-hoa.vn/san-pham/ruou-sen,reseller

            """
        let catalog = try CatalogParser.parse(sources: [
            Self.source("a.csv", listings), Self.source("b.csv", products), Self.source("c.csv", producers),
        ])
        #expect(
            catalog.producers == [
                Producer(id: "DT-E-001", name: "HTX Sen Hồng Mỹ Hòa", type: "cooperative", phone: "+84 277 3851 234")
            ]
        )
        #expect(
            catalog.products.first
                == Product(
                    id: "DT-P-0001",
                    name: "Trà tim sen",
                    producerID: "DT-E-001",
                    stars: 4,
                    group: "I.5",
                    subgroup: "I.5.b",
                    region: Region(districtCode: "872", districtName: "Tháp Mười"),
                    decisionDate: "2022-12-29",
                    validUntil: "2025-12-29",
                    status: .active,
                    isSynthetic: true
                )
        )
        #expect(catalog.products.map(\.status) == [.active, .expired])
        #expect(catalog.listings.map(\.marketplace) == [.shopee, .tiktokShop, .website])
        #expect(catalog.listings.map(\.sellerRelation) == [.ownShop, .unknown, .reseller])
    }

    @Test func regionCodesAreStoredBare() throws {
        let products = """
            product_id,product_name,entity_id,star_rating,ocop_group,province_uid_as_issued,district_uid_as_issued,\
            commune_uid_as_issued,commune_name_as_issued,current_commune_uid
            DT-P-0001,Trà tim sen,DT-E-001,4,I.5,VN-2019:P:87,VN-2019:D:872,VN-2019:C:30316,Mỹ Hòa,VN-2025:C:30301

            """
        let catalog = try CatalogParser.parse(sources: [
            Self.source("products.csv", products), Self.source("producers.csv", Self.producers),
        ])
        #expect(
            catalog.products.first?.region
                == Region(
                    provinceCode: "87",
                    districtCode: "872",
                    communeCode: "30316",
                    communeName: "Mỹ Hòa",
                    currentCommuneCode: "30301"
                )
        )
    }

    @Test func regionCodesOfTheWrongWidthOrAnUnknownSetAreRefused() throws {
        let products = """
            product_id,product_name,entity_id,star_rating,ocop_group,province_uid_as_issued,district_uid_as_issued
            DT-P-0001,Trà tim sen,DT-E-001,4,I.5,1,VN-2019:D:872
            DT-P-0002,Hạt sen,DT-E-001,3,I.3,87,FOO:D:872

            """
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(sources: [
                Self.source("products.csv", products), Self.source("producers.csv", Self.producers),
            ])
        }
        #expect(
            error?.description == """
                products.csv:2: column province_uid_as_issued: "1" is not a province code: GSO province codes have 2 \
                digits (e.g. 87); format the column as text so that leading zeros are kept
                products.csv:3: column district_uid_as_issued: "FOO:D:872" is not a district code; write the GSO code \
                (e.g. 872) or a uid such as VN-2019:D:872, and put names in the name column
                """
        )
    }

    @Test func oneKindMaySpanSeveralFiles() throws {
        let header = "product_id,product_name,entity_id,star_rating,ocop_group,legacy_district_code\n"
        let catalog = try CatalogParser.parse(sources: [
            Self.source("products-2023.csv", header + "DT-P-0001,Trà tim sen,DT-E-001,4,I.5,872\n"),
            Self.source("products-2024.csv", header + "DT-P-0002,Trà lá sen,DT-E-001,3,I.5,872\n"),
            Self.source("producers.csv", Self.producers),
        ])
        #expect(catalog.products.map(\.id) == ["DT-P-0001", "DT-P-0002"])
    }

    /// Certificates of 2019–2022 carry the older decision's codes, which are checked for shape
    /// only; the 2023 tree's codes are checked against the tree, however the version is spelt.
    @Test func olderClassificationIsCheckedForShapeOnly() throws {
        let products = """
            product_id,product_name,entity_id,star_rating,ocop_group,ocop_subgroup,Phiên bản phân loại,\
            legacy_district_code
            DT-P-0001,Trà tim sen,DT-E-001,4,I.7,I.7.a,QD1048-2019,872
            DT-P-0002,Hạt sen,DT-E-001,3,I.3,I.3.c,QĐ 148-2023,872
            DT-P-0003,Sữa hạt sen,DT-E-001,3,II.2,II.2.b,qd26-2026,872

            """
        let catalog = try CatalogParser.parse(sources: [
            Self.source("products.csv", products), Self.source("producers.csv", Self.producers),
        ])
        #expect(catalog.products.map(\.subgroup) == ["I.7.a", "I.3.c", "II.2.b"])
    }

    /// Certificates issued after 1 July 2025 name a province and a commune of the new units, and
    /// no district: the sheet needs no district column, and their commune is the current one.
    @Test func certificatesOfThe2025UnitsNeedNoDistrict() throws {
        let products = """
            product_id,product_name,entity_id,star_rating,ocop_group,admin_set_as_issued,province_uid_as_issued,\
            commune_uid_as_issued,commune_name_as_issued,legacy_district_code
            DT-P-0001,Trà tim sen,DT-E-001,4,I.5,VN-2025,VN-2025:P:82,VN-2025:C:30001,Tháp Mười,
            DT-P-0002,Hạt sen,DT-E-001,3,I.3,,82,VN-2025:C:30002,Mỹ Thọ,872

            """
        // A producer registered in the new units need not name its commune's code.
        let producers = """
            entity_id,entity_name,entity_type,admin_set_as_registered,province_uid_as_registered,commune_name
            DT-E-001,HTX Sen Hồng Mỹ Hòa,cooperative,VN-2025,VN-2025:P:82,Tháp Mười

            """
        let catalog = try CatalogParser.parse(sources: [
            Self.source("products.csv", products), Self.source("producers.csv", producers),
        ])
        #expect(catalog.producers.first?.region == Region(provinceCode: "82", communeName: "Tháp Mười"))
        let first = try #require(catalog.products.first?.region)
        #expect(first == Region(provinceCode: "82", communeName: "Tháp Mười", currentCommuneCode: "30001"))
        #expect(first.districtKey == "VN-2025")
        #expect(first.districtLabel == Region.noDistrictLabel)
        // The set read from the commune's uid; a former district kept for reporting by it.
        let second = try #require(catalog.products.last?.region)
        #expect(second.currentCommuneCode == "30002")
        #expect(second.districtKey == "872")
    }
}
