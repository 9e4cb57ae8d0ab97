import Foundation
import OCOPCore

/// A small crafted catalog with the awkward names a provincial CSV really has: NFC and NFD
/// Vietnamese, quotes and commas, markup, and a formula.
enum ReportFixture {
    /// 2025-06-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_748_736_000)

    /// "Bánh phồng tôm" typed with combining marks (NFD).
    static let decomposedName = "Ba\u{0301}nh pho\u{0302}\u{0300}ng to\u{0302}m Sa Giang"
    static let scriptName = "<script>alert('x')</script> Mắm"

    static let caoLanh = Region(provinceCode: "87", provinceName: "Đồng Tháp", districtCode: "872", districtName: "Cao Lãnh")
    static let saDec = Region(
        provinceCode: "87",
        provinceName: "Đồng Tháp",
        districtCode: "873",
        districtName: "Sa \u{0110}e\u{0301}c"
    )
    static let hongNgu = Region(provinceCode: "87", provinceName: "Đồng Tháp", districtCode: "874", districtName: "Hồng Ngự")

    static let producers = [
        Producer(id: "PR1", name: "HTX Xoài Mỹ Xương", type: "cooperative", region: caoLanh),
        Producer(id: "PR2", name: "Cơ sở \"Sa Giang\", Sa Đéc", type: "household_business", region: saDec),
        Producer(id: "PR3", name: "Công ty <b>Hồng</b>", type: "enterprise", region: hongNgu),
    ]

    static let products = [
        Product(
            id: "P1", name: "Xoài cát Hòa Lộc", producerID: "PR1", stars: 4, group: "I.1", region: caoLanh,
            decisionNumber: "123/QĐ-UBND", decisionDate: "2023-05-10", validUntil: "2026-05-10"
        ),
        Product(id: "P2", name: decomposedName, producerID: "PR2", stars: 4, group: "I.2", region: saDec),
        Product(id: "P3", name: scriptName, producerID: "PR1", stars: 3, group: "I.5", region: caoLanh),
        Product(id: "P4", name: "=HYPERLINK(\"x\"), đặc sản", producerID: "PR3", stars: 5, group: "I.5", region: hongNgu),
    ]

    static func listing(_ product: String, _ marketplace: MarketplaceID, _ url: String? = nil) -> Listing {
        Listing(
            productID: product,
            marketplace: marketplace,
            url: url ?? "https://\(marketplace).vn/\(product)",
            sellerRelation: .ownShop
        )
    }

    static func observation(
        _ listing: Listing,
        _ status: ListingStatus,
        hoursAgo: Double,
        http: Int? = 200,
        reason: String? = nil
    ) -> Observation {
        Observation(
            listing: listing.key,
            marketplace: listing.marketplace,
            checkedAt: now - hoursAgo * 3600,
            verdict: Verdict(status: status, reason: reason),
            httpStatus: http,
            finalURL: listing.url
        )
    }

    static var evidence: [ListingEvidence] {
        let p1 = listing("P1", .shopee)
        let p2 = listing("P2", .tiki)
        let p3 = listing("P3", .lazada, "javascript:alert(1)")
        return [
            ListingEvidence(
                listing: p1,
                latest: observation(p1, .active, hoursAgo: 2),
                latestConclusive: observation(p1, .active, hoursAgo: 2)
            ),
            ListingEvidence(
                listing: p2,
                latest: observation(p2, .delisted, hoursAgo: 3, http: 404, reason: "not_found"),
                latestConclusive: observation(p2, .delisted, hoursAgo: 3, http: 404, reason: "not_found")
            ),
            ListingEvidence(listing: p3, latest: observation(p3, .blocked, hoursAgo: 1, http: 403, reason: "captcha")),
        ]
    }

    static var report: CoverageReport {
        CoverageCalculator().report(producers: producers, products: products, evidence: evidence, now: now)
    }
}
