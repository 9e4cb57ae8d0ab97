#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `stat(2)` says about a path: one system call and nothing else.
///
/// Foundation's `FileManager.attributesOfItem` also looks up the names of the file's owner and
/// group, through the system's user database (NSS: `/etc/passwd`, nscd, and on a server joined
/// to a directory, LDAP or SSSD over the network). A daemon that fingerprints its catalog at
/// every start and reload must not wait on a directory server to learn a file's size.
public struct FileStatus: Sendable, Hashable {
    /// Bytes, for a regular file.
    public var size: UInt64
    /// The last modification, to the nanosecond the file system keeps.
    public var modifiedSeconds: Int
    public var modifiedNanoseconds: Int
    /// The inode number: a file replaced by a rename has another.
    public var inode: UInt64
    /// The permission bits (`0o644`), without the file type.
    public var permissions: UInt32

    /// The status of `path`, following symlinks; `nil` when it cannot be had (missing, not
    /// searchable), in which case `errno` says why.
    public init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        size = UInt64(clamping: status.st_size)
        #if canImport(Darwin)
            modifiedSeconds = Int(status.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int(status.st_mtimespec.tv_nsec)
        #else
            modifiedSeconds = Int(status.st_mtim.tv_sec)
            modifiedNanoseconds = Int(status.st_mtim.tv_nsec)
        #endif
        inode = UInt64(status.st_ino)
        permissions = UInt32(status.st_mode) & 0o7777
    }
}
