/// Why a log file could not be opened or written; each case names the path involved.
public enum LogFileError: Error, Hashable, CustomStringConvertible {
    /// A folder on the way to the log file is missing and could not be created.
    case cannotCreateDirectory(path: String, errno: Int32)
    /// The log file could not be opened for appending.
    case cannotOpen(path: String, errno: Int32)
    /// A record could not be written (disk full, file system gone read-only …).
    case writeFailed(path: String, errno: Int32)

    /// The path the error is about.
    public var path: String {
        switch self {
        case .cannotCreateDirectory(let path, _), .cannotOpen(let path, _), .writeFailed(let path, _): path
        }
    }

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let code):
            "cannot create log folder \(path): \(SystemError.message(code)); create it and make it writable "
                + "by the service user (the unit's LogsDirectory= does this), or set paths.logs_dir in the config"
        case .cannotOpen(let path, let code):
            "cannot open log file \(path) for appending: \(SystemError.message(code)); check that its folder "
                + "is writable by the service user, or set a different path in the config"
        case .writeFailed(let path, let code):
            "cannot write to log file \(path): \(SystemError.message(code)); check free space on its file system"
        }
    }
}
