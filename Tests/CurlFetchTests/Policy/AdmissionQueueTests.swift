import Testing

@testable import CurlFetch

@Suite("Admission: global and per-host limits and pacing, without sockets")
struct AdmissionQueueTests {
    let t0 = ContinuousClock.now
    let open = HostPolicy(maxConcurrentRequests: 10, minimumInterval: .zero)

    @Test("The global limit caps starts across hosts; a finish frees a slot")
    func globalLimit() {
        var queue = AdmissionQueue<Int>(maxConcurrency: 2)
        for id in 0..<4 {
            queue.enqueue(id, key: "host\(id)", policy: open)
        }
        #expect(queue.admit(now: t0).map(\.id) == [0, 1])
        #expect(queue.admit(now: t0).isEmpty)
        queue.finish(key: "host0")
        #expect(queue.admit(now: t0).map(\.id) == [2])
        #expect(queue.active == 2)
        #expect(queue.waitingCount == 1)
    }

    @Test("A host's concurrency limit holds while other hosts proceed in order")
    func perHostLimit() {
        var queue = AdmissionQueue<Int>(maxConcurrency: 10)
        let single = HostPolicy(maxConcurrentRequests: 1, minimumInterval: .zero)
        queue.enqueue(1, key: "tiki.vn", policy: single)
        queue.enqueue(2, key: "tiki.vn", policy: single)
        queue.enqueue(3, key: "shopee.vn", policy: open)
        queue.enqueue(4, key: "shopee.vn", policy: open)
        #expect(queue.admit(now: t0).map(\.id) == [1, 3, 4])
        queue.finish(key: "shopee.vn")
        #expect(queue.admit(now: t0).isEmpty)
        queue.finish(key: "tiki.vn")
        #expect(queue.admit(now: t0).map(\.id) == [2])
    }

    @Test("Starts to one host are minimumInterval apart; the wake-up time says when the next may go")
    func minimumInterval() {
        var queue = AdmissionQueue<Int>(maxConcurrency: 10)
        let paced = HostPolicy(maxConcurrentRequests: 5, minimumInterval: .seconds(2))
        for id in 0..<3 {
            queue.enqueue(id, key: "lazada.vn", policy: paced)
        }
        #expect(queue.admit(now: t0).map(\.id) == [0])
        #expect(queue.nextWakeup(now: t0) == t0 + .seconds(2))
        #expect(queue.admit(now: t0 + .milliseconds(1999)).isEmpty)
        #expect(queue.admit(now: t0 + .seconds(2)).map(\.id) == [1])
        #expect(queue.nextWakeup(now: t0 + .seconds(2)) == t0 + .seconds(4))
        #expect(queue.admit(now: t0 + .seconds(5)).map(\.id) == [2])
        #expect(queue.nextWakeup(now: t0 + .seconds(5)) == nil)
    }

    @Test("A host's budget is its latest request's: a Crawl-delay learnt after the first request paces the next")
    func policyFollowsLatestRequest() {
        var queue = AdmissionQueue<Int>(maxConcurrency: 10)
        queue.enqueue(0, key: "sendo.vn", policy: open)
        #expect(queue.admit(now: t0).map(\.id) == [0])
        queue.enqueue(1, key: "sendo.vn", policy: HostPolicy(maxConcurrentRequests: 10, minimumInterval: .seconds(5)))
        #expect(queue.admit(now: t0 + .seconds(1)).isEmpty, "paced from the first start by the new interval")
        #expect(queue.nextWakeup(now: t0 + .seconds(1)) == t0 + .seconds(5))
        #expect(queue.admit(now: t0 + .seconds(5)).map(\.id) == [1])
        // A request that carries no delay (the daily robots.txt read) does not undo it.
        queue.enqueue(2, key: "sendo.vn", policy: open)
        #expect(queue.admit(now: t0 + .seconds(6)).isEmpty)
        #expect(queue.admit(now: t0 + .seconds(10)).map(\.id) == [2])
    }

    @Test("A paced host does not hold up another host queued behind it")
    func noHeadOfLineBlocking() {
        var queue = AdmissionQueue<Int>(maxConcurrency: 10)
        let paced = HostPolicy(maxConcurrentRequests: 5, minimumInterval: .seconds(10))
        queue.enqueue(1, key: "a", policy: paced)
        queue.enqueue(2, key: "a", policy: paced)
        queue.enqueue(3, key: "b", policy: paced)
        #expect(queue.admit(now: t0).map(\.id) == [1, 3])
    }

    @Test("A pause (Retry-After) holds a host until it ends")
    func pause() {
        var queue = AdmissionQueue<Int>(maxConcurrency: 10)
        queue.pause(key: "sendo.vn", until: t0 + .seconds(30), policy: open)
        queue.enqueue(1, key: "sendo.vn", policy: open)
        queue.enqueue(2, key: "tiki.vn", policy: open)
        #expect(queue.admit(now: t0).map(\.id) == [2])
        #expect(queue.nextWakeup(now: t0) == t0 + .seconds(30))
        #expect(queue.admit(now: t0 + .seconds(30)).map(\.id) == [1])
    }

    @Test("A waiting entry can be removed; a started one cannot")
    func remove() {
        var queue = AdmissionQueue<Int>(maxConcurrency: 1)
        queue.enqueue(1, key: "a", policy: open)
        queue.enqueue(2, key: "a", policy: open)
        #expect(queue.admit(now: t0).map(\.id) == [1])
        let removedStarted = queue.remove(1)
        let removedWaiting = queue.remove(2)
        #expect(!removedStarted)
        #expect(removedWaiting)
        #expect(queue.waitingCount == 0)
        queue.finish(key: "a")
        #expect(queue.admit(now: t0).isEmpty)
    }

    @Test("Idle hosts are forgotten only once their interval has passed")
    func prune() {
        var queue = AdmissionQueue<Int>(maxConcurrency: 4)
        let paced = HostPolicy(maxConcurrentRequests: 1, minimumInterval: .seconds(1))
        queue.enqueue(1, key: "a", policy: paced)
        _ = queue.admit(now: t0)
        queue.finish(key: "a")
        queue.prune(now: t0 + .milliseconds(500))
        #expect(queue.trackedHostCount == 1)
        queue.enqueue(2, key: "a", policy: paced)
        #expect(queue.admit(now: t0 + .milliseconds(500)).isEmpty)
        #expect(queue.admit(now: t0 + .seconds(1)).map(\.id) == [2])
        queue.finish(key: "a")
        queue.prune(now: t0 + .seconds(3))
        #expect(queue.trackedHostCount == 0)
    }

    @Test("FIFO queue keeps order through compaction")
    func fifo() {
        var fifo = FIFOQueue<Int>()
        for value in 0..<200 { fifo.append(value) }
        var drained: [Int] = []
        for _ in 0..<150 { drained.append(fifo.removeFirst()!) }
        fifo.removeAll { $0 % 2 == 0 }
        while let value = fifo.removeFirst() { drained.append(value) }
        #expect(drained == Array(0..<150) + Array(stride(from: 151, to: 200, by: 2)))
        #expect(fifo.isEmpty)
    }
}
