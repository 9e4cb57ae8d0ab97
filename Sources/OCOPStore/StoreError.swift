/// Why the store could not do what was asked, where, and what the operator can do about it.
///
/// The ``description`` is a single log line an operator can act on, e.g.
/// `/var/lib/ocop-watch/ocop-watch.sqlite: the database is locked by another process; stop the
/// other ocop-watch (systemctl stop ocop-watch) or wait for it to finish`.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure, for code that reacts differently to each.
    public enum Code: Sendable, Hashable {
        /// The database file or its folder cannot be opened or created.
        case cannotOpen
        /// The file, its folder or the file system is read-only for this user.
        case readOnly
        /// No space left on the device.
        case diskFull
        /// Another process (or connection) holds the write lock longer than the busy timeout.
        case locked
        /// The database was migrated by a newer version of the program.
        case newerSchema
        /// The file is not an SQLite database, or is damaged.
        case corrupt
        /// A pass id the store never issued.
        case unknownPass
        /// Observations or a second finish for a pass that already finished.
        case passFinished
        /// A catalog with duplicate ids or dangling references, refused before any write.
        case invalidCatalog
        /// Any other database failure.
        case failed
    }

    public var code: Code
    /// The database file, or `nil` for the in-memory store.
    public var path: String?
    /// What went wrong.
    public var message: String
    /// What the operator should do next.
    public var nextStep: String

    public init(_ code: Code, path: String?, message: String, nextStep: String) {
        self.code = code
        self.path = path
        self.message = message
        self.nextStep = nextStep
    }

    public var description: String {
        "\(path ?? "memory store"): \(message); \(nextStep)"
    }
}

extension StoreError {
    static func unknownPass(_ id: PassID, path: String?) -> Self {
        StoreError(
            .unknownPass,
            path: path,
            message: "\(id) was never begun in this database",
            nextStep: "call beginPass and use the id it returns"
        )
    }

    static func passFinished(_ id: PassID, path: String?) -> Self {
        StoreError(
            .passFinished,
            path: path,
            message: "\(id) has already finished",
            nextStep: "begin a new pass for further observations"
        )
    }

    /// A record of ``ObservationStore/updateStates(namespace:saving:removing:)`` that could not be
    /// made: nothing of the update is saved.
    static func recordNotMade(_ error: any Error, path: String?) -> Self {
        StoreError(
            .failed,
            path: path,
            message: "a record to save could not be made, so nothing was saved: \(error)",
            nextStep: "report it with the log above"
        )
    }

    /// A value of ``ObservationStore/loadStates(namespace:reading:)`` that its reader could not
    /// make: nothing is returned.
    static func stateUnreadable(_ error: any Error, namespace: String, path: String?) -> Self {
        StoreError(
            .failed,
            path: path,
            message: "a value saved in '\(namespace)' cannot be read: \(error)",
            nextStep: "it was written by another version or damaged; report it with the log above"
        )
    }

    static func invalidCatalog(_ problem: String, path: String?) -> Self {
        StoreError(
            .invalidCatalog,
            path: path,
            message: "the catalog was not imported: \(problem)",
            nextStep: "validate it with the catalog parser and correct the files"
        )
    }
}
