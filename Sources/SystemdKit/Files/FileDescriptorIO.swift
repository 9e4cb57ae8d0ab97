#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The small POSIX helpers the log files and the lock share.
enum FileDescriptorIO {
    /// Writes all of `bytes` with as few `write(2)` calls as the kernel allows (one for a regular
    /// file), retrying on `EINTR`. Returns `0` or the failing `errno`.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// `open(2)` retried on `EINTR`; returns the descriptor or `-errno`.
    static func open(_ path: String, flags: Int32, mode: mode_t) -> Int32 {
        while true {
            let descriptor = path.withCString { systemOpen($0, flags, mode) }
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { return -errno }
        }
    }

    /// Creates `directory` and its missing parents (`mkdir -p`).
    ///
    /// - Returns: `nil` on success, else the path that could not be created and the `errno`.
    static func makeDirectories(_ directory: String, mode: mode_t) -> (path: String, errno: Int32)? {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            var status = stat()
            if stat(prefix, &status) == 0 {
                // Something that is not a folder is in the way (a file, or a dangling link).
                if (status.st_mode & S_IFMT) == S_IFDIR { continue }
                return (prefix, ENOTDIR)
            }
            if mkdir(prefix, mode) != 0, errno != EEXIST {
                return (prefix, errno)
            }
        }
        return nil
    }

    /// The folder part of a path, `.` when it has none.
    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = path[..<slash]
        return parent.isEmpty ? "/" : String(parent)
    }

    private static func systemOpen(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
        #if canImport(Darwin)
            Darwin.open(path, flags, mode)
        #elseif canImport(Musl)
            Musl.open(path, flags, mode)
        #else
            Glibc.open(path, flags, mode)
        #endif
    }
}
