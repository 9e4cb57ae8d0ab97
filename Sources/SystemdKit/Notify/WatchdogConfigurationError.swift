/// A watchdog variable systemd (or a person) set to something unreadable.
public enum WatchdogConfigurationError: Error, Hashable, CustomStringConvertible {
    case invalidValue(variable: String, value: String)

    public var description: String {
        switch self {
        case .invalidValue(let variable, let value):
            "\(variable)=\(value) is not a positive integer; systemd sets it from WatchdogSec= in the unit, "
                + "so check that setting (or unset the variable when running by hand)"
        }
    }
}
