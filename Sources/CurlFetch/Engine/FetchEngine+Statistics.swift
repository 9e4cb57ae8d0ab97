extension FetchEngine {
    /// Running totals since the engine started, for metrics and the end-of-pass log line.
    public struct Statistics: Sendable, Hashable {
        /// `fetch` calls.
        public var requests = 0
        /// Transfers handed to libcurl: one per attempt and per redirect hop.
        public var transfers = 0
        /// Attempts that were repeats of a failed one.
        public var retries = 0
        /// Redirects followed.
        public var redirects = 0
        /// TCP connections opened; far below `transfers` when keep-alive and HTTP/2 work.
        public var newConnections = 0
        /// Decoded body bytes received.
        public var bytesReceived = 0
        /// Fetches answered 304 Not Modified.
        public var notModified = 0
        /// Fetches that ended in a `FetchError`.
        public var failures = 0

        public init() {}
    }
}
