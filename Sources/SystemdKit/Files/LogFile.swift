import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An append-only log file that survives log rotation.
///
/// The file is opened with `O_APPEND`, and every record is handed to the kernel in one `write(2)`:
/// concurrent writers (threads of this process, or another process appending to the same file)
/// never interleave inside a line, and `copytruncate` rotation is safe because each write lands
/// at the current end of the file.
///
/// For rename-style rotation (logrotate's default, configured in `systemd/ocop-watch.logrotate`),
/// call ``reopen()`` on `SIGHUP`: it opens the file at ``path`` anew *before* swapping
/// descriptors, so a failed reopen (disk full, permissions changed) keeps logging to the old
/// file instead of losing records.
///
/// Writes are serialised by a lock held for the duration of the `write(2)`, so a record is
/// never written to a descriptor that ``reopen()`` is closing.
public final class LogFile: Sendable {
    /// The path records are written to.
    public let path: String

    private let permissions: mode_t
    private let descriptor: Mutex<Int32>

    /// Opens (creating if needed) the log file at `path`, creating missing parent folders.
    ///
    /// - Parameters:
    ///   - path: the file to append to.
    ///   - permissions: mode of a newly created file; `0640` lets an operator's `adm` group read it.
    /// - Throws: ``LogFileError`` naming the path that could not be created or opened.
    public init(path: String, permissions: mode_t = 0o640) throws(LogFileError) {
        self.path = path
        self.permissions = permissions
        self.descriptor = Mutex(try Self.open(path, permissions: permissions))
    }

    deinit {
        descriptor.withLock { descriptor in
            _ = close(descriptor)
        }
    }

    /// Appends `line` and a newline (unless it already ends with one) in one write.
    ///
    /// This is how already-encoded records such as alert JSON lines are written: the caller
    /// guarantees `line` holds no other newline.
    public func append(line: String) throws(LogFileError) {
        var bytes = Array(line.utf8)
        if bytes.last != UInt8(ascii: "\n") {
            bytes.append(UInt8(ascii: "\n"))
        }
        try append(bytes: bytes)
    }

    /// Appends `bytes` exactly as given, in one write, or not at all.
    ///
    /// A full disk can take part of a record and refuse the rest: the part is cut off again, so
    /// that a record written once more later (the alert log retries its lines) does not follow a
    /// fragment that no JSON reader could parse.
    public func append(bytes: [UInt8]) throws(LogFileError) {
        let failure = bytes.withUnsafeBytes { buffer in
            descriptor.withLock { descriptor in
                var before = stat()
                let sized = fstat(descriptor, &before) == 0
                let failure = FileDescriptorIO.writeAll(descriptor, buffer)
                if failure != 0, sized {
                    Self.cutFragment(descriptor, endingAt: before.st_size, longest: buffer.count)
                }
                return failure
            }
        }
        guard failure == 0 else { throw .writeFailed(path: path, errno: failure) }
    }

    /// Cuts the file back to `size` when it grew by less than a whole record (`longest` bytes)
    /// since: only then is what follows `size` ours and unfinished. A file that shrank meanwhile
    /// (copytruncate) or grew by more (another writer) is left alone.
    static func cutFragment(_ descriptor: Int32, endingAt size: off_t, longest: Int) {
        var after = stat()
        guard fstat(descriptor, &after) == 0, after.st_size > size, after.st_size < size + off_t(longest) else { return }
        _ = ftruncate(descriptor, size)
    }

    /// Opens ``path`` again and continues there; call it after the file was renamed (logrotate).
    ///
    /// The new file is opened first; if that fails the error is thrown and records keep going
    /// to the old descriptor.
    public func reopen() throws(LogFileError) {
        let fresh = try Self.open(path, permissions: permissions)
        let old = descriptor.withLock { descriptor in
            let old = descriptor
            descriptor = fresh
            return old
        }
        _ = close(old)
    }

    private static func open(_ path: String, permissions: mode_t) throws(LogFileError) -> Int32 {
        let parent = FileDescriptorIO.parentDirectory(of: path)
        if let failure = FileDescriptorIO.makeDirectories(parent, mode: 0o750) {
            throw .cannotCreateDirectory(path: failure.path, errno: failure.errno)
        }
        let result = FileDescriptorIO.open(path, flags: O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode: permissions)
        guard result >= 0 else { throw .cannotOpen(path: path, errno: -result) }
        return result
    }
}
