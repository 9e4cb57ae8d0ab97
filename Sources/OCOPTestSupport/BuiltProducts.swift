public import Foundation

/// Where the executables built with the tests are (`ocop-watch`, `mock-marketplace`).
///
/// `swift test` runs the test bundle from the build folder that also holds the executables, so
/// that folder is used when it has them: it is right in the main checkout, in a dev package of
/// symlinks, and with any `--build-path`. Otherwise ``DemoEnvironment/binaries``.
public enum BuiltProducts {
    public static let directory: URL = {
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let folder = runner.deletingLastPathComponent()
        if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("ocop-watch").path) {
            return folder
        }
        return DemoEnvironment.binaries
    }()

    /// The executable `name`.
    public static func executable(_ name: String) -> URL {
        directory.appendingPathComponent(name)
    }
}
