import Foundation

/// Why a file could not be read or written, in words that say what to fix.
///
/// Foundation's own messages ("The operation could not be completed. (NSCocoaErrorDomain error
/// 512.)", "The file doesn't exist" for a missing folder) name neither the cause nor the path
/// at fault; an operator reading them over the phone needs both.
public enum FileAccessProblem {
    /// The likely cause for `path`, checked on the file system; `error`'s own text when nothing
    /// more precise is found.
    public static func explain(_ path: String, writing: Bool, error: any Error) -> String {
        guard !path.isEmpty else { return "the path is empty; name a file" }
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return "\(path) is a folder; name a file"
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !manager.fileExists(atPath: folder) {
            return "the folder \(folder) does not exist"
        }
        if writing, !manager.isWritableFile(atPath: folder) {
            return "no permission to write in \(folder)"
        }
        if !writing, manager.fileExists(atPath: path), !manager.isReadableFile(atPath: path) {
            return "no permission to read \(path)"
        }
        if !writing, !manager.fileExists(atPath: path) {
            return "\(path) does not exist"
        }
        let failure = error as NSError
        return failure.localizedFailureReason ?? failure.localizedDescription
    }
}
