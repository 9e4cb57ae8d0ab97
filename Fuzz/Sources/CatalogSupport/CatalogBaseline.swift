import Foundation
import OCOPCatalog

/// The valid three-file catalog of the parser's tests, which the catalog harnesses alter one file
/// at a time so that fuzzed rows meet real cross-file checks (a listing's product must exist …).
///
/// Read from `Tests/OCOPCatalogTests/Fixtures/baseline/` beside this source file, or from the
/// folder `OCOP_FUZZ_CATALOG_BASELINE` names. The bytes are kept as arrays, not `Data`: `Data`
/// packs its enum tag into the spare bits of its storage pointer, which LeakSanitizer then fails to
/// recognise, reporting the long-lived baseline as a leak.
struct CatalogBaseline: Sendable {
    enum File: CaseIterable, Sendable {
        case products
        case producers
        case listings

        var name: String {
            switch self {
            case .products: "products.csv"
            case .producers: "producers.csv"
            case .listings: "listings.csv"
            }
        }
    }

    static let shared = CatalogBaseline()

    private let files: [File: [UInt8]]

    private init(folder: String? = ProcessInfo.processInfo.environment["OCOP_FUZZ_CATALOG_BASELINE"]) {
        let root =
            folder.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // CatalogSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // Fuzz
            .deletingLastPathComponent()
            .appendingPathComponent("Tests/OCOPCatalogTests/Fixtures/baseline")
        var files: [File: [UInt8]] = [:]
        for file in File.allCases {
            let url = root.appendingPathComponent(file.name)
            guard let data = try? Data(contentsOf: url) else {
                fatalError("cannot read \(url.path); set OCOP_FUZZ_CATALOG_BASELINE to the baseline folder")
            }
            files[file] = Array(data)
        }
        self.files = files
    }

    /// The baseline file's first line, without its line break.
    func header(of file: File) -> [UInt8] {
        Array(files[file]!.prefix { $0 != 0x0A && $0 != 0x0D })
    }

    /// The baseline with `file` replaced by `replacement`.
    func sources(replacing file: File, with replacement: CatalogSource) -> [CatalogSource] {
        File.allCases.map { $0 == file ? replacement : CatalogSource(name: $0.name, data: Data(files[$0]!)) }
    }
}
