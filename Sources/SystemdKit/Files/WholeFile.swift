#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts a whole file in place at once, so that a reader (a browser, Prometheus' textfile
/// collector, a PDF converter) never sees half of it.
///
/// The bytes go to a temporary file beside the target, which is then renamed over it. Done
/// naively (Foundation's `.atomic` writing) that rename replaces whatever the path named: a
/// symbolic link an operator made to publish the report elsewhere became a plain file, a
/// device such as `/dev/stdout` was deleted, and an existing report lost its group and mode
/// (`0640 root:www-data` became `0644 root:root`, readable by everyone). Here a link is followed
/// to its file, only a regular file is replaced, and the replacement keeps the old one's mode,
/// owner and group (as far as the process may set them); a new file gets `0666` less the umask.
public enum WholeFile {
    /// Writes `bytes` as the whole content of `path`.
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(WholeFileError) {
        guard !path.isEmpty else { throw .emptyPath }
        let target = try resolvingLinks(path)
        var existing = stat()
        let exists = lstat(target, &existing) == 0
        if exists, existing.st_mode & S_IFMT != S_IFREG {
            throw .notARegularFile(path: path, kind: kind(of: existing.st_mode))
        }
        let (temporary, descriptor) = try createTemporary(besides: target)
        func fail(_ step: String, _ code: Int32) -> WholeFileError {
            close(descriptor)
            unlink(temporary)
            return .failed(path: target, step: step, errno: code)
        }
        let written = Array(bytes).withUnsafeBytes { FileDescriptorIO.writeAll(descriptor, $0) }
        if written != 0 { throw fail("write", written) }
        if exists {
            _ = fchmod(descriptor, existing.st_mode & 0o7777)
            // The owner can be kept only by root; the group also by a member of it.
            if fchown(descriptor, existing.st_uid, existing.st_gid) != 0 {
                _ = fchown(descriptor, uid_t.max, existing.st_gid)
            }
        }
        if close(descriptor) != 0 {
            let code = errno
            unlink(temporary)
            throw .failed(path: target, step: "write", errno: code)
        }
        if rename(temporary, target) != 0 {
            let code = errno
            unlink(temporary)
            throw .failed(path: target, step: "replace a file", errno: code)
        }
    }

    /// `path` with its symbolic links followed to the file they name, existing or not (a
    /// dangling link is written through, as a shell's `>` would).
    static func resolvingLinks(_ path: String) throws(WholeFileError) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let link = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : FileDescriptorIO.parentDirectory(of: current) + "/" + link
        }
        throw .tooManyLinks(path: path)
    }

    /// A new file beside `target`, open for writing, created with `0666` less the umask.
    private static func createTemporary(besides target: String) throws(WholeFileError) -> (String, Int32) {
        let folder = FileDescriptorIO.parentDirectory(of: target)
        let name = target.lastIndex(of: "/").map { target[target.index(after: $0)...] } ?? target[...]
        let prefix = target.contains("/") ? folder + "/." : "."
        var code: Int32 = EEXIST
        for _ in 0..<8 {
            let temporary = prefix + name + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
            let descriptor = FileDescriptorIO.open(temporary, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o666)
            if descriptor >= 0 { return (temporary, descriptor) }
            code = -descriptor
            if code != EEXIST { break }
        }
        throw .failed(path: target, step: "create a file", errno: code)
    }

    private static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFIFO: "a pipe (FIFO)"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
