import Foundation
import OCOPCore
import OCOPStore
import Testing

/// The two backends the behaviour suite runs against.
enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case memory

    var testDescription: String { rawValue }
}

/// A folder under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ocop-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    var databasePath: String { url.appendingPathComponent("ocop-watch.sqlite").path }
}

/// A store of either backend, with the folder that holds its file.
struct StoreUnderTest {
    let store: any ObservationStore
    let directory: TemporaryDirectory

    init(_ backend: Backend) throws {
        directory = try TemporaryDirectory()
        switch backend {
        case .sqlite: store = try SQLiteStore(path: directory.databasePath)
        case .memory: store = MemoryStore()
        }
    }
}

enum Sample {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01

    static func time(_ minutes: Int) -> Date { start.addingTimeInterval(Double(minutes) * 60) }

    static let producers = [
        Producer(id: "DT-E-001", name: "HTX Sen Hồng Mỹ Hòa", type: "cooperative", region: Region(districtCode: "872")),
        Producer(id: "DT-E-002", name: "Hộ kinh doanh Bảy Hòa", type: "household_business", phone: "0277 3861 000"),
    ]

    static let products = [
        Product(
            id: "DT-P-0001",
            name: "Trà tim sen",
            producerID: "DT-E-001",
            stars: 4,
            group: "I.5",
            subgroup: "I.5.b",
            keyIndustry: "lotus",
            region: Region(provinceCode: "87", districtCode: "872", districtName: "Tháp Mười", communeName: "Mỹ Hòa"),
            decisionNumber: "1446/QĐ-UBND-HC",
            decisionDate: "2022-12-29",
            validUntil: "2025-12-29",
            isSynthetic: true
        ),
        Product(id: "DT-P-0002", name: "Hạt sen sấy giòn", producerID: "DT-E-001", stars: 3, group: "I.3"),
        Product(id: "DT-P-0003", name: "Nem chua", producerID: "DT-E-002", stars: 3, group: "I.3", status: .expired),
    ]

    static let listings = [
        Listing(
            productID: "DT-P-0001",
            marketplace: .shopee,
            url: "https://shopee.vn/a-i.1.2",
            sellerRelation: .ownShop
        ),
        Listing(productID: "DT-P-0001", marketplace: .tiki, url: "https://tiki.vn/a-p3.html"),
        Listing(productID: "DT-P-0003", marketplace: .lazada, url: "https://www.lazada.vn/products/n-i4.html"),
    ]

    static let catalog = Catalog(producers: producers, products: products, listings: listings)

    static func observation(
        _ listing: Listing,
        at minutes: Int,
        _ status: ListingStatus,
        price: Int? = nil
    ) -> Observation {
        Observation(
            listing: listing.key,
            marketplace: listing.marketplace,
            checkedAt: time(minutes),
            verdict: Verdict(
                status: status,
                reason: status == .blocked ? "captcha" : nil,
                title: "Trà tim sen",
                priceVND: price,
                evidence: ["json-ld availability", "price \(price ?? 0)"]
            ),
            httpStatus: status == .blocked ? 403 : 200,
            finalURL: listing.url,
            elapsedMilliseconds: 120
        )
    }
}

extension Catalog {
    /// This catalog without its `index`th product (its listings stay, as a products-only import
    /// leaves them).
    func removingProduct(at index: Int) -> Catalog {
        var catalog = self
        catalog.products.remove(at: index)
        return catalog
    }
}
