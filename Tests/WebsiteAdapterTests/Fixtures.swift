import Foundation
import OCOPCore
import Testing

/// Loads the files under `Fixtures/` and wraps them as responses.
enum Fixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return Array(try Data(contentsOf: url))
    }

    static func response(_ name: String, status: Int = 200, finalURL: String) throws -> HTTPResponseSnapshot {
        HTTPResponseSnapshot(status: status, finalURL: finalURL, body: try bytes(name))
    }
}
