import OCOPReport
import Testing

@Suite("TextTable")
struct TextTableTests {
    @Test func nfcAndNfdVietnameseAlign() throws {
        let composed = "Bánh phồng tôm"
        let decomposed = "Ba\u{0301}nh pho\u{0302}\u{0300}ng to\u{0302}m"
        #expect(decomposed.unicodeScalars.count > composed.unicodeScalars.count, "the fixture really is NFD")
        let table = TextTable(
            ["Tên / Name", "Huyện", "Số"],
            rows: [
                [composed, "Đồng Tháp", "12"],
                [decomposed, "\u{0110}o\u{0302}\u{0300}ng Tha\u{0301}p", "7"],
                ["Xoài", "Sa Đéc", "1234"],
            ]
        )
        let lines = table.render().split(separator: "\n")
        #expect(lines.count == 5)
        let widths = Set(lines.map { TextTable.displayWidth(of: $0) })
        #expect(widths.count == 1, "every line has the same display width: \(widths)")
        #expect(TextTable.displayWidth(of: composed) == 14)
        #expect(TextTable.displayWidth(of: decomposed) == 14)
        #expect(!table.render().unicodeScalars.contains("\u{0302}"), "shown composed")
    }

    @Test func numbersAlignRightAndTextLeft() {
        let rendered = TextTable(["Name", "Count", "%"], rows: [["a", "5", "7.5"], ["bbbbbb", "1234", "100.0"]]).render()
        let lines = rendered.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Name    Count      %")
        #expect(lines[1] == "------  -----  -----")
        #expect(lines[2] == "a           5    7.5")
        #expect(lines[3] == "bbbbbb   1234  100.0")
    }

    @Test func wideCharactersCountTwo() {
        #expect(TextTable.displayWidth(of: "漢字") == 4)
        #expect(TextTable.displayWidth(of: "🙂a") == 3)
        let lines = TextTable(["x"], rows: [["漢字"], ["abcd"]]).render().split(separator: "\n")
        #expect(Set(lines.map { TextTable.displayWidth(of: $0) }) == [4])
    }

    @Test func controlCharactersCannotBreakTheTable() {
        let rendered = TextTable(["Name", "N"], rows: [["line\nbreak\tand tab", "1"]]).render()
        #expect(rendered.split(separator: "\n").count == 3)
        #expect(rendered.contains("line break and tab"))
    }

    @Test func shortRowsArePaddedAndExplicitAlignmentWins() {
        let table = TextTable(
            columns: [TextTable.Column("Code", alignment: .left), TextTable.Column("Label", alignment: .right)],
            rows: [["872"], ["1", "Cao Lãnh"]]
        )
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines[2] == "872           ")
        #expect(lines[3] == "1     Cao Lãnh")
    }
}
