import Foundation

/// A fresh folder under `$TMPDIR`, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("systemdkit-XXXXXX").path
        var bytes = Array(template.utf8CString)
        let created = bytes.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) != nil }
        guard created else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: template]) }
        path = String(decoding: bytes.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func lines(of name: String) throws -> [String] {
        let text = try String(contentsOfFile: file(name), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
