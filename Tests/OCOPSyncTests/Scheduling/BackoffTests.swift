import Foundation
import OCOPSync
import Testing

@Suite("Backoff")
struct BackoffTests {
    @Test("without jitter: base, doubling, then the cap")
    func growthAndCap() {
        let backoff = Backoff(base: 300, cap: 3_000)
        #expect((0...6).map { backoff.delay(attempt: $0) } == [0, 300, 600, 1_200, 2_400, 3_000, 3_000])
        #expect(backoff.delay(attempt: 10_000) == 3_000)
    }

    @Test("jitter only shortens, is deterministic, and differs between seeds")
    func jitter() {
        let backoff = Backoff(base: 300, cap: 86_400, jitter: 0.2)
        for attempt in 1...20 {
            let plain = Backoff(base: 300, cap: 86_400).delay(attempt: attempt)
            let jittered = backoff.delay(attempt: attempt, seed: 42)
            #expect(jittered <= plain && jittered >= plain * 0.8)
            #expect(jittered == backoff.delay(attempt: attempt, seed: 42))
        }
        let seeds = Set((0..<50).map { backoff.delay(attempt: 3, seed: UInt64($0)) })
        #expect(seeds.count > 40)
    }

    @Test("a cap below the base is raised to the base")
    func capBelowBase() {
        #expect(Backoff(base: 60, cap: 10).delay(attempt: 5) == 60)
    }
}
