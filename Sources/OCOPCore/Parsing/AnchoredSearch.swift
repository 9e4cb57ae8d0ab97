/// The multi-pattern search behind ``ByteScanner/firstMatch(among:in:)``.
///
/// Each pattern is anchored on its rarest pair of adjacent bytes, judged by how often bytes occur
/// in HTML and JSON. The page is compared 16 positions at a time against every anchor pair with
/// SIMD (ASCII case is folded in the comparison by setting bit 0x20); only where an anchor occurs
/// are the patterns anchored there compared in full. Pages are mostly letters, spaces and `<">=`,
/// so pairs such as `_m`, `d+` or `5s` let almost all of a page pass at a few instructions per
/// 16 bytes.
struct AnchoredSearch: Sendable {
    private struct Pattern {
        var marker: Int
        var bytes: [UInt8]
        var anchorOffset: Int
        var ignoresCase: Bool
    }

    /// One anchor pair as compared: `(page[i] | fold.0) == value.0 && (page[i+1] | fold.1) == value.1`.
    private struct Anchor: Equatable {
        var value: (UInt8, UInt8)
        var fold: (UInt8, UInt8)

        static func == (lhs: Anchor, rhs: Anchor) -> Bool {
            lhs.value == rhs.value && lhs.fold == rhs.fold
        }
    }

    private var patterns: [Pattern] = []
    private var anchors: [Anchor] = []
    private typealias AnchorVectors = (
        first: SIMD16<UInt8>, second: SIMD16<UInt8>, foldFirst: SIMD16<UInt8>, foldSecond: SIMD16<UInt8>
    )

    private var vectors: [AnchorVectors] = []
    private var maximumAnchorOffset = 0
    private var shortestPattern = Int.max

    init(_ markers: [TextMarker]) {
        for (index, marker) in markers.enumerated() {
            add(marker: index, forms: marker.patterns, ignoresCase: marker.ignoresASCIICase)
        }
        prepareVectors()
    }

    /// The search for one marker's byte forms (``TextMarker`` keeps its own).
    init(forms: [[UInt8]], ignoresASCIICase: Bool) {
        add(marker: 0, forms: forms, ignoresCase: ignoresASCIICase)
        prepareVectors()
    }

    private mutating func add(marker: Int, forms: [[UInt8]], ignoresCase: Bool) {
        for bytes in forms {
            let offset = Self.anchorOffset(in: bytes, ignoringCase: ignoresCase)
            patterns.append(Pattern(marker: marker, bytes: bytes, anchorOffset: offset, ignoresCase: ignoresCase))
            maximumAnchorOffset = max(maximumAnchorOffset, offset)
            shortestPattern = min(shortestPattern, bytes.count)
            // A one-byte pattern has no second byte: folding every bit makes any byte match it.
            let second = offset + 1 < bytes.count ? bytes[offset + 1] : nil
            let anchor = Anchor(
                value: (Self.folded(bytes[offset], ignoresCase), second.map { Self.folded($0, ignoresCase) } ?? 0xFF),
                fold: (Self.foldBit(bytes[offset], ignoresCase), second.map { Self.foldBit($0, ignoresCase) } ?? 0xFF))
            if !anchors.contains(anchor) { anchors.append(anchor) }
        }
    }

    private mutating func prepareVectors() {
        vectors = anchors.map { anchor in
            (
                SIMD16(repeating: anchor.value.0), SIMD16(repeating: anchor.value.1), SIMD16(repeating: anchor.fold.0),
                SIMD16(repeating: anchor.fold.1)
            )
        }
    }

