import OCOPCore

extension CatalogAssembler {
    mutating func readProduct(_ row: inout RowReader) {
        let id = row.required(.productID)
        let name = row.required(.productName)
        let producerID = row.required(.entityID)
        let stars = row.requiredValue(.starRating, CellFormat.starRating)
        if let national = row.value(.certificationLevel, CellFormat.isNationalLevel), let stars,
            national != (stars == 5)
        {
            row.report(
                .certificationLevel,
                stars == 5
                    ? "a 5-star product is certified at national level; write national (cấp quốc gia)"
                    : "a \(stars)-star product is certified at provincial level; write provincial (cấp tỉnh)"
            )
        }
        // A wrong version cell is its own issue: the codes are then checked for shape only.
        let classification =
            row.hasText(.classificationVersion)
            ? row.value(.classificationVersion, CellFormat.classification) : OCOPClassification.default
        let group = row.requiredValue(.ocopGroup) { (text) throws(CellProblem) in
            try CellFormat.group(text, in: classification)
        }
        if let sector = row.value(.ocopSector, CellFormat.sector), let group, !group.hasPrefix(sector + ".") {
            row.report(.ocopSector, "sector \(sector) does not match group \(group); correct one of them")
        }
        let subgroup = row.value(.ocopSubgroup) { (text) throws(CellProblem) in
            try CellFormat.subgroup(text, of: group, in: classification)
        }
        let decisionDate = row.value(.decisionDate, CellFormat.date)
        let validFrom = row.value(.validFrom, CellFormat.date)
        let validUntil = row.value(.validUntil, CellFormat.date)
        if let validUntil, let start = validFrom ?? decisionDate, validUntil <= start {
            let startColumn = validFrom == nil ? CatalogColumn.decisionDate : .validFrom
            row.report(
                .validUntil,
                "\(validUntil) is not after \(row.layout.header(startColumn)) \(start); "
                    + "a certificate is valid for 36 months from its decision"
            )
        }
        let status = row.value(.status, CellFormat.certificateStatus) ?? .active
        let region = readRegion(&row, districtRequired: true)
        let product = Product(
            id: id ?? "",
            name: name ?? "",
            producerID: producerID ?? "",
            stars: stars ?? 0,
            group: group ?? "",
            subgroup: subgroup ?? nil,
            keyIndustry: row.text(.keyIndustry),
            region: region,
            decisionNumber: row.text(.decisionNumber),
            decisionDate: decisionDate,
            validUntil: validUntil,
            status: status,
            ecommerceRequired: row.value(.ecommerceRequired, CellFormat.flag) ?? true,
            isSynthetic: row.value(.isSynthetic, CellFormat.flag) ?? false
        )
        let location = Location(file: row.file, line: row.line)
        if let id {
            if let earlier = productRows[id] {
                row.report(
                    .productID,
                    "\(CellProblem.quote(id)) is already used on \(earlier.reference(from: row.file)); "
                        + "give every certificate its own product id"
                )
            } else {
                productRows[id] = location
            }
        }
        if let producerID {
            producerReferences.append(
                Reference(id: producerID, location: location, column: row.layout.header(.entityID))
            )
        }
        if row.issues.isEmpty { products.append(interner.product(product)) }
    }

    mutating func readProducer(_ row: inout RowReader) {
        let id = row.required(.entityID)
        let name = row.required(.entityName)
        let type = row.requiredValue(.entityType, CellFormat.producerType)
        let producer = Producer(
            id: id ?? "",
            name: name ?? "",
            type: type ?? "",
            region: interner.region(readRegion(&row, districtRequired: false)),
            phone: row.value(.phone, CellFormat.phone),
            email: row.text(.email),
            isSynthetic: row.value(.isSynthetic, CellFormat.flag) ?? false
        )
        if let id {
            if let earlier = producerRows[id] {
                row.report(
                    .entityID,
                    "\(CellProblem.quote(id)) is already used on \(earlier.reference(from: row.file)); "
                        + "give every producer its own id"
                )
            } else {
                producerRows[id] = Location(file: row.file, line: row.line)
            }
        }
        if row.issues.isEmpty { producers.append(producer) }
    }

    mutating func readListing(_ row: inout RowReader) {
        let productID = row.required(.productID)
        let platform = row.requiredValue(.platform, CellFormat.platform)
        let url = row.requiredValue(.listingURL) { (text) throws(CellProblem) in
            try CellFormat.listingURL(text, platform: platform)
        }
        let relation = row.value(.sellerRelation, CellFormat.sellerRelation) ?? .unknown
        let location = Location(file: row.file, line: row.line)
        if let productID {
            productReferences.append(
                Reference(id: productID, location: location, column: row.layout.header(.productID))
            )
            if let url {
                let link = Listing.comparableURL(url)
                if let owner = linkOwners[link] {
                    let earlier = owner.location.reference(from: row.file)
                    if owner.productID != productID {
                        // A link copied down the column would count one listing for several products.
                        row.report(
                            .listingURL,
                            "this link is already listed for product \(owner.productID) on \(earlier); a listing "
                                + "sells one product, so correct the product id or the link"
                        )
                    } else if owner.url == url {
                        row.report(.listingURL, "product \(productID) already has this link on \(earlier); delete the repeated row")
                    } else {
                        // The same page written another way would be checked, and counted, twice.
                        row.report(
                            .listingURL,
                            "product \(productID) already has this page on \(earlier), written another way (http or "
                                + "https, letter case, tracking parameters); delete the repeated row"
                        )
                    }
                } else {
                    linkOwners[link] = (productID, url, location)
                }
            }
        }
        if row.issues.isEmpty, let productID, let platform, let url {
            listings.append(Listing(productID: productID, marketplace: platform, url: url, sellerRelation: relation))
        }
    }

