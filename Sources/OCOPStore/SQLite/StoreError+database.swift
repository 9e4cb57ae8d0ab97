import Foundation
import GRDB

extension StoreError {
    /// Translates a GRDB or SQLite failure into what an operator can act on.
    init(_ error: any Error, path: String) {
        if let error = error as? StoreError {
            self = error
            return
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard let error = error as? DatabaseError else {
            self.init(
                .failed,
                path: path,
                message: "\(error)",
                nextStep: "see the log above; report it if it happens again"
            )
            return
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self.init(
                .locked,
                path: path,
                message: "the database is locked by another process",
                nextStep: "stop the other ocop-watch (systemctl stop ocop-watch) or wait for it to finish, then retry"
            )
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            self.init(
                .readOnly,
                path: path,
                message: "the database cannot be written (the file, its folder or the file system is read-only)",
                nextStep: "let the service user write \(path) and \(folder), or remount the file system read-write"
            )
        case .SQLITE_FULL,
            .SQLITE_IOERR where Self.isAlmostFull(folder):
            self.init(
                .diskFull,
                path: path,
                message: "the disk is full",
                nextStep: "free space on the file system that holds \(folder) (df -h \(folder))"
            )
        case .SQLITE_CANTOPEN where Self.isFolder(path):
            self.init(
                .cannotOpen,
                path: path,
                message: "the database path is a folder",
                nextStep: "set paths.database to a file name (the default is ocop-watch.sqlite in paths.state_dir)"
            )
        case .SQLITE_CANTOPEN:
            self.init(
                .cannotOpen,
                path: path,
                message: "the database file cannot be opened or created",
                nextStep: "check that \(folder) exists and that the service user may write to it"
            )
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            self.init(
                .corrupt,
                path: path,
                message: "the file is not an SQLite database or is damaged (\(error.message ?? "no detail"))",
                nextStep: "move it aside and restore the latest backup, or start afresh and import the catalog again"
            )
        default:
            self.init(
                .failed,
                path: path,
                message: "the database reported: \(error.message ?? "\(error.resultCode)")",
                nextStep: "check the disk (dmesg) and free space; report it if it happens again"
            )
        }
    }

    /// Whether the file system holding `folder` is (nearly) out of room for this user. SQLite
    /// reports most out-of-space failures in WAL mode (growing the `-shm` index, checkpoints) as
    /// a plain I/O error rather than `SQLITE_FULL`, so the free space decides what to tell the operator.
    static func isAlmostFull(_ folder: String) -> Bool {
        var stats = statvfs()
        guard statvfs(folder, &stats) == 0 else { return false }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 8 << 20
    }

    private static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
