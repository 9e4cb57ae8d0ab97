#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a whole file (a report, a metrics textfile) could not be put in place; each case names the
/// path at fault and what to do.
public enum WholeFileError: Error, Hashable, CustomStringConvertible {
    /// The path is empty.
    case emptyPath
    /// Something other than a regular file is at the path (a folder, a device, a FIFO, a
    /// socket): replacing it would destroy it, and writing into it is not writing a file.
    case notARegularFile(path: String, kind: String)
    /// Following symbolic links went round in a loop, or through more than 40 of them.
    case tooManyLinks(path: String)
    /// The temporary file beside the target could not be created or written, or not renamed
    /// over the target.
    case failed(path: String, step: String, errno: Int32)

    public var description: String {
        switch self {
        case .emptyPath:
            return "the path is empty; name a file"
        case .notARegularFile(let path, let kind):
            return "\(path) is \(kind), not a regular file; name a file"
        case .tooManyLinks(let path):
            return "\(path): too many levels of symbolic links; point the link at a file"
        case .failed(let path, let step, let code):
            let folder = FileDescriptorIO.parentDirectory(of: path)
            switch code {
            case ENOENT: return "the folder \(folder) does not exist; create it or name another path"
            case EACCES, EPERM: return "no permission to \(step) in \(folder); check its owner and mode"
            case ENOSPC, EDQUOT: return "the file system of \(folder) is full (\(step)); free some space"
            case EROFS: return "\(folder) is on a read-only file system; name a path elsewhere"
            case ENOTDIR: return "a part of \(folder) is not a folder; name another path"
            default: return "cannot \(step) \(path): \(SystemError.message(code))"
            }
        }
    }
}
