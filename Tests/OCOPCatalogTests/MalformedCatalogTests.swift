import OCOPCatalog
import OCOPCore
import Testing

/// Every fixture under `Fixtures/malformed/<case>/` replaces files of the valid baseline; the
/// parser must refuse the catalog with exactly the text below (one issue per line).
@Suite struct MalformedCatalogTests {
    static let expectations: [String: String] = [
        "admin-set-disagrees-with-uids":
            "products.csv:3: column admin_set_as_issued: the row is VN-2019 but its codes are VN-2025 uids; correct "
            + "the set or the codes",
        "admin-sets-mixed":
            "products.csv:3: the row's codes mix VN-2019 and VN-2025 uids; a certificate names the units of one set",
        "bool-unknown": #"products.csv:3: column is_synthetic: "maybe" is not true or false; write true or false"#,
        "classification-version-unknown":
            #"products.csv:4: column classification_version: "QD 2023" is not a classification version; write "#
            + "QD1048-2019, QD148-2023, QD26-2026",
        "control-character":
            "products.csv:3: column product_name: the cell holds an invisible control character (U+0000); retype "
            + "the cell, or check the file for damage, and export it again",
        "date-day-first":
            #"products.csv:4: column decision_date: "15/09/2023" is not a date written YYYY-MM-DD (e.g. 2022-12-29); "#
            + "format the column as yyyy-mm-dd before exporting",
        "date-not-on-calendar":
            #"products.csv:3: column valid_until: "2025-02-30" is not a day on the calendar; check the month and day"#,
        "district-codes-disagree":
            "products.csv:2: column legacy_district_code: district 866 disagrees with district_uid_as_issued 872; "
            + "correct the one that is wrong",
        "district-name-in-code-column":
            #"products.csv:4: column legacy_district_code: "Lai Vung" is not a district code; write the GSO code "#
            + "(e.g. 872) or a uid such as VN-2019:D:872, and put names in the name column",
        "duplicate-listing":
            "listings.csv:6: column listing_url: product DT-P-0001 already has this link on line 3; "
            + "delete the repeated row",
        "duplicate-producer-id": """
        producers.csv:4: column entity_id: "DT-E-002" is already used on line 3; give every producer its own id
        products.csv:5: column entity_id: "DT-E-003" is not in producers.csv; add the producer there or correct the id
        """,
        "duplicate-product-id": """
        listings.csv:4: column product_id: "DT-P-0003" is not in products.csv; add the product there or correct the id
        products.csv:4: column product_id: "DT-P-0001" is already used on line 2; give every certificate its own \
        product id
        """,
        "empty-file": "listings.csv: the file is empty; export the sheet again with its header row",
        "empty-required-cell": "products.csv:3: column product_name: the cell is empty; fill in the product name",
        "error-after-multiline-cell": #"products.csv:6: column star_rating: "7" is not a star rating (3, 4 or 5)"#,
        "five-star-provincial":
            "products.csv:5: column certification_level: a 5-star product is certified at national level; "
            + "write national (cấp quốc gia)",
        "formula-at-sign":
            #"producers.csv:3: column entity_name: "@SUM(1+1)" starts with "@", which spreadsheets run as a formula; "#
            + #"remove the "@""#,
        "formula-hyperlink":
            #"products.csv:3: column product_name: "=HYPERLINK("https://evil.example/x","Hạt sen")" starts with "=", "#
            + #"which spreadsheets run as a formula; remove the "=""#,
        "formula-minus":
            #"products.csv:4: column decision_no: "-2+3" starts with "-", which spreadsheets run as a formula; "#
            + #"remove the "-""#,
        "formula-plus-in-id":
            #"listings.csv:2: column product_id: "+DT-P-0001" starts with "+", which spreadsheets run as a formula; "#
            + #"remove the "+""#,
        "four-star-national":
            "products.csv:2: column certification_level: a 4-star product is certified at provincial level; "
            + "write provincial (cấp tỉnh)",
        "group-holds-subgroup":
            #"products.csv:2: column ocop_group: "I.5.b" is a subgroup; write the group (I.5) here and the subgroup "#
            + "in ocop_subgroup",
        "group-not-in-classification":
            #"products.csv:3: column ocop_group: "I.7" is not a group of QĐ 148/QĐ-TTg (2023), which has I.1–I.6, "#
            + "II.1–II.2, III.1–III.3, IV.1–IV.2, V.1–V.3, VI.1; correct the group, or write the certificate's "
            + "classification_version if it was issued under another decision",
        "group-without-dot":
            #"products.csv:2: column ocop_group: "I5" is not an OCOP group; write it like I.5 or IV.1"#,
        "header-not-recognised": """
        producers.csv:1: the header row is not that of a products file (product_id, product_name, …), a producers \
        file (entity_id, entity_name, entity_type) or a listings file (product_id, platform, listing_url); check \
        that the first row holds the column names
        catalog: no producers (entities) file among listings.csv, producers.csv, products.csv; add the CSV whose \
        header row has entity_id, entity_name, entity_type
        """,
        "header-only-products":
            "products.csv:1: the file has a header row but no products; export the sheet again with its rows (an "
            + "import without products would mark every stored one as removed)",
        "link-under-two-products":
            "listings.csv:6: column listing_url: this link is already listed for product DT-P-0003 on line 4; a "
            + "listing sells one product, so correct the product id or the link",
        "missing-district-column":
            #"products.csv:1: the header has no district column; add district_name_as_issued ("Tên huyện (theo QĐ)"), "#
            + "district_uid_as_issued or legacy_district_code (or, for certificates of the 2025 units, "
            + "admin_set_as_issued and commune_uid_as_issued)",
        "missing-star-rating-column":
            #"products.csv:1: the header has no star_rating ("Hạng sao") column, which every products file needs; "#
            + "add it",
        "no-district":
            "products.csv:4: column district_name_as_issued: no district given; fill in the district name or its code",
        "platform-unknown":
            #"listings.csv:5: column platform: "amazon" is not a platform; write tiki, lazada, shopee, sendo, "#
            + "tiktok_shop, postmart, voso, website (or own_website) or other",
        "producer-type-unknown":
            #"producers.csv:4: column entity_type: "corporation" is not a producer type; write cooperative, "#
            + "cooperative_group, enterprise, household_business, other",
        "repeated-column":
            #"products.csv:1: column star_rating: repeats column "Hạng sao" (both mean star_rating); "#
            + "delete one of them",
        "reformed-row-with-district":
            "products.csv:3: column district_name_as_issued: the 2025 units have no districts (abolished on 1 July "
            + "2025); leave it empty, put the former district in legacy_district_code if the office still reports "
            + "by it, or set admin_set_as_issued to VN-2019 if the place is named in the older units",
        "row-too-short":
            #"products.csv:3: the row has 19 cells but the header has 21; look for a missing or extra "," and put "#
            + #"quotes around cells that contain one (if its last cells are empty, the export dropped their "#
            + #"separators: save the sheet again as "CSV UTF-8")"#,
        "sector-mismatch":
            "products.csv:4: column ocop_sector: sector II does not match group I.3; correct one of them",
        "seller-relation-unknown":
            #"listings.csv:3: column seller_relation: "owner" is not a seller relation; write own_shop, "#
            + "authorized_distributor, provincial_pavilion, postal_booth, reseller, unknown",
        "star-rating-2": #"products.csv:4: column star_rating: "2" is not a star rating (3, 4 or 5)"#,
        "star-rating-6": #"products.csv:3: column star_rating: "6" is not a star rating (3, 4 or 5)"#,
        "status-unknown":
            #"products.csv:5: column status: "hủy" is not a certificate status; write active, expired, revoked, "#
            + "superseded, suspended",
        "subgroup-not-in-classification":
            #"products.csv:4: column ocop_subgroup: "I.3.e" is not a subgroup of QĐ 148/QĐ-TTg (2023); write one of "#
            + "I.3.a, I.3.b, I.3.c, I.3.d",
        "subgroup-of-group-without-subgroups":
            #"products.csv:2: column ocop_subgroup: "III.1.a" is not a subgroup of QĐ 148/QĐ-TTg (2023); group "#
            + "III.1 has no subgroups there, so leave the cell empty",
        "subgroup-of-other-group":
            #"products.csv:3: column ocop_subgroup: "I.4.a" is not a subgroup of group I.3; correct ocop_subgroup "#
            + "or ocop_group",
        "text-after-closing-quote":
            "products.csv:4: unexpected text after the closing quote of a cell; write a quote inside a quoted cell "
            + #"as two quotes ("")"#,
        "unclosed-quote":
            "products.csv:3: a quoted cell opened here runs on to line 4 and ends in unexpected text; add its "
            + #"missing closing quote (") or write quotes inside it as two quotes ("")"#,
        "unclosed-quote-at-end":
            #"products.csv:5: a quoted cell opened here is never closed; add the missing closing quote (")"#,
        "undecodable-second-products-file":
            #"products-2024.csv:1: the file is UTF-16 (Excel "Unicode Text"), not UTF-8; save it as "CSV UTF-8 "#
            + #"(Comma delimited)" or download it from Google Sheets as CSV"#,
        "unknown-producer":
            #"products.csv:5: column entity_id: "DT-E-999" is not in producers.csv; add the producer there or "#
            + "correct the id",
        "unknown-product":
            #"listings.csv:4: column product_id: "DT-P-0999" is not in products.csv; add the product there or "#
            + "correct the id",
        "unquoted-comma-in-name":
            #"products.csv:2: the row has 22 cells but the header has 21; look for a missing or extra "," and put "#
            + "quotes around cells that contain one",
        "url-ftp":
            #"listings.csv:4: column listing_url: "ftp://www.lazada.vn/products/nem-i1234567890.html" is not a web "#
            + "link; copy the whole address from the browser, starting with https://",
        "url-other-marketplace":
            #"listings.csv:5: column listing_url: "https://shopee.vn/hat-sen-say-i.1234567890.23456789013" is not a "#
            + "tiki link (its host should end in tiki.vn); correct the link or the platform column",
        "url-without-scheme":
            #"listings.csv:2: column listing_url: "shopee.vn/tra-tim-sen-i.1234567890.23456789012" is not a web "#
            + "link; copy the whole address from the browser, starting with https://",
        "utf16":
            #"producers.csv:1: the file is UTF-16 (Excel "Unicode Text"), not UTF-8; save it as "CSV UTF-8 (Comma "#
            + #"delimited)" or download it from Google Sheets as CSV"#,
        "valid-until-before-valid-from":
            "products.csv:2: column valid_until: 2022-06-30 is not after valid_from 2022-12-29; a certificate is "
            + "valid for 36 months from its decision",
        "windows-code-page":
            "products.csv:4: the file is not valid UTF-8 (byte 0xD0 at offset 852), probably saved as "
            + #""CSV (Comma delimited)" in a Windows code page; save it as "CSV UTF-8 (Comma delimited)" or "#
            + "download it from Google Sheets as CSV",
    ]

    @Test func baselineIsValid() throws {
        let catalog = try CatalogParser.parse(
            sources: FixtureFiles.baseline().sorted { $0.key < $1.key }.map {
                CatalogSource(name: $0.key, data: $0.value)
            }
        )
        #expect(catalog.producers.count == 3)
        #expect(catalog.products.count == 4)
        #expect(catalog.listings.count == 4)
    }

    @Test func everyFixtureHasAnExpectation() throws {
        let names = try FixtureFiles.malformedCaseNames()
        #expect(names.count >= 25)
        #expect(Set(names) == Set(Self.expectations.keys))
    }

    @Test(arguments: expectations.keys.sorted())
    func malformedCatalogIsRefused(_ name: String) throws {
        let sources = try FixtureFiles.malformed(name)
        let error = #expect(throws: CatalogValidationError.self) {
            try CatalogParser.parse(sources: sources)
        }
        #expect(error?.description == Self.expectations[name])
        #expect(error?.omittedCount == 0)
    }
}
