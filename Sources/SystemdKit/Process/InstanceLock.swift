import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Makes sure only one process uses a state directory (and its SQLite database) at a time.
///
/// The daemon and the timer's `sync --once` must never write one database together; the units
/// say `Conflicts=`, but a person running the tool by hand is not stopped by that. The lock is
/// `flock(LOCK_EX | LOCK_NB)` on a small file next to the database: the kernel releases it when
/// the process dies, however it dies, so a crash never leaves a stale lock behind. The holder's
/// PID is written into the file so the second process can say who holds it.
///
/// The lock is held until ``release()`` or until the value is deallocated.
public final class InstanceLock: Sendable {
    /// The lock file.
    public let path: String

    private let descriptor: Mutex<Int32?>

    /// Takes the lock at `path`, creating the file (and its folder) if needed.
    ///
    /// - Throws: ``InstanceLockError/alreadyHeld(path:pid:)`` when another process holds it.
    public init(path: String) throws(InstanceLockError) {
        self.path = path
        let parent = FileDescriptorIO.parentDirectory(of: path)
        if let failure = FileDescriptorIO.makeDirectories(parent, mode: 0o750) {
            throw .cannotOpen(path: failure.path, errno: failure.errno)
        }
        // No O_TRUNC: the file is only rewritten once the lock is ours.
        let descriptor = FileDescriptorIO.open(path, flags: O_RDWR | O_CREAT | O_CLOEXEC, mode: 0o640)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, errno: -descriptor) }

        var result: Int32
        repeat {
            result = flock(descriptor, LOCK_EX | LOCK_NB)
        } while result != 0 && errno == EINTR
        guard result == 0 else {
            let code = errno
            let holder = Self.readPID(descriptor)
            close(descriptor)
            if code == EWOULDBLOCK {
                throw .alreadyHeld(path: path, pid: holder)
            }
            throw .cannotLock(path: path, errno: code)
        }

        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.descriptor = Mutex(descriptor)
    }

    /// Takes the lock for the database at `databasePath`, in the file `<databasePath>.lock`.
    public convenience init(nextTo databasePath: String) throws(InstanceLockError) {
        try self.init(path: databasePath + ".lock")
    }

    deinit {
        release()
    }

    /// Gives the lock up; later calls do nothing. The file stays, so that no second process can
    /// lock a file that a third is about to replace.
    public func release() {
        descriptor.withLock { descriptor in
            guard let open = descriptor else { return }
            _ = flock(open, LOCK_UN)
            _ = close(open)
            descriptor = nil
        }
    }

    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self)
        return Int32(text.split(whereSeparator: \.isWhitespace).first ?? "")
    }
}
