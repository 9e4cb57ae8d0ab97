import Foundation
import OCOPCatalog

/// `CatalogParser.parse(sources:)` on a fuzzed CSV file, header included.
///
/// Input layout: byte 0 says what the fuzzed file stands in for — nothing (it is parsed alone) or
/// the baseline products, producers or listings file; byte 1 the issue cap; the rest is the file.
private let roles: [CatalogBaseline.File?] = [nil] + CatalogBaseline.File.allCases

func prepareHarness() {
    _ = CatalogBaseline.shared
}

func fuzzOneInput(_ input: inout FuzzInput) {
    let role = input.choose(from: roles)
    let configuration = input.choose(from: catalogConfigurations)
    let fuzzed = CatalogSource(name: role?.name ?? "fuzzed.csv", data: Data(input.takeRest()))
    let sources = role.map { CatalogBaseline.shared.sources(replacing: $0, with: fuzzed) } ?? [fuzzed]
    checkParse(sources, configuration: configuration)
}
