import Foundation
import OCOPCore
import OCOPStore
import OCOPTestSupport

/// A catalog and two passes of observations drawn from a seeded generator: every rule of the
/// coverage calculator meets some listing (closed and unknown marketplaces, seller relations,
/// stale, never checked, blocked after a conclusive check, removed listings, products not counted).
struct GeneratedCatalog {
    let now: Date
    let catalog: Catalog
    /// The catalog imported second: a few listings and one product fewer (kept as removed).
    let current: Catalog
    let passes: [[Observation]]

    init(seed: UInt64, products count: Int, now: Date) {
        var random = SplitMix64(seed: seed)
        self.now = now
        let districts = [
            Region(provinceCode: "87", districtCode: "866", districtName: "Cao Lãnh", communeCode: "30001", communeName: "Mỹ Hội"),
            Region(provinceCode: "87", districtCode: "872", districtName: "Tháp Mười", communeName: "Phường 1"),
            Region(provinceCode: "87", districtName: "Sa Đéc", communeName: "Phường 1", currentCommuneCode: "29950"),
            Region(provinceCode: "87"),
        ]
        let producers = (0..<max(1, count / 3)).map { index in
            Producer(id: "DT-E-\(index)", name: "HTX \(index)", type: "cooperative", region: districts[index % districts.count])
        }
        let statuses: [CertificateStatus] = [.active, .active, .active, .active, .expired, .revoked]
        let products = (0..<count).map { index in
            Product(
                id: "DT-P-\(index)",
                name: "Sản phẩm \(index)",
                producerID: producers[random.next(below: producers.count)].id,
                stars: 3 + random.next(below: 3),
                group: ["I.1", "I.3", "I.5", "II.2"][random.next(below: 4)],
                keyIndustry: random.next(below: 3) == 0 ? nil : ["lotus", "mango", "rice"][random.next(below: 3)],
                region: districts[random.next(below: districts.count)],
                status: statuses[random.next(below: statuses.count)],
                ecommerceRequired: random.next(below: 10) != 0
            )
        }
        let marketplaces: [MarketplaceID] = [.tiki, .shopee, .lazada, .sendo, .tiktokShop, .website, "postmart"]
        var listings: [Listing] = []
        for product in products {
            for number in 0..<random.next(below: 5) {
                let marketplace = marketplaces[random.next(below: marketplaces.count)]
                listings.append(
                    Listing(
                        productID: product.id,
                        marketplace: marketplace,
                        url: "https://\(marketplace).example/\(product.id)/\(number)",
                        sellerRelation: SellerRelation.allCases[random.next(below: SellerRelation.allCases.count)]
                    )
                )
            }
        }
        catalog = Catalog(producers: producers, products: products, listings: listings)
        var current = catalog
        current.listings.removeAll { _ in random.next(below: 20) == 0 }
        current.listings.removeAll { $0.productID == products[0].id }
        current.products.removeFirst()
        self.current = current

        // The first pass is nine days old (stale by default); the second is recent but does not
        // reach every listing, and some of its checks are inconclusive.
        let all = ListingStatus.allCases
        passes = [now.addingTimeInterval(-9 * 86_400), now.addingTimeInterval(-3600)].map { time in
            listings.compactMap { listing -> Observation? in
                guard random.next(below: 4) != 0 else { return nil }
                let status = all[random.next(below: all.count)]
                return Observation(
                    listing: listing.key,
                    marketplace: listing.marketplace,
                    checkedAt: time.addingTimeInterval(Double(random.next(below: 600))),
                    verdict: Verdict(status: status, reason: status == .blocked ? "captcha" : nil, evidence: ["generated"]),
                    httpStatus: status == .unreachable ? nil : 200
                )
            }
        }
    }

    /// Imports the catalog, records both passes, then imports the current catalog.
    func fill(_ store: any ObservationStore) async throws {
        _ = try await store.importCatalog(catalog, source: "generated", at: now.addingTimeInterval(-10 * 86_400))
        for observations in passes {
            let pass = try await store.beginPass(startedAt: observations.first?.checkedAt ?? now, kind: "test")
            try await store.record(observations, pass: pass)
            try await store.finishPass(pass, endedAt: now.addingTimeInterval(-60), counts: [:], error: nil)
        }
        _ = try await store.importCatalog(current, source: "generated, fewer", at: now.addingTimeInterval(-30))
    }
}
