import Logging
import OCOPConfig

/// The version reported by `--version` and in the User-Agent.
public enum WatchVersion {
    public static let current = "0.1.0"
}
