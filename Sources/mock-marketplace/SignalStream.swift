import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Delivers POSIX signals as an async sequence, through Dispatch signal sources.
///
/// The caller sets the signals' disposition to `SIG_IGN` first, so that the default action
/// (terminating the process) does not win the race with the source.
enum SignalStream {
    static func trapping(_ signals: [Int32]) -> AsyncStream<Int32> {
        AsyncStream { continuation in
            let queue = DispatchQueue(label: "mock-marketplace.signals")
            let sources = Sources(
                signals.map { signal in
                    let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
                    source.setEventHandler { continuation.yield(signal) }
                    source.resume()
                    return source
                }
            )
            continuation.onTermination = { _ in sources.cancel() }
        }
    }

    /// Keeps the sources alive until the stream ends.
    ///
    /// `@unchecked Sendable`: the array is never mutated after creation, and `DispatchSource.cancel()`
    /// may be called from any thread.
    private final class Sources: @unchecked Sendable {
        private let sources: [any DispatchSourceSignal]

        init(_ sources: [any DispatchSourceSignal]) { self.sources = sources }

        func cancel() {
            for source in sources { source.cancel() }
        }
    }
}
