import Foundation
import Logging
import SystemdKit
import Testing

@Suite("JSONLinesLogHandler")
struct JSONLinesLogHandlerTests {
    @Test("control characters and quotes are escaped; Vietnamese text stays readable UTF-8")
    func escaping() throws {
        let directory = try TemporaryDirectory()
        let file = try LogFile(path: directory.file("events.jsonl"))
        var logger = Logger(label: "ocop.sync") { JSONLinesLogHandler(label: $0, file: file, metadataProvider: nil) }
        logger[metadataKey: "district"] = "Huyện Đông Anh"

        let message = "Mật ong \"Hoa Nhãn\"\n\tline two \u{01}\u{1F} \\ end"
        logger.info("\(message)", metadata: ["product": "Chè Thái Nguyên", "url": "https://tiki.vn/p?a=1&b=\u{7}"])

        let lines = try directory.lines(of: "events.jsonl")
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.contains("Mật ong"))
        #expect(line.contains(#"\n\tline two \u0001\u001f \\ end"#))

        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["msg"] as? String == message)
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "ocop.sync")
        let meta = try #require(object["meta"] as? [String: Any])
        #expect(meta["district"] as? String == "Huyện Đông Anh")
        #expect(meta["product"] as? String == "Chè Thái Nguyên")
        #expect(meta["url"] as? String == "https://tiki.vn/p?a=1&b=\u{7}")
        let timestamp = try #require(object["ts"] as? String)
        #expect(timestamp.hasSuffix("Z") && timestamp.count == "2025-03-01T02:03:04.567Z".count)
    }

    @Test("numbers, booleans, nested values and errors keep their JSON types")
    func typedMetadata() throws {
        struct Failure: Error, CustomStringConvertible {
            var description: String { "boom" }
        }
        let directory = try TemporaryDirectory()
        let file = try LogFile(path: directory.file("events.jsonl"))
        let logger = Logger(label: "t") { JSONLinesLogHandler(label: $0, file: file, metadataProvider: nil) }

        logger.warning(
            "pass",
            error: Failure(),
            metadata: [
                "checked": .stringConvertible(120), "ratio": .stringConvertible(0.5), "ok": .stringConvertible(true),
                "hosts": ["tiki.vn", "lazada.vn"], "counts": ["blocked": .stringConvertible(3)],
            ]
        )

        let line = try #require(try directory.lines(of: "events.jsonl").first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let meta = try #require(object["meta"] as? [String: Any])
        #expect(meta["checked"] as? Int == 120)
        #expect(meta["ratio"] as? Double == 0.5)
        #expect(meta["ok"] as? Bool == true)
        #expect(meta["hosts"] as? [String] == ["tiki.vn", "lazada.vn"])
        #expect((meta["counts"] as? [String: Any])?["blocked"] as? Int == 3)
        #expect(meta["error.message"] as? String == "boom")
        #expect(line.contains(#""meta":{"checked":120,"counts""#))
    }

    @Test("metadata is merged handler → provider → call, later wins")
    func metadataOrder() throws {
        let directory = try TemporaryDirectory()
        let file = try LogFile(path: directory.file("events.jsonl"))
        let provider = Logger.MetadataProvider { ["who": "provider", "pass": "7"] }
        var logger = Logger(label: "t") { JSONLinesLogHandler(label: $0, file: file, metadataProvider: provider) }
        logger[metadataKey: "who"] = "handler"
        logger[metadataKey: "marketplace"] = "tiki"

        logger.info("one")
        logger.info("two", metadata: ["who": "call"])

        let metas = try directory.lines(of: "events.jsonl").map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["meta"] as? [String: String]
        }
        #expect(
            metas == [
                ["who": "provider", "pass": "7", "marketplace": "tiki"],
                ["who": "call", "pass": "7", "marketplace": "tiki"],
            ]
        )
    }

    @Test("level and metadata behave as values (swift-log's LogHandler rules)")
    func valueSemantics() throws {
        let directory = try TemporaryDirectory()
        let file = try LogFile(path: directory.file("events.jsonl"))
        var first = Logger(label: "first") { JSONLinesLogHandler(label: $0, file: file, metadataProvider: nil) }
        first.logLevel = .debug
        first[metadataKey: "only-on"] = "first"
        var second = first
        second.logLevel = .error
        second[metadataKey: "only-on"] = "second"

        #expect(first.logLevel == .debug)
        #expect(second.logLevel == .error)
        #expect(first[metadataKey: "only-on"] == "first")
        #expect(second[metadataKey: "only-on"] == "second")
    }
}
