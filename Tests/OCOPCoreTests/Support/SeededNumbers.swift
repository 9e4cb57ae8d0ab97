/// Numbers drawn from a seed by a 64-bit linear congruential generator: generated test data is
/// the same on every run, so a failing seed reproduces its failure.
struct SeededNumbers {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 raw bits.
    mutating func nextBits() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state
    }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        Int((nextBits() >> 33) % UInt64(bound))
    }
}
