import Foundation
import Testing

@testable import SystemdKit

/// A full disk can take part of a record: the part is cut off, so that the record written again
/// later does not follow a fragment no JSON reader can parse.
@Suite struct LogFileFragmentTests {
    func file(_ text: String) throws -> (TemporaryDirectory, String, Int32) {
        let directory = try TemporaryDirectory()
        let path = directory.file("alerts.jsonl")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (directory, path, open(path, O_RDWR | O_APPEND))
    }

    @Test func aPartOfARecordIsCutOffAgain() throws {
        let (directory, path, descriptor) = try file("{\"kind\":\"first\"}\n")
        defer { withExtendedLifetime(directory) { _ = close(descriptor) } }
        let size = off_t(17)
        _ = "{\"time\":\"2026".withCString { write(descriptor, $0, 13) }
        LogFile.cutFragment(descriptor, endingAt: size, longest: 40)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"kind\":\"first\"}\n")
    }

    @Test func aFileThatShrankOrGrewByMoreThanARecordIsLeftAlone() throws {
        let (directory, path, descriptor) = try file("rotated\n")
        defer { withExtendedLifetime(directory) { _ = close(descriptor) } }
        // copytruncate emptied the file after its size was taken: nothing of ours to cut.
        LogFile.cutFragment(descriptor, endingAt: 100, longest: 40)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "rotated\n")
        // Another writer's whole lines came after it: not a fragment of ours.
        LogFile.cutFragment(descriptor, endingAt: 2, longest: 3)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "rotated\n")
    }
}
