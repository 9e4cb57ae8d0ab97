import Testing

@testable import CurlFetch

@Suite("Body pool")
struct BodyPoolTests {
    @Test("Gives back empty buffers with their capacity, up to its limits")
    func keepsWithinLimits() {
        let pool = BodyPool(limit: 2, largestCapacity: 4_096)
        #expect(pool.take().capacity == 0)

        var body: [UInt8] = []
        body.reserveCapacity(1_000)
        body.append(contentsOf: [1, 2, 3])
        pool.giveBack(body)
        let taken = pool.take()
        #expect(taken.isEmpty)
        #expect(taken.capacity >= 1_000)
        #expect(pool.count == 0)

        for _ in 0..<3 { pool.giveBack(Array(repeating: 7, count: 100)) }
        #expect(pool.count == 2)
        pool.giveBack([])
        pool.giveBack(Array(repeating: 7, count: 10_000))
        #expect(pool.count == 2)
        pool.drain()
        #expect(pool.count == 0)
    }
}
