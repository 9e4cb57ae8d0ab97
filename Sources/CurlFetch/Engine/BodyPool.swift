import Synchronization

/// Response bodies handed back once read, for later transfers to fill.
///
/// A body is allocated on the loop thread and freed by the task that read it. glibc serves a free
/// from another thread under the lock of the heap the block came from, a lock the loop thread
/// takes for each of libcurl's own allocations: profiles of a pass showed the check tasks waiting
/// on it (futex) to free 130 KB pages, and the loop thread waiting in turn (docs/0012, sixth
/// round). A body that comes back here is emptied and kept, capacity and all, so neither thread
/// allocates or frees one while a pass runs.
///
/// Bounded by count and by the capacity of each buffer, so that one feed of 50 MB or a burst of
/// bodies is freed as before rather than held; everything kept goes when the engine stops.
final class BodyPool: Sendable {
    /// How many buffers are kept at most.
    let limit: Int
    /// Enough to even out when bodies come back and when transfers start; one per transfer in
    /// flight (64) held 9 MB more through a 100,000-listing pass for no CPU measured (docs/0012).
    static let defaultLimit = 16
    /// A buffer with more capacity than this is freed rather than kept.
    let largestCapacity: Int
    private let buffers = Mutex<[[UInt8]]>([])

    init(limit: Int, largestCapacity: Int = 2 << 20) {
        self.limit = max(0, limit)
        self.largestCapacity = largestCapacity
    }

    /// An empty buffer, with the capacity a previous body left, or a new empty one.
    func take() -> [UInt8] {
        buffers.withLock { $0.popLast() } ?? []
    }

    /// Keeps `body`'s storage for a later transfer, unless the pool is full or the storage too
    /// large. Emptying a body someone else still holds allocates a new buffer of the same
    /// capacity instead, no worse than the next transfer allocating one.
    func giveBack(_ body: consuming [UInt8]) {
        var buffer = body
        guard buffer.capacity > 0, buffer.capacity <= largestCapacity else { return }
        buffer.removeAll(keepingCapacity: true)
        buffers.withLock { buffers in
            if buffers.count < limit { buffers.append(buffer) }
        }
    }

    /// Frees every kept buffer.
    func drain() {
        buffers.withLock { $0.removeAll() }
    }

    var count: Int { buffers.withLock { $0.count } }
}
