internal import CCurlShim

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Starts the detached OS thread that runs the fetch loop.
///
/// A plain pthread rather than a task: `curl_multi_poll` blocks, and blocking a thread of the
/// cooperative pool would starve every other task in the process.
enum LoopThread {
    private final class Body {
        let name: String
        let run: @Sendable () -> Void
        init(name: String, _ run: @escaping @Sendable () -> Void) {
            self.name = name
            self.run = run
        }
    }

    /// Returns false when the thread could not be created.
    /// The name (15 characters at most) shows in `top -H` and `ps -L`.
    static func start(name: String, _ run: @escaping @Sendable () -> Void) -> Bool {
        let body = Unmanaged.passRetained(Body(name: name, run)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { argument in
                guard let argument else { return nil }
                let body = Unmanaged<Body>.fromOpaque(argument).takeRetainedValue()
                ocw_set_thread_name(body.name)
                body.run()
                return nil
            }, body)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(body).release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}
