import Foundation
import MockMarketplace
import OCOPCore
import Testing

@Suite("Scenario decoding")
struct ScenarioDecodingTests {
    static let example = """
        {"format":"ocop-mock-scenario/1","sendo_closed":true,
         "items":[{"marketplace":"tiki","item_id":"274850011","state":"active","title":"Trà sen","price_vnd":95000,
                   "original_price_vnd":120000,"seller":"HTX Sen Tháp Mười","stock":86,"sold":412},
                  {"marketplace":"shopee","item_id":23456789012},
                  {"marketplace":"website","item_id":"https://postmart.vn/p/1","state":"out_of_stock",
                   "url":"https://postmart.vn/p/1"}],
         "faults":[{"marketplace":"shopee","kind":"captcha","ratio":0.1},
                   {"marketplace":"tiki","kind":"status","status":429,"retry_after":1,"first":1},
                   {"kind":"latency","ms":250},
                   {"kind":"stall","bytes":100,"ms":2000},
                   {"kind":"redirect_to","location":"https://example.com/","status":301},
                   {"kind":"gzip_bomb"},
                   {"kind":"huge_body","bytes":1000}]}
        """

    private func decode(_ json: String) throws(MockScenarioError) -> MockScenario {
        try MockScenario(json: Data(json.utf8), file: "test.json")
    }

    @Test func decodesTheDocumentedExample() throws {
        let scenario = try decode(Self.example)
        #expect(scenario.sendoClosed)
        #expect(scenario.seed == 0)
        #expect(scenario.items.count == 3)
        #expect(
            scenario.items[0]
                == MockItem(
                    marketplace: .tiki,
                    itemID: "274850011",
                    state: .active,
                    title: "Trà sen",
                    priceVND: 95_000,
                    originalPriceVND: 120_000,
                    seller: "HTX Sen Tháp Mười",
                    stock: 86,
                    sold: 412
                )
        )
        #expect(scenario.items[1] == MockItem(marketplace: .shopee, itemID: "23456789012"))
        #expect(scenario.items[2].state == .outOfStock)
        #expect(scenario.faults[0] == MockFault(.captcha, marketplace: .shopee, selection: .ratio(0.1)))
        #expect(
            scenario.faults[1] == MockFault(.status(code: 429, retryAfter: 1), marketplace: .tiki, selection: .first(1))
        )
        #expect(scenario.faults[2] == MockFault(.latency(milliseconds: 250)))
        #expect(scenario.faults[3].kind == .stall(bodyBytes: 100, maximumMilliseconds: 2000))
        #expect(scenario.faults[4].kind == .redirect(location: "https://example.com/", status: 301))
        #expect(scenario.faults[5].kind == .gzipBomb(inflatedBytes: MockFault.defaultInflatedBytes))
        #expect(scenario.faults[6].kind == .hugeBody(bytes: 1000))
    }

    @Test func encodingRoundTrips() throws {
        let scenario = try decode(Self.example)
        let again = try MockScenario(json: scenario.jsonData())
        #expect(again == scenario)
    }

    @Test func absentSectionsGetDefaults() throws {
        let scenario = try decode(#"{"format":"ocop-mock-scenario/1"}"#)
        #expect(scenario == MockScenario())
    }

    /// A scenario document with `members` after the format.
    private static func document(_ members: String) -> String {
        #"{"format":"ocop-mock-scenario/1","# + members + "}"
    }

    private static func items(_ items: String) -> String { document(#""items":["# + items + "]") }
    private static func faults(_ faults: String) -> String { document(#""faults":["# + faults + "]") }

    @Test(
        "Errors name the field and what to do",
        arguments: [
            (#"{"format":"ocop-mock-scenario/2"}"#, "format", "unsupported format"),
            (#"{"items":[]}"#, "format", "required key is missing"),
            (document(#""itemz":[]"#), "itemz", "unknown key 'itemz'"),
            (items(#"{"marketplace":"tikki","item_id":"1"}"#), "items[0].marketplace", "unknown marketplace 'tikki'"),
            (items(#"{"marketplace":"tiki","item_id":"1","state":"gone"}"#), "items[0].state", "unknown state 'gone'"),
            (items(#"{"marketplace":"tiki","item_id":""}"#), "items[0].item_id", "must not be empty"),
            (items(#"{"marketplace":"tiki","item_id":"1","price":5}"#), "items[0].price", "unknown key 'price'"),
            (items(#"{"marketplace":"tiki","item_id":"1","stock":-1}"#), "items[0].stock", "must be zero or more"),
            (
                items(#"{"marketplace":"tiki","item_id":"1"},{"marketplace":"tiki","item_id":"1"}"#),
                "items[1]", "duplicate item tiki/1"
            ),
            (faults(#"{"kind":"explode"}"#), "faults[0].kind", "unknown fault kind"),
            (faults(#"{"kind":"status"}"#), "faults[0].status", "required key is missing"),
            (faults(#"{"kind":"status","status":700}"#), "faults[0].status", "100...599"),
            (faults(#"{"kind":"captcha","ratio":1.5}"#), "faults[0].ratio", "within 0...1"),
            (faults(#"{"kind":"captcha","ratio":0.5,"first":2}"#), "faults[0].first", "either 'ratio' or 'first'"),
            (faults(#"{"kind":"captcha","ms":20}"#), "faults[0].ms", "does not apply to a 'captcha' fault"),
            (faults(#"{"kind":"redirect_to","location":"/","status":200}"#), "faults[0].status", "301, 302, 303"),
            (faults(#"{"kind":"latency","ms":"fast"}"#), "faults[0].ms", "expected an integer"),
            (faults(#"{"kind":"captcha","marketplace":"amazon"}"#), "faults[0].marketplace", "unknown marketplace"),
            (#"{"format":"ocop-mock-scenario/1","#, "", "not valid JSON"),
        ]
    )
    func rejectsInvalidDocuments(json: String, path: String, message: String) {
        #expect {
            _ = try decode(json)
        } throws: { error in
            guard let error = error as? MockScenarioError else { return false }
            return error.file == "test.json" && error.path == path && error.message.contains(message)
                && error.description.hasPrefix("test.json")
        }
    }

    @Test func readsFilesAndReportsMissingOnes() throws {
        let directory = FileManager.default.temporaryDirectory
        let path = directory.appendingPathComponent("scenario-\(UUID().uuidString).json").path
        try Data(Self.example.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try MockScenario(contentsOfFile: path).items.count == 3)

        #expect {
            _ = try MockScenario(contentsOfFile: path + ".missing")
        } throws: { error in
            (error as? MockScenarioError)?.file == path + ".missing"
        }
    }
}
