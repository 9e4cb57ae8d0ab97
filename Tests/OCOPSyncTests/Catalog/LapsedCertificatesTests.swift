import Foundation
import OCOPCore
import Testing

@testable import OCOPSync

/// `catalog validate` and `catalog import` name the certificates a sheet still marks active after
/// their validity passed: coverage counts them as the sheet says, so the officer must be told.
@Suite struct LapsedCertificatesTests {
    func product(_ id: String, validUntil: CivilDate?, status: CertificateStatus = .active) -> Product {
        Product(id: id, name: id, producerID: "E1", stars: 3, group: "I.5", validUntil: validUntil, status: status)
    }

    @Test func onlyActiveCertificatesPastTheirDayAreNamed() throws {
        // 2026-11-30 20:00 UTC is already 1 December in the province (UTC+7).
        let now = Date(timeIntervalSince1970: 1_796_068_800)
        let catalog = Catalog(
            producers: [],
            products: [
                product("P-LAPSED", validUntil: "2026-11-30"),
                product("P-TODAY", validUntil: "2026-12-01"),
                product("P-LATER", validUntil: "2027-01-01"),
                product("P-EXPIRED", validUntil: "2020-01-01", status: .expired),
                product("P-UNDATED", validUntil: nil),
            ]
        )
        let note = try #require(WatchContext.lapsedCertificatesNote(catalog, now: now))
        #expect(note.hasPrefix("Note: 1 certificate(s) marked active are past their valid_until (P-LAPSED)."), "\(note)")
        #expect(WatchContext.lapsedCertificatesNote(Catalog(producers: [], products: [product("P", validUntil: "2030-01-01")]), now: now) == nil)
    }
}
