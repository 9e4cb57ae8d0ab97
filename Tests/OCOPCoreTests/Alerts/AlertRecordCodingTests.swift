import Foundation
import Testing

@testable import OCOPCore

/// Alert records are written and read without Foundation's coders, so they must stay exactly
/// what the synthesised `Codable` conformance of `AlertLifecycle.Entry` reads and writes.
@Suite struct AlertRecordCodingTests {
    /// Every state, every optional field present and absent, and text that needs escaping.
    static let entries: [AlertLifecycle.Entry] = {
        let since = Date(timeIntervalSince1970: 1_780_000_000.25)
        let later = Date(timeIntervalSince1970: 1_780_086_400)
        let conditions = [
            AlertCondition(
                key: "listing_delisted:P001:https://tiki.vn/p/1",
                kind: .listingDelisted,
                severity: .warning,
                message: "Tin đăng bị gỡ \"quote\" \\ back/slash\ttab\u{1}ctl / Listing removed",
                product: "P001",
                listing: "https://tiki.vn/p/1",
                region: "Cao Lãnh",
                marketplace: MarketplaceID(rawValue: "tiki"),
                evidenceTime: Date(timeIntervalSince1970: 1_779_990_000.5)
            ),
            AlertCondition(key: "coverage_below_target", kind: .coverageBelowTarget, severity: .critical, message: "Độ phủ 72,1 %"),
        ]
        let states: [AlertLifecycle.State] = [
            .pending(count: 1),
            .firing(since: since, lastNotified: later),
            .resolving(count: 2, since: since, lastNotified: later),
        ]
        // One key per entry, as in a lifecycle.
        return conditions.flatMap { condition in
            states.enumerated().map { index, state in
                var condition = condition
                condition.key += "#\(index)"
                return AlertLifecycle.Entry(condition: condition, state: state)
            }
        }
    }()

    static func encoder(_ formatting: JSONEncoder.OutputFormatting) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = formatting
        return encoder
    }

    @Test(arguments: entries) func writesTheBytesJSONEncoderWrites(_ entry: AlertLifecycle.Entry) throws {
        var writer = JSONWriter(layout: .compact)
        try entry.write(to: &writer)
        let expected = try Self.encoder([.sortedKeys, .withoutEscapingSlashes]).encode(entry)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test(arguments: entries) func readsWhatJSONEncoderWroteInAnyKeyOrderOrEscaping(_ entry: AlertLifecycle.Entry) throws {
        // Earlier versions stored the encoder's output with escaped slashes; key order is free.
        for formatting: JSONEncoder.OutputFormatting in [.sortedKeys, [], .prettyPrinted] {
            let data = try Self.encoder(formatting).encode(entry)
            #expect(AlertLifecycle.Entry(record: [UInt8](data)) == entry)
        }
    }

    @Test func aRecordInAnotherShapeIsLeftToJSONDecoder() throws {
        let entry = Self.entries[0]
        var record = try #require(
            JSONSerialization.jsonObject(with: Self.encoder(.sortedKeys).encode(entry)) as? [String: Any])
        record["state"] = ["pending": ["count": 1], "firing": ["since": 1, "lastNotified": 2]]
        let twoStates = try JSONSerialization.data(withJSONObject: record)
        #expect(AlertLifecycle.Entry(record: [UInt8](twoStates)) == nil)
        #expect(throws: DecodingError.self) { try AlertLifecycle(records: [twoStates]) }

        record["state"] = ["pending": ["count": 3]]
        record["condition"] = (record["condition"] as? [String: Any] ?? [:]).merging(["product": NSNull()]) { $1 }
        let nullProduct = try JSONSerialization.data(withJSONObject: record)
        #expect(AlertLifecycle.Entry(record: [UInt8](nullProduct))?.condition.product == nil)
        #expect(AlertLifecycle.Entry(record: [UInt8](nullProduct))?.state == .pending(count: 3))
    }

    @Test func recordsRoundTripThroughTheLifecycleAndJSONDecoderReadsThem() throws {
        let lifecycle = AlertLifecycle(entries: Dictionary(uniqueKeysWithValues: Self.entries.map { ($0.condition.key, $0) }))
        let saving = lifecycle.records(changedSince: AlertLifecycle()).saving
        #expect(saving.keys == saving.keys.sorted(), "made in the table's key order")
        let records = try saving.dictionary()
        #expect(records.count == Self.entries.count)
        #expect(try AlertLifecycle(records: records.values) == lifecycle)
        for (key, record) in records {
            #expect(try Self.decoder.decode(AlertLifecycle.Entry.self, from: record) == lifecycle.entries[key])
        }
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()
}
