import Foundation
import OCOPCore
import OCOPReport
import Testing

@Suite("AlertListRenderer")
struct AlertListRendererTests {
    var active: [AlertLifecycle.Entry] {
        var lifecycle = AlertLifecycle()
        let conditions = [
            AlertCondition(
                key: "listing_delisted:P2:https://tiki.vn/P2",
                kind: .listingDelisted,
                severity: .warning,
                message: "Tin đăng bị gỡ / Listing delisted",
                product: "P2",
                listing: "https://tiki.vn/P2",
                region: "Sa Đéc",
                marketplace: .tiki
            ),
            AlertCondition(
                key: "adapter_degraded:shopee", kind: .adapterDegraded, severity: .critical, message: "Shopee chặn / blocked", marketplace: .shopee),
            AlertCondition(key: "listing_out_of_stock:P1:x", kind: .listingOutOfStock, severity: .info, message: "hết hàng", product: "P1"),
        ]
        let rules = AlertRules(observationConsecutiveToFire: 2)
        _ = lifecycle.step(conditions: conditions, rules: rules, now: ReportFixture.now)
        return lifecycle.active + lifecycle.entries.values.filter { $0.firingSince == nil }
    }

    @Test func tableListsFiringAlertsMostSevereFirst() {
        let text = AlertListRenderer().table(active)
        #expect(text.hasPrefix("Cảnh báo đang bật / Firing alerts: 1\n"), "pending alerts are not listed")
        #expect(text.contains("2025-06-01 07:00"))
        #expect(text.contains("adapter_degraded"))
        #expect(!text.contains("listing_delisted"))
    }

    @Test func jsonCarriesSinceAndSubject() throws {
        var lifecycle = AlertLifecycle()
        let condition = AlertCondition(
            key: "listing_delisted:P2:https://tiki.vn/P2",
            kind: .listingDelisted,
            severity: .warning,
            message: "m",
            product: "P2",
            listing: "https://tiki.vn/P2",
            region: "Sa Đéc",
            marketplace: .tiki
        )
        let degraded = AlertCondition(key: "adapter_degraded:shopee", kind: .adapterDegraded, severity: .critical, message: "d", marketplace: .shopee)
        _ = lifecycle.step(conditions: [condition, degraded], rules: AlertRules(observationConsecutiveToFire: 1), now: ReportFixture.now)
        let text = try AlertListRenderer().json(lifecycle.active)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(array.compactMap { $0["kind"] as? String } == ["adapter_degraded", "listing_delisted"])
        #expect(array[1]["since"] as? String == "2025-06-01T07:00:00+07:00")
        #expect(array[1]["listing"] as? String == "https://tiki.vn/P2")
        #expect(array[1]["region"] as? String == "Sa Đéc")
        #expect(array[0]["product"] == nil)
    }

    @Test func saysSoWhenNothingFires() throws {
        #expect(AlertListRenderer().table([]) == "Không có cảnh báo / No alert is firing.\n")
        let empty = try JSONSerialization.jsonObject(with: Data(try AlertListRenderer().json([]).utf8)) as? [Any]
        #expect(empty?.isEmpty == true)
    }
}
