import Foundation
import Testing

@testable import OCOPCore

/// `JSONWriter` promises `JSONEncoder`'s bytes (sorted keys, unescaped slashes) in both layouts.
@Suite struct JSONWriterTests {
    struct Document: Encodable {
        var empty: [String: Int] = [:]
        var list: [Double] = [0, 1.5, 100, -2.25e-7, 1_780_000_000.125]
        var nested: [String: [Int]] = ["a": [], "b": [1, -2]]
        var text = "Đồng Tháp \"q\" \\ / \n\r\t\u{8}\u{C}\u{1F} 🌾"
        var yes = true
    }

    static func written(_ document: Document, layout: JSONWriter.Layout) throws -> String {
        var json = JSONWriter(layout: layout)
        json.beginObject()
        json.key("empty")
        json.beginObject()
        json.endObject()
        json.key("list")
        json.beginArray()
        for value in document.list {
            json.element()
            try json.number(value)
        }
        json.endArray()
        json.key("nested")
        json.beginObject()
        for key in document.nested.keys.sorted() {
            json.key(key)
            json.beginArray()
            for value in document.nested[key] ?? [] {
                json.element()
                json.number(value)
            }
            json.endArray()
        }
        json.endObject()
        json.key("text")
        json.string(document.text)
        json.key("yes")
        json.bool(document.yes)
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test(arguments: [(JSONWriter.Layout.compact, JSONEncoder.OutputFormatting()), (.pretty, .prettyPrinted)])
    func writesTheEncodersBytes(layout: JSONWriter.Layout, formatting: JSONEncoder.OutputFormatting) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting.union([.sortedKeys, .withoutEscapingSlashes])
        let expected = String(decoding: try encoder.encode(Document()), as: UTF8.self)
        #expect(try Self.written(Document(), layout: layout) == expected)
    }

    @Test func removeAllStartsAFreshDocument() throws {
        var json = JSONWriter(layout: .compact)
        json.beginArray()
        json.element()
        json.string("a")
        json.endArray()
        json.removeAll()
        json.beginObject()
        json.key("b")
        json.null()
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"b":null}"#)
    }
}
