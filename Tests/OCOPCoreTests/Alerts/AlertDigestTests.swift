import Foundation
import OCOPCore
import Testing

@Suite("AlertDigest")
struct AlertDigestTests {
    let now = Date(timeIntervalSince1970: 1_750_000_000)

    let products = [
        Product(id: "P1", name: "Xoài", producerID: "E1", stars: 3, group: "I.1", region: Region(districtCode: "866", districtName: "Cao Lãnh")),
        Product(id: "P2", name: "Sen", producerID: "E2", stars: 4, group: "I.2", region: Region(districtCode: "872", districtName: "Tháp Mười")),
        Product(id: "P3", name: "Gạo", producerID: "E3", stars: 3, group: "I.3", region: Region(districtName: "Huyện Mới")),
    ]

    func event(_ kind: AlertKind, key: String, product: String? = nil, region: String? = nil, marketplace: MarketplaceID? = nil)
        -> AlertEvent
    {
        AlertEvent(
            time: now,
            kind: kind,
            severity: kind.defaultSeverity,
            key: key,
            state: .firing,
            message: key,
            product: product,
            listing: product.map { "https://shopee.vn/\($0)" },
            region: region,
            marketplace: marketplace
        )
    }

    @Test func routesByProductDistrictKeyAndRegionLabel() {
        let events = [
            event(.listingDelisted, key: "listing_delisted:P1:x", product: "P1", region: "Cao Lãnh", marketplace: .shopee),
            event(.productLostCoverage, key: "product_lost_coverage:P2", product: "P2", region: "Tháp Mười"),
            event(.coverageBelowTarget, key: "coverage_below_target:district:872", region: "Tháp Mười"),
            event(.certificateExpiring, key: "certificate_expiring:P3", product: "P3", region: "Huyện Mới"),
            event(.adapterDegraded, key: "adapter_degraded:shopee", marketplace: .shopee),
            event(.coverageBelowTarget, key: "coverage_below_target:products"),
            event(.noSuccessfulPass, key: "no_successful_pass"),
        ]
        let digests = AlertDigest.byDistrict(events, products: products, rules: AlertRules(), time: now)
        #expect(digests.keys.sorted() == ["866", "872", "Huyện Mới"])
        #expect(digests["866"]?.map(\.key) == ["listing_delisted:P1:x"])
        #expect(digests["872"]?.map(\.key) == ["coverage_below_target:district:872", "product_lost_coverage:P2"])
        #expect(digests["Huyện Mới"]?.map(\.key) == ["certificate_expiring:P3"])
    }

    @Test func groupsWithinADistrictOnly() {
        var many: [Product] = []
        var events: [AlertEvent] = []
        for index in 1...12 {
            let district = index <= 11 ? "866" : "872"
            many.append(Product(id: "Q\(index)", name: "Q", producerID: "E", stars: 3, group: "I.1", region: Region(districtCode: district)))
            events.append(event(.listingDelisted, key: "listing_delisted:Q\(index):x", product: "Q\(index)", marketplace: .lazada))
        }
        let digests = AlertDigest.byDistrict(events, products: many, rules: AlertRules(groupThreshold: 10), time: now)
        #expect(digests["866"]?.count == 1)
        #expect(digests["866"]?.first?.key == "listing_delisted:group:lazada")
        #expect(digests["866"]?.first?.count == 11)
        #expect(digests["872"]?.map(\.key) == ["listing_delisted:Q12:x"])
    }

    @Test func fileNamesAreSafe() {
        #expect(AlertDigest.fileName(forDistrict: "866") == "alerts-866.jsonl")
        #expect(AlertDigest.fileName(forDistrict: "VN-2019:D:866") == "alerts-VN-2019_D_866.jsonl")
        #expect(AlertDigest.fileName(forDistrict: "../../etc/passwd") == "alerts-.._.._etc_passwd.jsonl")
        // A district known by its name keeps its letters, composed, whichever form the catalog wrote.
        let name = "Thành phố Cao Lãnh"
        #expect(AlertDigest.fileName(forDistrict: name) == "alerts-Thành_phố_Cao_Lãnh.jsonl")
        #expect(AlertDigest.fileName(forDistrict: name.decomposedStringWithCanonicalMapping) == "alerts-Thành_phố_Cao_Lãnh.jsonl")
        #expect(AlertDigest.fileName(forDistrict: "Thanh pho Cao Lanh") != AlertDigest.fileName(forDistrict: name))
        #expect(AlertDigest.fileName(forDistrict: "Huyện Mới") == "alerts-Huyện_Mới.jsonl")
        #expect(!AlertDigest.fileName(forDistrict: "/").contains("/"))
    }

    @Test func advanceIsStepWithoutGrouping() {
        let rules = AlertRules(consecutiveToFire: 1, groupThreshold: 2)
        let conditions = (1...3).map { index in
            AlertCondition(
                key: "certificate_expiring:P\(index)",
                kind: .certificateExpiring,
                severity: .warning,
                message: "expiring",
                product: "P\(index)"
            )
        }
        var stepped = AlertLifecycle()
        var advanced = AlertLifecycle()
        let grouped = stepped.step(conditions: conditions, rules: rules, now: now)
        let single = advanced.advance(conditions: conditions, rules: rules, now: now)
        #expect(grouped.map(\.key) == ["certificate_expiring:group:all"])
        #expect(single.map(\.key) == conditions.map(\.key))
        #expect(AlertLifecycle.group(single, rules: rules, time: now) == grouped)
        #expect(stepped == advanced)
    }
}
