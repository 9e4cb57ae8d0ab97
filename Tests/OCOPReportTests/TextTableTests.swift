import Foundation
import Testing

@testable import OCOPReport

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

/// A table wider than the terminal: the message column wraps in its place, or goes under its
/// row when too little room is left; a pipe keeps one line per row.
@Suite struct TextTableWrappingTests {
    let message = "Giấy chứng nhận OCOP của Xoài sấy muối ớt Tư Diệu hết hạn ngày 2026-12-26, sản phẩm chưa lên sàn"

    func table(width: Int?) -> [String] {
        var table = TextTable(
            columns: [
                TextTable.Column("Mã / ID", alignment: .left), TextTable.Column("Huyện / District", alignment: .left),
                TextTable.Column("Nội dung / Message", alignment: .left, wraps: true),
            ],
            rows: [["DT-P-000005", "Thành phố Cao Lãnh", message], ["DT-P-000007", "Sa Đéc", "ngắn / short"]]
        )
        table.maximumWidth = width
        return table.render().split(separator: "\n").map(String.init)
    }

    @Test func wrapsInPlaceWithinTheWidth() {
        let lines = table(width: 80)
        #expect(lines.count > 4, "the long message takes more than one line")
        #expect(lines.allSatisfy { TextTable.displayWidth(of: $0) <= 80 }, "\(lines)")
        // Its continuation lines leave the other columns blank, and together say the whole message.
        let start = lines[0].distance(from: lines[0].startIndex, to: lines[0].range(of: "Nội dung")!.lowerBound)
        let parts = lines.dropFirst(2).dropLast().map { String($0.dropFirst(start)).trimmingCharacters(in: .whitespaces) }
        #expect(parts.joined(separator: " ") == message)
        #expect(lines.last!.hasPrefix("DT-P-000007") && lines.last!.contains("ngắn / short"))
    }

    @Test func goesUnderItsRowWhenTooLittleIsLeft() {
        let lines = table(width: 60)
        #expect(!lines[0].contains("Nội dung"), "the header keeps the columns beside each other")
        #expect(lines[2].hasPrefix("DT-P-000005") && !lines[2].contains("Giấy"))
        #expect(lines[3].hasPrefix("    Giấy chứng nhận"))
        #expect(lines.allSatisfy { TextTable.displayWidth(of: $0) <= 60 }, "\(lines)")
        #expect(lines.contains("    ngắn / short"))
    }

    @Test func aPipeGetsOneLinePerRow() {
        #expect(table(width: nil).count == 4)
        #expect(table(width: 500).count == 4, "wide enough: nothing wraps")
    }

    @Test func aWordLongerThanTheLineIsCut() {
        #expect(TextTable.wrap("xem https://tiki.vn/tra-sen-p274850011.html", width: 20) == ["xem", "https://tiki.vn/tra-", "sen-p274850011.html"])
        #expect(TextTable.wrap("", width: 20) == [""])
    }
}
