import OCOPCore
import Synchronization

/// The daemon loop's mailbox: signal handlers and finished checks post, the loop alone waits.
///
/// The loop must react to whichever comes first (a check finishing, SIGHUP, SIGTERM, or the time
/// at which something falls due) without ever blocking on one of them, so that it keeps pinging
/// the watchdog and never drops a result. Events are queued in order; ``next(timeout:)`` returns
/// the oldest, or `nil` once the timeout passes with none.
final class DaemonInbox: Sendable {
    /// Something the loop has to handle.
    enum Event: Sendable {
        /// SIGTERM/SIGINT (graceful shutdown of the service group): stop taking new work.
        case stop
        /// SIGHUP: reload the config and catalog, reopen log files.
        case reload
        /// One check task of `marketplace` finished, made with the engine of that generation; a
        /// feed's `read` finishes many listings with one request. Checks cut short by shutdown
        /// are included (reason `cancelled`), so the loop can count what is still in flight.
        case checked([Observation], marketplace: MarketplaceID, engine: Int, read: Bool)
    }

    private struct State {
        var events: [Event] = []
        var head = 0
        var waiter: CheckedContinuation<Event?, Never>?
        var waiterTicket: UInt64 = 0
        var lastTicket: UInt64 = 0
        var expiredTicket: UInt64 = 0

        mutating func popFirst() -> Event? {
            guard head < events.count else { return nil }
            let event = events[head]
            head += 1
            if head > 64, head * 2 > events.count {
                events.removeFirst(head)
                head = 0
            }
            return event
        }
    }

    private let state = Mutex(State())

    /// Queues `event`, waking the loop if it waits.
    func post(_ event: Event) {
        let waiter: CheckedContinuation<Event?, Never>? = state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.events.append(event)
            return nil
        }
        waiter?.resume(returning: event)
    }

    /// The oldest queued event, waiting at most `timeout` for one; `nil` when none came in time.
    /// Only one task may wait at a time (the loop).
    ///
    /// Cancellation does not end a wait early: a cancelled loop still has to collect the results
    /// of the checks in flight, and without a wait it would spin. The loop checks for
    /// cancellation after each wait instead; its waits are bounded by `daemon.tick`.
    func next(timeout: Duration) async -> Event? {
        let (queued, ticket): (Event?, UInt64) = state.withLock { state in
            if let event = state.popFirst() { return (event, 0) }
            state.lastTicket &+= 1
            return (nil, state.lastTicket)
        }
        if let queued { return queued }
        guard timeout > .zero else { return nil }
        let timer = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self.expire(ticket)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { (continuation: CheckedContinuation<Event?, Never>) in
            let outcome: Event?? = state.withLock { state in
                if let event = state.popFirst() { return .some(event) }
                if state.expiredTicket >= ticket { return .some(nil) }
                state.waiter = continuation
                state.waiterTicket = ticket
                return nil
            }
            if let outcome { continuation.resume(returning: outcome) }
        }
    }

    /// Ends the wait identified by `ticket` with `nil`, or marks it expired if it has not begun.
    /// Tickets only grow, so a late call for an older wait cannot expire a newer one.
    private func expire(_ ticket: UInt64) {
        let waiter: CheckedContinuation<Event?, Never>? = state.withLock { state in
            state.expiredTicket = max(state.expiredTicket, ticket)
            guard state.waiterTicket == ticket, let waiter = state.waiter else { return nil }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: nil)
    }
}
