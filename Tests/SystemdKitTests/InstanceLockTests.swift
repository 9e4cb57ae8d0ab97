import Foundation
import SystemdKit
import Testing

@Suite("InstanceLock")
struct InstanceLockTests {
    @Test("a second lock on the same file fails with the holder's PID and what to do")
    func heldTwice() throws {
        let directory = try TemporaryDirectory()
        let database = directory.file("state/ocop-watch.sqlite")
        let first = try InstanceLock(nextTo: database)
        #expect(first.path == database + ".lock")
        #expect(try String(contentsOfFile: first.path, encoding: .utf8) == "\(getpid())\n")

        let error = try #require(throws: InstanceLockError.self) { try InstanceLock(nextTo: database) }
        #expect(error == .alreadyHeld(path: database + ".lock", pid: getpid()))
        #expect(error.description.contains("PID \(getpid())"))
        #expect(error.description.contains("systemctl stop"))
        // The failed attempt must not have erased the holder's PID.
        #expect(try String(contentsOfFile: first.path, encoding: .utf8) == "\(getpid())\n")
    }

    @Test("after release the lock can be taken again")
    func releaseAndRetake() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ocop-watch.lock")
        let first = try InstanceLock(path: path)
        first.release()
        first.release()
        let second = try InstanceLock(path: path)
        #expect(second.path == path)
    }
}
