import OCOPCore

/// Stable hashing for deterministic jitter and placement.
///
/// Swift's `Hasher` is seeded per process, so it would move every listing at each restart;
/// FNV-1a over the UTF-8 bytes gives the same number on every run and every machine, and
/// SplitMix64's finaliser spreads it over all 64 bits.
enum ScheduleHash {
    static func of(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return mix(hash)
    }

    static func of(_ key: ListingKey) -> UInt64 {
        of(key.productID + "\u{0}" + key.url)
    }

    /// Combines a seed with a small number (an attempt, a round) into a new well-spread hash.
    static func combine(_ seed: UInt64, _ value: UInt64) -> UInt64 {
        mix(seed ^ (value &* 0x9e37_79b9_7f4a_7c15))
    }

    /// A number in `0..<1` taken from the top 53 bits.
    static func unitInterval(_ hash: UInt64) -> Double {
        Double(hash >> 11) / Double(1 << 53)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
