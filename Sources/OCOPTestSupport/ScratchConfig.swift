public import Foundation

/// A fresh folder under the temporary directory holding a `config.yaml` whose state and logs stay
/// inside it: what a test needs to build a `WatchContext` of its own.
public struct ScratchConfig: Sendable {
    public let directory: URL

    /// The config file's path.
    public var path: String { directory.appendingPathComponent("config.yaml").path }

    /// - Parameter sections: YAML appended after `paths` and `operator` (e.g. `http:` or
    ///   `marketplaces:`), verbatim.
    public init(_ sections: String = "") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocw-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write(sections)
    }

    /// Rewrites the config with other `sections`, e.g. ones naming files put in ``directory``.
    public func write(_ sections: String) throws {
        let yaml = "paths:\n  state_dir: state\n  logs_dir: logs\noperator:\n  contact: test@localhost\n" + sections
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        // Readable by its owner only, as the program asks of a config that may hold secrets.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// Removes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
