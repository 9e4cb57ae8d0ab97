import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Ctrl-C (SIGINT) and SIGTERM cancel a task instead of ending the process, so that
/// `sync --once` commits what it checked and closes its pass as interrupted; a second signal
/// ends the process at once, for an operator who will not wait.
final class Interruption {
    /// The first signal received, set from the signal sources' queue.
    private final class Received: Sendable {
        let signal = Mutex<Int32?>(nil)
    }

    private let sources: [any DispatchSourceSignal]
    private let received = Received()

    init<Success, Failure>(cancelling task: Task<Success, Failure>) {
        let received = received
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if task.isCancelled { Self.end(by: number) }
                received.signal.withLock { $0 = $0 ?? number }
                task.cancel()
            }
            source.resume()
            return source
        }
    }

    /// Whether a signal came, whatever the task made of it.
    var wasReceived: Bool { received.signal.withLock { $0 } != nil }

    /// Gives the signals their default action back.
    func end() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    /// Ends the process by the signal that interrupted it, once the work is saved, as if the
    /// signal had ended it at once: a shell then stops the script that ran us (status 130 for
    /// Ctrl-C), and systemd reads the stop as its units say (`SuccessExitStatus=SIGTERM` in the
    /// oneshot unit).
    func exitBySignal() -> Never {
        let number = received.signal.withLock { $0 } ?? SIGINT
        end()
        Self.end(by: number)
    }

    /// Ends the process by `number` with its default action. Dispatch's threads, this one
    /// perhaps, block the signals its sources watch: unblocked here, or `raise` would leave it
    /// pending.
    private static func end(by number: Int32) -> Never {
        signal(number, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        exit(128 + number)
    }
}
