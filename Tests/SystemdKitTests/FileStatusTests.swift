import Foundation
import SystemdKit
import Testing

@Suite("FileStatus")
struct FileStatusTests {
    @Test("size, modification time to the nanosecond, inode and permissions, as stat(2) gives them")
    func statusOfAFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("catalog.csv")
        try Data("product_id,name\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o640) == 0)
        var times = [
            timespec(tv_sec: 1_750_000_000, tv_nsec: 123_456_789), timespec(tv_sec: 1_750_000_000, tv_nsec: 123_456_789),
        ]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)

        let status = try #require(FileStatus(path: path))
        #expect(status.size == 16)
        #expect(status.modifiedSeconds == 1_750_000_000)
        #expect(status.modifiedNanoseconds == 123_456_789)
        #expect(status.permissions == 0o640)
        let inode = try #require(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)
        #expect(status.inode == inode.uint64Value)
    }

    @Test("a file replaced by a rename has another inode")
    func replacedFileAndDirectory() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("products.csv")
        try Data("a".utf8).write(to: URL(fileURLWithPath: path))
        let before = try #require(FileStatus(path: path))
        let replacement = directory.file("products.csv.new")
        try Data("b".utf8).write(to: URL(fileURLWithPath: replacement))
        #expect(rename(replacement, path) == 0)
        let after = try #require(FileStatus(path: path))
        #expect(after.inode != before.inode)
        #expect(after.size == before.size)
    }

    @Test("a missing path has no status")
    func missingPath() throws {
        let directory = try TemporaryDirectory()
        #expect(FileStatus(path: directory.file("absent.csv")) == nil)
    }
}
