import Foundation
import SystemdKit
import Testing

@Suite("WholeFile: a whole file put in place without destroying what the path names")
struct WholeFileTests {
    func contents(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }

    @Test("A new file gets 0666 less the umask; an old one keeps its mode")
    func modes() throws {
        let directory = try TemporaryDirectory()
        let fresh = directory.file("report.html")
        try WholeFile.write(Array("one".utf8), to: fresh)
        #expect(contents(fresh) == "one")
        let mask = umask(0o022)
        umask(mask)
        #expect(FileStatus(path: fresh)?.permissions == 0o666 & ~UInt32(mask))

        #expect(chmod(fresh, 0o640) == 0)
        try WholeFile.write(Array("two".utf8), to: fresh)
        #expect(contents(fresh) == "two")
        #expect(FileStatus(path: fresh)?.permissions == 0o640, "the report stays unreadable to others")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["report.html"], "no temporary file left behind")
    }

    @Test("A symbolic link is written through, to its file; a dangling one creates its file")
    func links() throws {
        let directory = try TemporaryDirectory()
        let published = directory.file("published.html")
        try Data("old".utf8).write(to: URL(fileURLWithPath: published))
        let link = directory.file("report.html")
        #expect(symlink("published.html", link) == 0)
        try WholeFile.write(Array("new".utf8), to: link)
        #expect(contents(published) == "new")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "published.html", "still a link")

        let dangling = directory.file("dangling.html")
        #expect(symlink(directory.file("made.html"), dangling) == 0)
        try WholeFile.write(Array("made".utf8), to: dangling)
        #expect(contents(directory.file("made.html")) == "made")

        let loop = directory.file("loop.html")
        #expect(symlink("loop.html", loop) == 0)
        #expect(throws: WholeFileError.tooManyLinks(path: loop)) { try WholeFile.write(Array("x".utf8), to: loop) }
    }

    @Test("A folder, a pipe or an empty path is refused, and left as it was")
    func refusals() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.file("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: WholeFileError.notARegularFile(path: fifo, kind: "a pipe (FIFO)")) {
            try WholeFile.write(Array("x".utf8), to: fifo)
        }
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the pipe is still a pipe")
        #expect(throws: WholeFileError.notARegularFile(path: directory.path, kind: "a folder")) {
            try WholeFile.write(Array("x".utf8), to: directory.path)
        }
        #expect(throws: WholeFileError.emptyPath) { try WholeFile.write(Array("x".utf8), to: "") }
    }

    @Test("A missing folder is named in the error")
    func missingFolder() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing/report.html")
        do {
            try WholeFile.write(Array("x".utf8), to: path)
            Issue.record("written into a missing folder")
        } catch {
            #expect(error.description == "the folder \(directory.file("missing")) does not exist; create it or name another path")
        }
    }
}
