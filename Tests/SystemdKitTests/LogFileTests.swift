import Foundation
import SystemdKit
import Testing

@Suite("LogFile")
struct LogFileTests {
    @Test("rename + reopen: the next line goes to the new file (logrotate's default)")
    func renameAndReopen() throws {
        let directory = try TemporaryDirectory()
        let file = try LogFile(path: directory.file("events.jsonl"))
        try file.append(line: "one")
        try FileManager.default.moveItem(
            atPath: directory.file("events.jsonl"),
            toPath: directory.file("events.jsonl.1")
        )
        try file.append(line: "two")
        try file.reopen()
        try file.append(line: "three\n")

        #expect(try directory.lines(of: "events.jsonl.1") == ["one", "two"])
        #expect(try directory.lines(of: "events.jsonl") == ["three"])
    }

    @Test("copytruncate: after truncation, lines start at the beginning again (O_APPEND)")
    func copyTruncate() throws {
        let directory = try TemporaryDirectory()
        let file = try LogFile(path: directory.file("alerts.jsonl"))
        try file.append(line: "a long line written before the rotation")
        #expect(truncate(directory.file("alerts.jsonl"), 0) == 0)
        try file.append(line: "after")

        let data = try Data(contentsOf: URL(fileURLWithPath: directory.file("alerts.jsonl")))
        #expect(String(decoding: data, as: UTF8.self) == "after\n")
    }

    @Test("a failed reopen keeps writing to the old file")
    func failedReopenKeepsOldDescriptor() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("logs/events.jsonl")
        let file = try LogFile(path: path)
        try FileManager.default.moveItem(atPath: directory.file("logs"), toPath: directory.file("moved"))
        // A regular file where the folder was: the folder cannot be re-created.
        _ = FileManager.default.createFile(atPath: directory.file("logs"), contents: Data())

        let error = try #require(throws: LogFileError.self) { try file.reopen() }
        #expect(error.path == directory.file("logs"))
        try file.append(line: "still here")
        #expect(try directory.lines(of: "moved/events.jsonl") == ["still here"])
    }

    @Test("missing parent folders are created with the file; the mode is 0640")
    func createsParents() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("a/b/c/alerts.jsonl")
        let file = try LogFile(path: path)
        try file.append(line: "{}")

        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o640 & ~Int(Self.umask))
        #expect(try directory.lines(of: "a/b/c/alerts.jsonl") == ["{}"])
    }

    @Test("an impossible path is a typed error that names it")
    func impossiblePath() throws {
        let directory = try TemporaryDirectory()
        _ = FileManager.default.createFile(atPath: directory.file("plain"), contents: Data())
        let error = try #require(throws: LogFileError.self) { try LogFile(path: directory.file("plain/x/log.jsonl")) }
        #expect(error == .cannotCreateDirectory(path: directory.file("plain"), errno: ENOTDIR))
        #expect(error.description.contains(directory.file("plain") + ":"))
    }

    @Test("8 tasks × 500 lines: every line arrives whole")
    func concurrentWriters() async throws {
        let directory = try TemporaryDirectory()
        let file = try LogFile(path: directory.file("events.jsonl"))
        let padding = String(repeating: "x", count: 300)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<500 {
                        try file.append(line: #"{"task":\#(task),"index":\#(index),"pad":"\#(padding)"}"#)
                    }
                }
            }
            try await group.waitForAll()
        }

        let lines = try directory.lines(of: "events.jsonl")
        #expect(lines.count == 4_000)
        var seen = Set<[Int]>()
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            seen.insert([object["task"] as? Int ?? -1, object["index"] as? Int ?? -1])
        }
        #expect(seen.count == 4_000)
    }

    private static let umask: mode_t = {
        let current = Foundation.umask(0)
        Foundation.umask(current)
        return current
    }()
}
