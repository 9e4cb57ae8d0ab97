/// Why the instance lock could not be taken.
public enum InstanceLockError: Error, Hashable, CustomStringConvertible {
    /// Another process holds the lock; `pid` is the one it wrote, when readable.
    case alreadyHeld(path: String, pid: Int32?)
    /// The lock file (or its folder) could not be created or opened.
    case cannotOpen(path: String, errno: Int32)
    /// `flock(2)` failed for another reason than contention (e.g. a file system without locks).
    case cannotLock(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .alreadyHeld(let path, let pid):
            "another process (\(pid.map { "PID \($0)" } ?? "PID unknown")) is already using this state directory: "
                + "it holds the lock \(path). Only one instance may run at a time; stop that process "
                + "(if it runs under systemd: systemctl stop ocop-watch.service, or wait for ocop-watch-sync.service "
                + "to finish) and try again"
        case .cannotOpen(let path, let code):
            "cannot open the lock file \(path): \(SystemError.message(code)); check that the state directory "
                + "exists and is writable by this user"
        case .cannotLock(let path, let code):
            "cannot lock \(path): \(SystemError.message(code)); put the state directory on a local file system"
        }
    }
}
