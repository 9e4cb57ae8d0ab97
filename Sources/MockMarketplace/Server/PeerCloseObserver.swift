import NIOCore
import Synchronization

/// Notices when the client closes its side of a connection.
///
/// Hummingbird allows half-closed connections, so a client that gives up on a stalled response
/// leaves the channel open and active; only the `inputClosed` event tells. A stall fault polls
/// this to end as soon as nobody is listening instead of holding the connection to its limit.
final class PeerCloseObserver: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    /// Set once the peer has closed its side or the channel is gone.
    final class Signal: Sendable {
        private let closed = Atomic<Bool>(false)

        var isClosed: Bool { closed.load(ordering: .acquiring) }

        func markClosed() { closed.store(true, ordering: .releasing) }
    }

    let signal = Signal()

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event as? ChannelEvent == .inputClosed { signal.markClosed() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        signal.markClosed()
        context.fireChannelInactive()
    }

    /// The signal of the observer installed on `channel`, or `nil` when there is none (router tests).
    static func signal(of channel: any Channel) async -> Signal? {
        try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: PeerCloseObserver.self).signal
        }.get()
    }
}
