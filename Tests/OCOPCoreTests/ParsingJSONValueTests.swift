import Foundation
import OCOPCore
import Testing

@Suite("Parsing: JSONValue")
struct ParsingJSONValueTests {
    private func json(_ text: String) -> JSONValue? { JSONValue(parsing: Array(text.utf8)) }

    @Test func readsScalarsAndPaths() throws {
        let value = try #require(json(#" {"a": {"b": [1, 2.5, "x", true, null]}, "n": -42} "#))
        let array = try #require(value[path: "a", "b"]?.array)
        #expect(array.count == 5)
        #expect(array[0].int == 1)
        #expect(array[1].int == nil)
        #expect(array[1].double == 2.5)
        #expect(array[2].string == "x")
        #expect(array[3].bool == true)
        #expect(array[4].isNull)
        #expect(value["n"]?.int == -42)
        #expect(value["missing"] == nil)
        #expect(value["a"]?["b"]?["c"] == nil)
    }

    @Test func integersWrittenAsDecimalsOrStrings() throws {
        let value = try #require(json(#"{"a":65000.0,"b":"1250","c":"1,2k","d":8500000000,"e":99999999999999999999,"f":1e3}"#))
        #expect(value["a"]?.int == 65000)
        #expect(value["b"]?.int == nil)
        #expect(value["b"]?.numericInt == 1250)
        #expect(value["c"]?.numericInt == nil)
        #expect(value["d"]?.int == 8_500_000_000)
        #expect(value["e"]?.int == nil)
        #expect(value["f"]?.int == 1000)
        #expect(value["d"]?.text == "8500000000")
    }

    @Test func decodesEscapes() throws {
        let text = #"{"s":"a\"b\\c\/d\n\u0110\u1ed3ng \ud83d\ude00 \udc00!"}"#
        let value = try #require(json(text))
        #expect(value["s"]?.string == "a\"b\\c/d\nĐồng 😀 \u{FFFD}!")
    }

    @Test func keysWithEscapesAndRepeatedKeys() throws {
        let value = try #require(json(#"{"a\"b": 1, "k": 1, "k": 2}"#))
        #expect(value["a\"b"]?.int == 1)
        #expect(value["k"]?.int == 1)
        let object = try #require(value.object)
        #expect(object.keys == ["a\"b", "k", "k"])
        #expect(object["k"]?.int == 1)
        #expect(object["a\"b"]?.int == 1)
        #expect(object.members.map(\.key) == ["a\"b", "k", "k"])
        #expect(object.values.compactMap(\.int) == [1, 1, 2])
    }

    @Test func objectLookupsCompareWholeKeys() throws {
        let value = try #require(json(#"{"id": 1, "ib": 2, "i": 3, "idx": 4, "tên": "trà", "t\u00ean2": 5}"#))
        let object = try #require(value.object)
        #expect(object["id"]?.int == 1)
        #expect(object["ib"]?.int == 2)
        #expect(object["i"]?.int == 3)
        #expect(object["idx"]?.int == 4)
        #expect(object["tên"]?.string == "trà")
        #expect(object["tên2"]?.int == 5)
        #expect(object["iz"] == nil)
        #expect(object[""] == nil)
        #expect(try #require(json("[1]")).object == nil)
    }

    @Test func toleratesTrailingCommasLikeSloppyPagesWrite() throws {
        let value = try #require(json(#"{"a": [1, 2,], "b": 3,}"#))
        #expect(value["a"]?.array?.count == 2)
        #expect(value["b"]?.int == 3)
    }

    @Test(arguments: [
        #"{"a": 1"#, #"{"a": "unterminated}"#, #"{"a": 1} trailing"#, #"{"a": 1]]"#, "tru", "", "   ", "<html>",
    ])
    func rejectsBrokenDocuments(_ text: String) {
        #expect(json(text) == nil)
    }

    /// Scalars inside containers are checked when read: a broken one is absent, not misread.
    @Test func brokenScalarsInsideAreAbsent() throws {
        let value = try #require(json(#"{"a": tru, "b": 1}"#))
        #expect(value["a"]?.bool == nil)
        #expect(value["a"]?.text == nil)
        #expect(value["b"] == nil)
    }

    @Test func readsAValueWithTextAfterIt() throws {
        let bytes = Array(#"var x = {"a": "};"} ; var y = 2;"#.utf8)
        let value = try #require(JSONValue(bytes: bytes, at: 8))
        #expect(value["a"]?.string == "};")
        #expect(value.rawText == #"{"a": "};"}"#)
        #expect(value.kind == .object)
    }

    @Test func lazyWalksStopWhereAsked() throws {
        let value = try #require(json(#"{"list": [{"t":"a"}, {"t":"product_info","v":1}, {"t": broken}], "k": 2}"#))
        var seen: [String] = []
        value["list"]?.forEachElement { element in
            seen.append(element["t"]?.string ?? "?")
            return element["t"]?.isString("product_info") != true
        }
        #expect(seen == ["a", "product_info"])
        var keys: [String] = []
        value.forEachMember { key, _ in
            keys.append(key)
            return true
        }
        #expect(keys == ["list", "k"])
        #expect(try #require(json(#""a\u0062c""#)).isString("abc"))
        #expect(try #require(json(#""abc""#)).isString("abc"))
        #expect(!(try #require(json(#""abd""#)).isString("abc")))
        #expect(!(try #require(json("1")).isString("1")))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let value = try #require(JSONValue(parsing: [0xEF, 0xBB, 0xBF] + Array(#"{"ok":true}"#.utf8)))
        #expect(value["ok"]?.bool == true)
    }

    @Test("Long strings with quotes and escapes at every offset around a 16-byte block end where they should")
    func longStringsEndAtTheRightQuote() throws {
        for length in [0, 1, 14, 15, 16, 17, 31, 32, 33, 100] {
            for escapeAt in [-1, 0, 7, 14, 15, 16, 17, 30, 31] where escapeAt < length {
                var body = String(repeating: "x", count: length)
                if escapeAt >= 0 {
                    let index = body.index(body.startIndex, offsetBy: escapeAt)
                    body.replaceSubrange(index...index, with: #"\""#)
                }
                let decoded = body.replacingOccurrences(of: #"\""#, with: "\"")
                let value = try #require(json(#"{"s":""# + body + #"","t":"\\","n":1}"#), "length \(length), escape at \(escapeAt)")
                #expect(value["s"]?.string == decoded, "length \(length), escape at \(escapeAt)")
                #expect(value["t"]?.string == "\\")
                #expect(value["n"]?.int == 1)
            }
        }
        #expect(json(#"{"s":""# + String(repeating: "a", count: 40)) == nil, "an unterminated string ends nothing")
        #expect(json(#"{"s":""# + String(repeating: "a", count: 40) + #"\"}"#) == nil, "an escaped quote does not close it")
    }
}
