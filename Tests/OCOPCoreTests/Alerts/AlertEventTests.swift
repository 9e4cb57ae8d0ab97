import Foundation
import OCOPCore
import Testing

@Suite("AlertEvent")
struct AlertEventTests {
    let event = AlertEvent(
        time: Date(timeIntervalSince1970: 1_748_736_000),
        kind: .listingDelisted,
        severity: .warning,
        key: "listing_delisted:P1:https://shopee.vn/P1",
        state: .firing,
        message: "Tin đăng bị gỡ / Listing delisted",
        product: "P1",
        listing: "https://shopee.vn/P1",
        marketplace: .shopee
    )

    @Test func jsonLineHasISOTimeAndOmitsAbsentFields() throws {
        let line = try event.jsonLine()
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["time"] as? String == "2025-06-01T00:00:00Z")
        #expect(object["state"] as? String == "firing")
        #expect(object["kind"] as? String == "listing_delisted")
        #expect(object["marketplace"] as? String == "shopee")
        #expect(object["listing"] as? String == "https://shopee.vn/P1")
        #expect(object["region"] == nil)
        #expect(object["count"] == nil)
    }

    @Test func roundTripsWhateverTheDecoderDateStrategy() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let decoded = try JSONDecoder().decode(AlertEvent.self, from: try encoder.encode(event))
        #expect(decoded == event)
    }

    @Test func rejectsATimeThatIsNotISO8601() {
        let json = #"{"time":"yesterday","kind":"listing_delisted","severity":"warning","key":"k","state":"firing","message":"m"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AlertEvent.self, from: Data(json.utf8)) }
    }

    @Test func descriptionIsOneLogLine() {
        #expect(event.description.hasPrefix("FIRING warning listing_delisted listing_delisted:P1:https://shopee.vn/P1"))
        #expect(event.description.hasSuffix("Tin đăng bị gỡ / Listing delisted"))
    }
}
