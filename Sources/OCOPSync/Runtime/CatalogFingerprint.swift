import Foundation

/// What identifies the catalog files as last imported: each file's path, size, modification
/// time and inode, in the order given.
///
/// Cheap to take (one `stat` per file, no read), so `sync --once` and the daemon can tell an
/// unchanged catalog without parsing it. A file rewritten in place keeps its inode but not its
/// modification time; a file replaced by a rename changes inode. It is `nil` when a file cannot be
/// read, so the caller parses and reports the real error.
struct CatalogFingerprint: Hashable, Sendable {
    /// Where ``data`` is kept with `saveState(namespace:key:data:)`.
    static let namespace = "catalog"
    static let key = "fingerprint"

    /// The serialised form kept in the store: one line per file.
    let data: Data

    init?(files: [String], fileManager: FileManager = .default) {
        var lines: [String] = []
        for file in files {
            let path = URL(fileURLWithPath: file).standardizedFileURL.path
            guard let attributes = try? fileManager.attributesOfItem(atPath: path),
                let size = attributes[.size] as? NSNumber,
                let modified = attributes[.modificationDate] as? Date
            else { return nil }
            let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
            lines.append("\(path)\t\(size.uint64Value)\t\(modified.timeIntervalSince1970)\t\(inode)")
        }
        data = Data(lines.joined(separator: "\n").utf8)
    }
}
