#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Reads a feed from a local file, for operators who drop a marketplace export on the server.
///
/// Only paths that, with symlinks and `..` resolved, lie inside one of the allowed directories
/// are read, so a feed URL cannot reach `/etc` or the database.
enum FeedFile {
    /// Resolves `path` (symlinks, `.`, `..`); nil when it does not exist.
    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `resolvedPath` lies inside one of `directories` (themselves resolved).
    static func isAllowed(_ resolvedPath: String, in directories: [String]) -> Bool {
        directories.contains { directory in
            directory == "/" || resolvedPath.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/")
        }
    }

    /// The file's bytes, at most `limit` of them, and when it was last modified (seconds since
    /// 1970), which stands for the feed's age when the feed does not state it.
    static func read(
        url: String,
        path: String,
        allowedDirectories: [String],
        limit: Int
    ) throws(FetchError) -> (bytes: [UInt8], modified: Int) {
        guard let resolved = resolve(path) else {
            let lexicallyInside = !path.split(separator: "/").contains("..") && isAllowed(path, in: allowedDirectories)
            guard lexicallyInside else { throw .fileNotAllowed(url: url, path: path) }
            throw .fileUnreadable(url: url, detail: "\(path): \(String(cString: strerror(errno)))")
        }
        guard isAllowed(resolved, in: allowedDirectories) else {
            throw .fileNotAllowed(url: url, path: resolved)
        }
        // Non-blocking, so that a named pipe cannot hold the pass (and a shutdown) at `open`;
        // no symlink at the end, since one may have been put there after `realpath`.
        let descriptor = open(resolved, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard descriptor >= 0 else {
            throw .fileUnreadable(url: url, detail: "\(resolved): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw .fileUnreadable(url: url, detail: "\(resolved) is not a regular file")
        }
        // What was opened, not what the path named a moment before: a folder on the way may
        // have been swapped for a symlink meanwhile.
        guard let opened = resolve("/proc/self/fd/\(descriptor)"), isAllowed(opened, in: allowedDirectories) else {
            throw .fileNotAllowed(url: url, path: resolved)
        }
        guard Int(info.st_size) <= limit else {
            throw .bodyTooLarge(url: url, limit: limit)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .fileUnreadable(url: url, detail: "\(resolved): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            guard bytes.count + count <= limit else {
                throw .bodyTooLarge(url: url, limit: limit)
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return (bytes, Int(info.st_mtim.tv_sec))
    }
}
