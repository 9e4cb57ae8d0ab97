public import Foundation
public import OCOPCore
import Testing

/// The saved answers under a test target's `Fixtures/` folder, as bytes or as responses.
///
/// Every adapter test target carries its own fixtures (declared `.copy("Fixtures")`), so each
/// makes one of these from its own `Bundle.module`; the loading is written once, here.
public struct FixtureFiles: Sendable {
    public let directory: URL

    /// - Parameter bundle: The test target's `Bundle.module`.
    public init(bundle: Bundle) {
        directory = (bundle.resourceURL ?? bundle.bundleURL).appendingPathComponent("Fixtures")
    }

    public func bytes(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
        let url = directory.appendingPathComponent(name)
        try #require(FileManager.default.fileExists(atPath: url.path), "no fixture \(url.path)", sourceLocation: sourceLocation)
        return Array(try Data(contentsOf: url))
    }

    public func response(
        _ name: String,
        status: Int = 200,
        finalURL: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> HTTPResponseSnapshot {
        HTTPResponseSnapshot(status: status, finalURL: finalURL, body: try bytes(name, sourceLocation: sourceLocation))
    }
}
