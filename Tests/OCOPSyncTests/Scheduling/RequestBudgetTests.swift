import Foundation
import OCOPSync
import Testing

@Suite("RequestBudget")
struct RequestBudgetTests {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)

    @Test("starts full at the burst and empties as requests go")
    func burst() {
        var budget = RequestBudget(requestsPerHour: 1_200)
        #expect(budget.burst == 20)
        #expect(budget.available(at: Self.start) == 20)
        for _ in 0..<20 {
            #expect(budget.consume(at: Self.start) == true)
        }
        #expect(budget.consume(at: Self.start) == false)
        #expect(budget.available(at: Self.start) == 0)
    }

    @Test("refills at the hourly rate, never above the burst")
    func refill() {
        var budget = RequestBudget(requestsPerHour: 360, burst: 10)
        #expect(budget.consume(10, at: Self.start) == true)
        // 360 per hour is one every 10 s.
        #expect(budget.available(at: Self.start.addingTimeInterval(9)) == 0)
        #expect(budget.available(at: Self.start.addingTimeInterval(10)) == 1)
        #expect(budget.available(at: Self.start.addingTimeInterval(55)) == 5)
        #expect(budget.available(at: Self.start.addingTimeInterval(3_600)) == 10)
        #expect(budget.nextAvailable(at: Self.start.addingTimeInterval(4)) == Self.start.addingTimeInterval(10))
        #expect(budget.nextAvailable(at: Self.start.addingTimeInterval(10)) == Self.start.addingTimeInterval(10))
    }

    @Test("over an hour, no more than the rate plus the burst goes out")
    func hourlyVolume() {
        var budget = RequestBudget(requestsPerHour: 120, burst: 5)
        var sent = 0
        for second in 0...3_600 where budget.consume(at: Self.start.addingTimeInterval(Double(second))) {
            sent += 1
        }
        // The burst plus one hour's refill, give or take the last token's rounding.
        #expect(sent <= 125 && sent >= 124)
    }

    @Test("consume is all or nothing")
    func allOrNothing() {
        var budget = RequestBudget(requestsPerHour: 60, burst: 3)
        #expect(budget.consume(4, at: Self.start) == false)
        #expect(budget.available(at: Self.start) == 3)
    }

    @Test("a zero rate stops traffic once the bucket is empty")
    func zeroRate() {
        var budget = RequestBudget(requestsPerHour: 0, burst: 1)
        #expect(budget.consume(at: Self.start) == true)
        #expect(budget.nextAvailable(at: Self.start.addingTimeInterval(86_400)) == nil)
    }

    @Test("a clock stepping backwards refills nothing")
    func clockBackwards() {
        var budget = RequestBudget(requestsPerHour: 3_600, burst: 10)
        #expect(budget.consume(10, at: Self.start) == true)
        #expect(budget.available(at: Self.start.addingTimeInterval(-600)) == 0)
        #expect(budget.consume(at: Self.start.addingTimeInterval(-600)) == false)
        #expect(budget.available(at: Self.start.addingTimeInterval(3)) == 3)
    }

    @Test("Codable round trip keeps the level; a lower burst after reload clamps it")
    func codable() throws {
        var budget = RequestBudget(requestsPerHour: 600, burst: 10)
        #expect(budget.consume(4, at: Self.start) == true)
        var decoded = try JSONDecoder().decode(RequestBudget.self, from: try JSONEncoder().encode(budget))
        #expect(decoded == budget)
        #expect(decoded.available(at: Self.start) == 6)
        decoded.burst = 2
        #expect(decoded.available(at: Self.start) == 2)
    }
}
