import OCOPCore
import Testing

@Suite("Parsing: EmbeddedJSON")
struct ParsingEmbeddedJSONTests {
    private func scanner(_ text: String) -> ByteScanner { ByteScanner(Array(text.utf8)) }

    @Test func skipsReferencesAndReadsTheAssignment() throws {
        let page = scanner(
            """
            <script>if (window.__moduleData__) { run(); }</script>
            <script>var __moduleData__ = {"data":{"t":"ưu đãi};</script>","n":[1,{"x":"]"}]}};</script>
            """)
        let found = try #require(EmbeddedJSON.value(after: ["__moduleData__"], in: page))
        #expect(found.marker.text == "__moduleData__")
        #expect(found.value[path: "data", "t"]?.string == "ưu đãi};</script>")
        #expect(found.value[path: "data", "n"]?.array?.count == 2)
    }

    @Test func readsTheArgumentOfAppRun() throws {
        let page = scanner(#"<script>app.run( {"data":{"root":{"fields":{"ok":1}}}} );</script>"#)
        let found = try #require(EmbeddedJSON.value(after: ["__moduleData__", "app.run("], in: page))
        #expect(found.marker.text == "app.run(")
        #expect(found.value[path: "data", "root", "fields", "ok"]?.int == 1)
        #expect(EmbeddedJSON.value(after: ["__NEXT_DATA__"], in: page) == nil)
    }

    @Test func unbalancedModelIsNotReturned() {
        let page = scanner(#"<script>var __moduleData__ = {"data": {"a": 1};</script>"#)
        #expect(EmbeddedJSON.value(after: ["__moduleData__"], in: page) == nil)
    }

    @Test func readsADataIslandScriptByID() throws {
        let page = scanner(
            """
            <div id="__MODERN_ROUTER_DATA__">not a script</div>
            <script type="application/json" id='__MODERN_ROUTER_DATA__'>
              {"loaderData":{"page":{"a":"<\\/script>"}}}
            </script>
            """)
        let value = try #require(EmbeddedJSON.script(id: "__MODERN_ROUTER_DATA__", in: page))
        #expect(value[path: "loaderData", "page", "a"]?.string == "</script>")
        #expect(EmbeddedJSON.script(id: "__NEXT_DATA__", in: page) == nil)
    }

    @Test func readsEveryLinkedDataBlockThatParses() throws {
        let page = scanner(
            """
            <script type="application/ld+json">{"@type":"Organization","name":"A"}</script>
            <script TYPE='APPLICATION/LD+JSON'>{"@type":"Product", broken</script>
            <script type="application/ld+json">
              [{"@type":"Product","name":"B"}]
            </script>
            <p>application/ld+json is mentioned in text, outside any script</p>
            """)
        let blocks = EmbeddedJSON.linkedData(in: page)
        #expect(blocks.count == 2)
        #expect(blocks[0]["name"]?.string == "A")
        #expect(blocks[1].array?.first?["name"]?.string == "B")
    }

    /// A block cut short before its `</script>` can still balance further down the page, inside
    /// another script: what is read must end inside its own script.
    @Test func aBlockThatEndsOnlyInALaterScriptIsNotRead() {
        let page = scanner(
            """
            <script type="application/ld+json">{"@type":"Product","name":"Cut short"</script>
            <script>var config = {"a": 1}}</script>
            <script type="application/ld+json">{"@type":"Product","name":"Whole"}</script>
            """)
        #expect(EmbeddedJSON.linkedData(in: page).map { $0["name"]?.string } == ["Whole"])
    }
}
