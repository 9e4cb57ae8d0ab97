import Testing

@testable import OCOPSync

/// How many listings one task of a pass checks in a row (the end-to-end tests show that every
/// listing is still checked exactly once).
@Suite struct SyncPassRunLengthTests {
    @Test func longRunsWhileManyRemainShortOnesAtTheEnd() {
        let configuration = SyncPass.Configuration(window: 64, longestRun: 8)
        #expect(configuration.runLength(remaining: 100_000) == 8)
        #expect(configuration.runLength(remaining: 1_024) == 8)
        #expect(configuration.runLength(remaining: 640) == 5)
        #expect(configuration.runLength(remaining: 255) == 1)
        #expect(configuration.runLength(remaining: 1) == 1)
        // A count that turned out low (listings added since it was taken) still moves on.
        #expect(configuration.runLength(remaining: 0) == 1)
        #expect(configuration.runLength(remaining: -5) == 1)
        #expect(SyncPass.Configuration(window: 0).runLength(remaining: 10) == 5)
    }
}
