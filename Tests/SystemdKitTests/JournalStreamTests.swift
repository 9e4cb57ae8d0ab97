import Foundation
import SystemdKit
import Testing

@Suite("JournalStream")
struct JournalStreamTests {
    @Test("matches when $JOURNAL_STREAM names the descriptor's device and inode")
    func matches() throws {
        let directory = try TemporaryDirectory()
        let descriptor = open(directory.file("stream"), O_WRONLY | O_CREAT, 0o600)
        defer { close(descriptor) }
        var status = stat()
        #expect(fstat(descriptor, &status) == 0)

        let matching = "\(status.st_dev):\(status.st_ino)"
        let otherInode = "\(status.st_dev):\(status.st_ino + 1)"
        #expect(JournalStream.isConnected(fileDescriptor: descriptor, journalStream: matching))
        #expect(!JournalStream.isConnected(fileDescriptor: descriptor, journalStream: otherInode))
        #expect(!JournalStream.isConnected(fileDescriptor: descriptor, journalStream: nil))
        #expect(!JournalStream.isConnected(fileDescriptor: descriptor, journalStream: "garbage"))
        #expect(!JournalStream.isConnected(fileDescriptor: -1, journalStream: matching))
    }
}
