import Foundation
import SystemdKit

/// What identifies the catalog files as last imported: each file's path, size, modification
/// time and inode, in the order given.
///
/// Cheap to take (one `stat` per file, no read, no user lookup: `FileStatus`), so `sync --once`
/// and the daemon can tell an unchanged catalog without parsing it. A file rewritten in place
/// keeps its inode but not its modification time; a file replaced by a rename changes inode. It
/// is `nil` when a file cannot be read, so the caller parses and reports the real error.
struct CatalogFingerprint: Hashable, Sendable {
    /// Where ``data`` is kept with `saveState(namespace:key:data:)`.
    static let namespace = "catalog"
    static let key = "fingerprint"

    /// The serialised form kept in the store: one line per file.
    let data: Data

    init?(files: [String]) {
        var lines: [String] = []
        for file in files {
            let path = URL(fileURLWithPath: file).standardizedFileURL.path
            guard let status = FileStatus(path: path) else { return nil }
            let modified = String(format: "%ld.%09ld", status.modifiedSeconds, status.modifiedNanoseconds)
            lines.append("\(path)\t\(status.size)\t\(modified)\t\(status.inode)")
        }
        data = Data(lines.joined(separator: "\n").utf8)
    }
}
