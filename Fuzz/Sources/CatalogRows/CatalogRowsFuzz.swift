import Foundation
import OCOPCatalog

/// `CatalogParser.parse(sources:)` on fuzzed rows under a valid header, so that the fuzzer spends
/// its runs on cell validation rather than on header recognition.
///
/// Input layout: byte 0 the file whose baseline header is kept (products, producers, listings);
/// byte 1 how the spreadsheet exported it (``Dialect``); byte 2 the issue cap; the rest the rows.
private enum Dialect: CaseIterable {
    /// `,` and LF, as Google Sheets writes.
    case plain
    /// `;` separators, as Excel writes where the decimal separator is `,`.
    case semicolon
    /// A UTF-8 byte-order mark and CRLF, as Excel's "CSV UTF-8" writes.
    case excelUTF8

    func file(header: [UInt8], rows: [UInt8]) -> Data {
        switch self {
        case .plain:
            Data(header + [0x0A] + rows)
        case .semicolon:
            Data(header.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ";") : $0 } + [0x0A] + rows)
        case .excelUTF8:
            Data([0xEF, 0xBB, 0xBF] + header + [0x0D, 0x0A] + rows)
        }
    }
}

func prepareHarness() {
    _ = CatalogBaseline.shared
}

func fuzzOneInput(_ input: inout FuzzInput) {
    let file = input.choose(from: CatalogBaseline.File.allCases)
    let dialect = input.choose(from: Dialect.allCases)
    let configuration = input.choose(from: catalogConfigurations)
    let data = dialect.file(header: CatalogBaseline.shared.header(of: file), rows: input.takeRest())
    let sources = CatalogBaseline.shared.sources(replacing: file, with: CatalogSource(name: file.name, data: data))
    checkParse(sources, configuration: configuration)
}
