public import Foundation
public import OCOPCore

/// What the mock marketplaces should answer: the items they know, in which state, and which faults to inject.
///
/// A scenario is a JSON document (`ocop-mock-scenario/1`, described in `docs/0007-mock-marketplace.md`)
/// so that the demo, the benchmarks and the tests share one format and a human can edit it. Items
/// missing from the scenario are `not_found`.
public struct MockScenario: Sendable, Hashable {
    /// The only format this version reads.
    public static let format = "ocop-mock-scenario/1"

    /// When `true`, every Sendo API request answers `301` to `/`, the "Sendo Farm" home page, as
    /// sendo.vn has done since the marketplace closed on 2025-04-15.
    public var sendoClosed: Bool
    /// Shifts which requests a `ratio` fault hits (see ``MockFaultSchedule``); the same seed gives the same faults.
    public var seed: Int
    public var items: [MockItem]
    public var faults: [MockFault]
    /// The text served at `/robots.txt`; `nil` answers 404 (no file: everything allowed).
    public var robotsTxt: String?

    public init(
        sendoClosed: Bool = false,
        seed: Int = 0,
        items: [MockItem] = [],
        faults: [MockFault] = [],
        robotsTxt: String? = nil
    ) {
        self.sendoClosed = sendoClosed
        self.seed = seed
        self.items = items
        self.faults = faults
        self.robotsTxt = robotsTxt
    }

    /// Decodes and validates a scenario document.
    /// - Parameters:
    ///   - json: The document's bytes.
    ///   - file: Where it came from, quoted in errors.
    public init(json: Data, file: String? = nil) throws(MockScenarioError) {
        do {
            self = try JSONDecoder().decode(MockScenario.self, from: json)
        } catch let error as DecodingError {
            throw MockScenarioError(decodingError: error, file: file)
        } catch {
            throw MockScenarioError(file: file, message: "cannot read the scenario: \(error)")
        }
    }

    /// Reads, decodes and validates a scenario file.
    public init(contentsOfFile path: String) throws(MockScenarioError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw MockScenarioError(
                file: path,
                message: "cannot read the file (\(error.localizedDescription)); check the path given to --scenario"
            )
        }
        try self.init(json: data, file: path)
    }

    /// The scenario as a pretty-printed JSON document with sorted keys, readable by ``init(json:file:)``.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and arrays cannot fail.
        return try! encoder.encode(self)
    }

    /// The scenario's entry for an item, if it lists one.
    public func item(marketplace: MarketplaceID, itemID: String) -> MockItem? {
        items.first { $0.marketplace == marketplace && $0.itemID == itemID }
    }
}
