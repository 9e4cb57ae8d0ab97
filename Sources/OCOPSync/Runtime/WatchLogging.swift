import Foundation
import Logging
import OCOPConfig
import SystemdKit

/// Bootstraps swift-log once per process: journald-friendly on systemd, readable on a terminal.
enum WatchLogging {
    private static let once: Void = {
        LoggingSystem.bootstrap { label in
            var handler = JournalStream.standardErrorHandler(label: label, metadataProvider: nil)
            handler.logLevel = .info
            return handler
        }
    }()

    static func bootstrap() {
        _ = once
    }
}