    /// The earliest match (by start) inside `bounds`: marker index and byte range.
    func firstMatch(in buffer: UnsafeBufferPointer<UInt8>, bounds: Range<Int>) -> (marker: Int, range: Range<Int>)? {
        guard let base = buffer.baseAddress else { return nil }
        var best: (marker: Int, range: Range<Int>)?
        let upper = bounds.upperBound
        // A match found through an anchor at `i` starts at most `maximumAnchorOffset` before `i`:
        // once the scan passes best.start + that offset, nothing earlier can turn up.
        var stop = Int.max
        func check(_ index: Int) {
            for pattern in patterns {
                let start = index - pattern.anchorOffset
                guard start >= bounds.lowerBound, start < best?.range.lowerBound ?? .max,
                    Self.matches(
                        pattern.bytes, at: start, in: buffer, upperBound: upper, ignoringCase: pattern.ignoresCase)
                else { continue }
                best = (pattern.marker, start..<(start + pattern.bytes.count))
                stop = start + maximumAnchorOffset
            }
        }
        let raw = UnsafeRawPointer(base)
        var position = bounds.lowerBound
        vectors.withUnsafeBufferPointer { vectors in
            // Most searches have one anchor: held in registers, not reloaded per block.
            let only = vectors.count == 1 ? vectors[0] : nil
            @inline(__always)
            func hits(at position: Int) -> SIMDMask<SIMD16<Int8>> {
                let first = raw.loadUnaligned(fromByteOffset: position, as: SIMD16<UInt8>.self)
                let second = raw.loadUnaligned(fromByteOffset: position &+ 1, as: SIMD16<UInt8>.self)
                if let only {
                    return ((first | only.foldFirst) .== only.first) .& ((second | only.foldSecond) .== only.second)
                }
                var hits = SIMDMask<SIMD16<Int8>>(repeating: false)
                for vector in vectors {
                    let firstMatches = (first | vector.foldFirst) .== vector.first
                    hits .|= firstMatches .& ((second | vector.foldSecond) .== vector.second)
                }
                return hits
            }
            // 32 positions per step while they fit (33 bytes read: each position and the byte
            // after it), then 16; the loop only tests for hits, which almost no block has.
            while position + 33 <= upper, position <= stop {
                let low = hits(at: position)
                let high = hits(at: position + 16)
                if Self.isAnySet(low .| high) {
                    for lane in 0..<16 where low[lane] { check(position + lane) }
                    for lane in 0..<16 where high[lane] { check(position + 16 + lane) }
                }
                position += 32
            }
            while position + 17 <= upper, position <= stop {
                let found = hits(at: position)
                if Self.isAnySet(found) {
                    for lane in 0..<16 where found[lane] { check(position + lane) }
                }
                position += 16
            }
        }
        while position < upper, position <= stop {
            check(position)
            position += 1
        }
        return best
    }

    /// Whether any lane of `mask` is set. Its lanes are all ones or all zeros, so the two halves
    /// OR-ed as words test all sixteen at once; `any(_:)` calls an out-of-line reduction, which
    /// cost as much as the comparisons themselves (docs/0012, seventh round).
    @inline(__always)
    private static func isAnySet(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let halves = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return halves[0] | halves[1] != 0
    }

    private static func matches(
        _ pattern: [UInt8],
        at position: Int,
        in buffer: UnsafeBufferPointer<UInt8>,
        upperBound: Int,
        ignoringCase: Bool
    ) -> Bool {
        guard position + pattern.count <= upperBound else { return false }
        var offset = 0
        while offset < pattern.count {
            let byte = buffer[position + offset]
            if (ignoringCase ? ByteScanner.asciiLowercased(byte) : byte) != pattern[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Bit 0x20 for a letter compared without case (`A|0x20 == a`), else nothing.
    private static func foldBit(_ byte: UInt8, _ ignoringCase: Bool) -> UInt8 {
        ignoringCase && byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? 0x20 : 0
    }

    private static func folded(_ byte: UInt8, _ ignoringCase: Bool) -> UInt8 {
        byte | foldBit(byte, ignoringCase)
    }

    /// The offset of the adjacent pair least likely to occur in a page (the first such pair). A
    /// one-byte pattern anchors on its only byte; its "second byte" compares as always equal
    /// (fold 0xFF, value 0xFF).
    private static func anchorOffset(in pattern: [UInt8], ignoringCase: Bool) -> Int {
        guard pattern.count > 1 else { return 0 }
        var bestOffset = 0
        var bestRank = Int.max
        for offset in 0..<(pattern.count - 1) {
            let rank = rarityRank(pattern[offset], ignoringCase) + rarityRank(pattern[offset + 1], ignoringCase)
            if rank < bestRank {
                (bestOffset, bestRank) = (offset, rank)
            }
        }
        return bestOffset
    }

    /// Lower is rarer in HTML and JSON.
    private static func rarityRank(_ byte: UInt8, _ ignoringCase: Bool) -> Int {
        switch byte {
        case UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "|"), UInt8(ascii: "!"), UInt8(ascii: "@"), UInt8(ascii: "#"),
            UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "^"), UInt8(ascii: "*"), UInt8(ascii: "~"),
            UInt8(ascii: "`"), UInt8(ascii: "\\"), UInt8(ascii: ";"):
            return 0
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "?"), UInt8(ascii: "'"):
            return 1
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return 2
        case UInt8(ascii: "-"), UInt8(ascii: ","), UInt8(ascii: "&"):
            return 3
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return ignoringCase ? rarityRank(byte | 0x20, true) : 4
        case UInt8(ascii: "q"), UInt8(ascii: "z"), UInt8(ascii: "x"), UInt8(ascii: "j"), UInt8(ascii: "k"),
            UInt8(ascii: "v"), UInt8(ascii: "w"), UInt8(ascii: "y"):
            return 5
        case 0x80...0xFF:
            return 6
        case UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"):
            return 7
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            return 8
        case UInt8(ascii: "="), UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return 9
        default:
            return 10
        }
    }
}
