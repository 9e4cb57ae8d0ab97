import Foundation

/// The alert file that lines waiting in the store (`alerts.undelivered`) are for, as their key
/// names it: `log:` or `digest:` and the file's path.
///
/// The role decides where the lines go once the config names other files; a path alone cannot
/// say it, since an alert log may be called `alerts-2025.jsonl`. Keys stored before roles were
/// written (a bare path) are read by their name: with digests on, `alerts-….jsonl`, other than
/// the alert log's, was a district digest; with digests off, every one was the alert log, since
/// dropping an alert log's lines would lose them, while a digest's are copies.
struct WaitingAlertFile: Equatable {
    var path: String
    var isDigest: Bool

    init(path: String, isDigest: Bool) {
        self.path = path
        self.isDigest = isDigest
    }

    init(key: String, alertLog: String, digestsOn: Bool) {
        if key.hasPrefix(Self.digestPrefix) {
            self.init(path: String(key.dropFirst(Self.digestPrefix.count)), isDigest: true)
        } else if key.hasPrefix(Self.logPrefix) {
            self.init(path: String(key.dropFirst(Self.logPrefix.count)), isDigest: false)
        } else {
            let name = URL(fileURLWithPath: key).lastPathComponent
            let isDigest =
                digestsOn && key != alertLog && name != URL(fileURLWithPath: alertLog).lastPathComponent
                && name.hasPrefix("alerts-") && name.hasSuffix(".jsonl")
            self.init(path: key, isDigest: isDigest)
        }
    }

    var key: String { (isDigest ? Self.digestPrefix : Self.logPrefix) + path }

    private static let digestPrefix = "digest:"
    private static let logPrefix = "log:"
}
