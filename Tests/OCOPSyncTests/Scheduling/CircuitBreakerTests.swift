import Foundation
import OCOPCore
import OCOPSync
import Testing

@Suite("CircuitBreaker")
struct CircuitBreakerTests {
    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)
    static let configuration = CircuitBreaker.Configuration(
        window: 20,
        threshold: 0.6,
        minimumSamples: 10,
        cooldown: Backoff(base: 600, cap: 4_800)
    )

    /// A breaker fed `statuses` one second apart from `start`.
    static func breaker(after statuses: [ListingStatus]) -> CircuitBreaker {
        var breaker = CircuitBreaker(configuration: configuration)
        for (index, status) in statuses.enumerated() {
            breaker.record(status, at: start.addingTimeInterval(Double(index)))
        }
        return breaker
    }

    static func mix(blocked: Int, of total: Int) -> [ListingStatus] {
        (0..<total).map { $0 < total - blocked ? .active : .blocked }
    }

    @Test("stays closed below the threshold or with too few samples")
    func staysClosed() {
        #expect(Self.breaker(after: Self.mix(blocked: 9, of: 9)).state == .closed)
        #expect(Self.breaker(after: Self.mix(blocked: 11, of: 20)).state == .closed)
        #expect(Self.breaker(after: Array(repeating: .unreachable, count: 20)).state == .closed)
    }

    @Test("opens when the blocked share of the last N reaches the threshold")
    func opens() {
        let breaker = Self.breaker(after: Self.mix(blocked: 12, of: 20))
        #expect(breaker.state == .open(until: Self.start.addingTimeInterval(19 + 600)))
        #expect(!breaker.allows(at: Self.start.addingTimeInterval(600)))
        #expect(Self.breaker(after: Self.mix(blocked: 6, of: 10)).state != .closed)
    }

    @Test("only the last N checks count: old blocks slide out of the window")
    func window() {
        let statuses = Array(repeating: ListingStatus.blocked, count: 5) + Self.mix(blocked: 7, of: 20)
        #expect(Self.breaker(after: statuses).state == .closed)
    }

    @Test("open → half-open probe → closed")
    func probeCloses() {
        var breaker = Self.breaker(after: Self.mix(blocked: 12, of: 20))
        let cooled = Self.start.addingTimeInterval(19 + 600)
        #expect(breaker.reserveProbe(at: cooled.addingTimeInterval(-1)) == false)
        #expect(breaker.admit(at: cooled.addingTimeInterval(-1)) == false)
        #expect(breaker.allows(at: cooled))
        #expect(breaker.allowance(at: cooled) == 1)

        #expect(breaker.admit(at: cooled) == true)
        #expect(breaker.state == .halfOpen)
        #expect(!breaker.allows(at: cooled))
        #expect(breaker.reserveProbe(at: cooled.addingTimeInterval(1)) == false)
        #expect(breaker.allowance(at: cooled) == 0)

        breaker.record(.active, at: cooled.addingTimeInterval(2))
        #expect(breaker.state == .closed)
        #expect(breaker.allowance(at: cooled) == nil)
        #expect(breaker.reserveProbe(at: cooled) == false)
        #expect(breaker.admit(at: cooled) == true)
        // Closing forgets the old window: it takes a fresh majority to open again.
        breaker.record(.blocked, at: cooled.addingTimeInterval(3))
        #expect(breaker.state == .closed)
    }

    @Test("a blocked probe re-opens with a doubled cooldown, up to the cap; closing resets it")
    func probeReopens() {
        var breaker = Self.breaker(after: Self.mix(blocked: 12, of: 20))
        var now = Self.start.addingTimeInterval(19)
        var cooldowns: [TimeInterval] = []
        for _ in 0..<5 {
            guard case .open(let until) = breaker.state else {
                Issue.record("expected open, got \(breaker.state)")
                return
            }
            cooldowns.append(until.timeIntervalSince(now))
            now = until
            #expect(breaker.reserveProbe(at: now) == true)
            breaker.record(.blocked, at: now)
        }
        #expect(cooldowns == [600, 1_200, 2_400, 4_800, 4_800])

        guard case .open(let until) = breaker.state else {
            Issue.record("the fifth failed probe left the breaker \(breaker.state), not open")
            return
        }
        #expect(breaker.reserveProbe(at: until) == true)
        breaker.record(.outOfStock, at: until)
        #expect(breaker.state == .closed)
        for index in 0..<10 {
            breaker.record(.blocked, at: until.addingTimeInterval(Double(index)))
        }
        #expect(breaker.state == .open(until: until.addingTimeInterval(9 + 600)))
    }

    @Test("an inconclusive probe frees the slot; a lost probe times out")
    func probeSlot() {
        var breaker = Self.breaker(after: Self.mix(blocked: 12, of: 20))
        let cooled = Self.start.addingTimeInterval(19 + 600)
        #expect(breaker.reserveProbe(at: cooled) == true)
        breaker.record(.unreachable, at: cooled.addingTimeInterval(30))
        #expect(breaker.state == .halfOpen)
        #expect(breaker.reserveProbe(at: cooled.addingTimeInterval(31)) == true)

        let timeout = Self.configuration.probeTimeout
        #expect(breaker.nextAllowed(at: cooled.addingTimeInterval(32)) == cooled.addingTimeInterval(31 + timeout))
        #expect(!breaker.allows(at: cooled.addingTimeInterval(30 + timeout)))
        #expect(breaker.allows(at: cooled.addingTimeInterval(31 + timeout)))
    }

    @Test("answers that arrive while open are ignored")
    func stragglers() {
        var breaker = Self.breaker(after: Self.mix(blocked: 12, of: 20))
        let state = breaker.state
        breaker.record(.active, at: Self.start.addingTimeInterval(30))
        #expect(breaker.state == state)
    }

    @Test("Codable round trip keeps the state, so a restart stays away")
    func codable() throws {
        var breaker = Self.breaker(after: Self.mix(blocked: 12, of: 20))
        #expect(breaker.reserveProbe(at: Self.start.addingTimeInterval(19 + 600)) == true)
        breaker.record(.blocked, at: Self.start.addingTimeInterval(700))

        for original in [breaker, Self.breaker(after: Self.mix(blocked: 3, of: 8))] {
            let data = try JSONEncoder().encode(original)
            var decoded = try JSONDecoder().decode(CircuitBreaker.self, from: data)
            decoded.configuration = Self.configuration
            #expect(decoded == original)
        }
    }
}
