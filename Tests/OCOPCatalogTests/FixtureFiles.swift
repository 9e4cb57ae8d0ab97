import Foundation
import OCOPCatalog

/// Access to the CSV fixtures copied into the test bundle.
enum FixtureFiles {
    static let root = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    /// The valid three-file catalog that the malformed cases alter.
    static func baseline() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in ["listings.csv", "producers.csv", "products.csv"] {
            files[name] = try Data(contentsOf: root.appendingPathComponent("baseline/\(name)"))
        }
        return files
    }

    /// The baseline with the files of one malformed case put in place of their namesakes, in
    /// directory-listing order.
    static func malformed(_ name: String) throws -> [CatalogSource] {
        var files = try baseline()
        let folder = root.appendingPathComponent("malformed/\(name)")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[file] = try Data(contentsOf: folder.appendingPathComponent(file))
        }
        return files.keys.sorted().map { CatalogSource(name: $0, data: files[$0]!) }
    }

    static func malformedCaseNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("malformed").path).sorted()
    }
}
