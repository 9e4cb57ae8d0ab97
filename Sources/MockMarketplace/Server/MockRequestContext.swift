import Hummingbird
import NIOCore

/// The request context of the mock's router: the basic context plus the connection, which the
/// `reset` and `stall` faults act on.
struct MockRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
