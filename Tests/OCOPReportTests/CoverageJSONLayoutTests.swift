import Foundation
import OCOPCore
import OCOPReport
import Testing

/// `coverage --format json` writes its document directly; `JSONEncoder` with the options the
/// document promises is the reference. Decoding the output and encoding it again with
/// `JSONEncoder` must give the same bytes: same layout, key order, escapes and numbers.
@Suite struct CoverageJSONLayoutTests {
    /// Any JSON value, numbers as `Double` (the encoder writes `5.0` as `5`, as it writes `5`).
    enum Value: Codable, Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([Value])
        case object([String: Value])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([Value].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: Value].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            case .object(let value): try container.encode(value)
            }
        }
    }

    /// Every byte the encoder escapes, and text it must leave alone.
    static let awkward =
        (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined()
        + "\"\\/\u{7F} e\u{301} \u{2028} 🪷 Tháp Mười =SUM(A1)"

    /// A gap without a reason (its key is left out) and one with awkward text everywhere.
    static let someGaps = [
        CoverageGap(productID: "DT-P-9", name: awkward, producerID: "DT-E-1", district: "Sa Đéc", stars: 3, state: .uncovered, reason: nil),
        CoverageGap(productID: "DT-P-10", name: "Trà", producerID: "E", district: awkward, stars: 5, state: .unverified, reason: awkward),
    ]

    static func figures(gaps: Bool, windows: [MarketplaceID: ChannelWindow], empty: CoverageDimension?) -> CoverageFigures {
        func tally(_ total: Int, _ covered: Int, target: Double) -> CoverageTally {
            CoverageTally(total: total, covered: covered, uncovered: total - covered, unverified: 0, target: target)
        }
        var breakdowns: [CoverageDimension: [CoverageBreakdownRow]] = [:]
        for (number, dimension) in CoverageDimension.allCases.enumerated() where dimension != empty {
            breakdowns[dimension] = (0..<(number + 2)).map { row in
                CoverageBreakdownRow(
                    key: row == 0 ? awkward : "\(dimension.rawValue)/\(row)",
                    label: row == 1 ? awkward : "Hàng \(row)",
                    products: tally(3 * row + 1, row, target: [100, 66.67, 0, 99.95][row % 4]),
                    producers: tally(7 * row + 3, 2 * row, target: 12.5)
                )
            }
        }
        return CoverageFigures(
            generatedAt: Date(timeIntervalSince1970: 1_780_000_000.5),
            rules: CoverageRules(
                staleAfter: 7 * 86_400 + 0.25,
                marketplaces: gaps ? nil : [.tiki, "postmart", .sendo],
                windows: windows,
                sellerRelations: gaps ? [.ownShop, .reseller] : nil,
                certificateStatuses: [.active, .expired],
                productTarget: 66.67,
                producerTarget: 100
            ),
            products: tally(3, 1, target: 66.67),
            producers: tally(0, 0, target: 100),
            breakdowns: breakdowns,
            gaps: gaps ? someGaps : []
        )
    }

    @Test(
        arguments: [
            (true, CoverageRules.defaultWindows, nil),
            (false, [:], .producer),
            (
                true,
                [
                    .sendo: ChannelWindow(from: Date(timeIntervalSince1970: 1_700_000_000), until: nil),
                    "postmart": ChannelWindow(from: nil, until: nil),
                ], .region
            ),
        ] as [(Bool, [MarketplaceID: ChannelWindow], CoverageDimension?)])
    func theDocumentIsLaidOutAsJSONEncoderLaysItOut(gaps: Bool, windows: [MarketplaceID: ChannelWindow], empty: CoverageDimension?) throws {
        let figures = Self.figures(gaps: gaps, windows: windows, empty: empty)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for dimension in [nil] + CoverageDimension.allCases {
            let written = try CoverageRenderer().json(figures, by: dimension)
            #expect(written.hasSuffix("}\n"))
            let value = try JSONDecoder().decode(Value.self, from: Data(written.utf8))
            let reference = String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
            #expect(written == reference, "by \(dimension?.rawValue ?? "all")")
        }
    }
}
