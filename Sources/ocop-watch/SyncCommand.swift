import ArgumentParser
import Foundation
import OCOPSync

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Check listings: one pass with --once, or run as the daemon.",
        discussion: """
            With --once: imports the catalog files named in the config (a no-op when unchanged), checks every \
            listing once, stores the observations, evaluates alerts, writes the HTML report and prints the \
            coverage summary. Exit status 0 when the pass ran. Ctrl-C or SIGTERM stops it: what was checked \
            is saved, the pass is stored as interrupted and coverage is not recomputed, then the process ends \
            by that signal (a shell's status 130 for Ctrl-C); a second Ctrl-C ends it at once.

            Without --once: runs as a long-lived daemon (systemd Type=notify): each listing is re-checked on \
            its marketplace's interval; SIGHUP reloads the config and catalog and reopens log files; SIGTERM \
            finishes in-flight checks and exits.

            Examples:
              ocop-watch sync --once --config /etc/ocop-watch/config.yaml
              OCOP_WATCH_CONFIG=Config/demo.yaml ocop-watch sync --once
              ocop-watch sync            # as systemd runs it
            """
    )

    @OptionGroup var options: GlobalOptions

    @Flag(name: .long, help: "Run one pass over every listing and exit.")
    var once = false

    func run() async throws {
        let context = try options.context(command: once ? "sync-once" : "daemon")
        if once {
            let pass = Task { try await context.syncOnce() }
            let interruption = Interruption(cancelling: pass)
            defer { interruption.end() }
            do {
                print(try await pass.value.summary)
                if interruption.wasReceived {
                    // It came once every listing was checked: publishing went on to its end.
                    FileHandle.standardError.write(Data("interrupted once the pass was complete: its results are published\n".utf8))
                    interruption.exitBySignal()
                }
            } catch let error as PassInterrupted {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                interruption.exitBySignal()
            } catch  where pass.isCancelled {
                // Whatever the store or the import threw once cancelled: interrupted before the
                // pass began. The catalog import is one transaction, stored whole or not at all.
                FileHandle.standardError.write(
                    Data("interrupted before the pass began: nothing was checked; a catalog import is stored whole or not at all\n".utf8))
                interruption.exitBySignal()
            }
        } else {
            try await context.runDaemon()
        }
    }
}