    /// The region columns as issued; codes are stored bare (`872`), whatever form the sheet used.
    private func readRegion(_ row: inout RowReader, districtRequired: Bool) -> Region {
        if Self.adminSet(&row) == CellFormat.reformedAdminSet {
            return readReformedRegion(&row, isCertificate: districtRequired)
        }
        let provinceCode = row.value(.provinceCode) { (text) throws(CellProblem) in
            try CellFormat.unitCode(text, level: "P", unit: "province", example: "87")
        }
        let legacyDistrictCode = row.value(.legacyDistrictCode, Self.districtCode)
        let districtCode = row.value(.districtCode, Self.districtCode)
        Self.requireAgreement(&row, .legacyDistrictCode, legacyDistrictCode, .districtCode, districtCode, unit: "district")
        let region = Region(
            provinceCode: provinceCode,
            provinceName: row.text(.provinceName),
            districtCode: legacyDistrictCode ?? districtCode,
            districtName: row.text(.districtName),
            communeCode: row.value(.communeCode, Self.communeCode),
            communeName: row.text(.communeName),
            currentCommuneCode: row.value(.currentCommuneCode, Self.communeCode)
        )
        if districtRequired, !CatalogFileKind.districtColumns.contains(where: { row.hasText($0) }) {
            let column = CatalogFileKind.districtColumns.first(where: { row.layout.contains($0) })
            row.report(column, "no district given; fill in the district name or its code")
        }
        return region
    }

    /// The row's administrative set: its `admin_set_as_issued` cell, else the set its uids name
    /// (`VN-2025:C:30001`), else the 2019 set every certificate before July 2025 was issued in.
    private static func adminSet(_ row: inout RowReader) -> String {
        let uids: [CatalogColumn] = [.provinceCode, .districtCode, .communeCode]
        // Sorted: which set a row of mixed uids is read in must not depend on a set's order.
        let named = Set(uids.compactMap { row.rawText($0)?.split(separator: ":").first }.filter(CellFormat.adminSets.contains))
            .sorted()
        let stated = row.value(.adminSet, CellFormat.adminSet)
        if let stated, let other = named.first(where: { $0 != stated }) {
            row.report(
                .adminSet,
                "the row is \(stated) but its codes are \(other) uids; correct the set or the codes")
        } else if stated == nil, named.count > 1 {
            row.report(
                row.layout.contains(.adminSet) ? .adminSet : nil,
                "the row's codes mix VN-2019 and VN-2025 uids; a certificate names the units of one set")
        }
        return stated ?? named.first.map(String.init) ?? "VN-2019"
    }

    /// A place in the 2025 units: a province and a commune, no district (districts were
    /// abolished on 1 July 2025). Its commune is the current one, so it is kept as such and
    /// reported in `--by commune`; a former district, when the office still reports by it, may
    /// stand in `legacy_district_code`. A certificate must name its commune; a producer's
    /// registered address need not, as it need not name a district in the 2019 units.
    private func readReformedRegion(_ row: inout RowReader, isCertificate: Bool) -> Region {
        for column in [CatalogColumn.districtCode, .districtName] where row.hasText(column) {
            row.report(
                column,
                "the 2025 units have no districts (abolished on 1 July 2025); leave it empty, put the former "
                    + "district in legacy_district_code if the office still reports by it, or set "
                    + "\(row.layout.header(.adminSet)) to VN-2019 if the place is named in the older units")
        }
        let commune = row.value(.communeCode, Self.communeCode)
        let current = row.value(.currentCommuneCode, Self.communeCode)
        Self.requireAgreement(
            &row, .currentCommuneCode, current, .communeCode, commune, unit: "commune", note: ", already a 2025 commune")
        if isCertificate, commune == nil, current == nil, !row.hasText(.communeCode), !row.hasText(.currentCommuneCode) {
            let column = row.layout.contains(.communeCode) ? CatalogColumn.communeCode : nil
            row.report(
                column,
                "a certificate of the 2025 units names its commune; fill in commune_uid_as_issued "
                    + "(e.g. VN-2025:C:30001)")
        }
        return Region(
            provinceCode: row.value(.provinceCode) { (text) throws(CellProblem) in
                try CellFormat.unitCode(text, level: "P", unit: "province", example: "82")
            },
            provinceName: row.text(.provinceName),
            districtCode: row.value(.legacyDistrictCode, Self.districtCode),
            communeName: row.text(.communeName),
            currentCommuneCode: commune ?? current
        )
    }

    /// Two cells that name one unit must agree: one of them is wrong, and the product would be
    /// counted under either.
    private static func requireAgreement(
        _ row: inout RowReader,
        _ column: CatalogColumn,
        _ value: String?,
        _ other: CatalogColumn,
        _ otherValue: String?,
        unit: String,
        note: String = ""
    ) {
        guard let value, let otherValue, value != otherValue else { return }
        row.report(
            column,
            "\(unit) \(value) disagrees with \(row.layout.header(other)) \(otherValue)\(note); correct the one that is wrong"
        )
    }

    private static func districtCode(_ text: String) throws(CellProblem) -> String {
        try CellFormat.unitCode(text, level: "D", unit: "district", example: "872")
    }

    private static func communeCode(_ text: String) throws(CellProblem) -> String {
        try CellFormat.unitCode(text, level: "C", unit: "commune", example: "30001")
    }
}
