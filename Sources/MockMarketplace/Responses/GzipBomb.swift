/// A gzip member that inflates to a run of zero bytes, written without a compressor.
///
/// The body is one dynamic-Huffman DEFLATE block (RFC 1951 §3.2.7) whose codes know only three
/// literal/length symbols (literal 0, end of block, length 258) and one distance (1): after a
/// single literal zero, every further 258 zero bytes cost two bits, DEFLATE's best ratio of about
/// 1:1030 (1 GiB in 1 MB). The trailer needs the CRC-32 of the inflated data, which for zeros is
/// computed in O(log n) by polynomial arithmetic (the `x2nmodp` method of zlib's `crc32_combine`)
/// instead of hashing a gigabyte.
public enum GzipBomb {
    /// The complete gzip member (RFC 1952) for `inflatedBytes` zero bytes.
    public static func body(inflatedBytes: Int) -> [UInt8] {
        precondition(inflatedBytes >= 0, "inflatedBytes must not be negative")
        var writer = BitWriter()
        writer.reserve(bytes: inflatedBytes / 258 / 4 + 64)
        writeHeader(into: &writer)
        if inflatedBytes > 0 {
            writer.writeHuffman(literalZero)
            let remaining = inflatedBytes - 1
            // Each match is the one-bit code of length 258 and the one-bit code of distance 1: "0" "0".
            writer.writeZeroBits(2 * (remaining / 258))
            for _ in 0..<(remaining % 258) {
                writer.writeHuffman(literalZero)
            }
        }
        writer.writeHuffman(endOfBlock)
        var output: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]
        output.append(contentsOf: writer.finish())
        output.appendLittleEndian(crc32OfZeros(count: inflatedBytes))
        output.appendLittleEndian(UInt32(truncatingIfNeeded: inflatedBytes))
        return output
    }

    /// A Huffman code: `bits` most significant bit first, `length` bits long.
    private struct Code {
        var bits: UInt32
        var length: Int
    }

    // Literal/length code lengths: 285 (length 258) → 1, literal 0 → 2, 256 (end of block) → 2,
    // which the canonical assignment turns into 285 = 0, literal 0 = 10, end of block = 11.
    private static let literalZero = Code(bits: 0b10, length: 2)
    private static let endOfBlock = Code(bits: 0b11, length: 2)

    // Code-length code lengths: symbol 18 (run of zeros) → 1, symbols 1 and 2 → 2,
    // canonically 18 = 0, 1 = 10, 2 = 11.
    private static let codeLengthOne = Code(bits: 0b10, length: 2)
    private static let codeLengthTwo = Code(bits: 0b11, length: 2)
    private static let zeroRun = Code(bits: 0b0, length: 1)

    /// Block header and the code definitions.
    private static func writeHeader(into writer: inout BitWriter) {
        writer.write(1, bits: 1)  // BFINAL
        writer.write(2, bits: 2)  // BTYPE 10: dynamic Huffman codes
        writer.write(286 - 257, bits: 5)  // HLIT: literal/length codes 0...285
        writer.write(1 - 1, bits: 5)  // HDIST: distance code 0 only
        // Code-length code lengths, in the order RFC 1951 transmits them, up to symbol 1.
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1]
        let lengths: [Int: UInt32] = [18: 1, 1: 2, 2: 2]
        writer.write(UInt32(order.count - 4), bits: 4)  // HCLEN
        for symbol in order { writer.write(lengths[symbol] ?? 0, bits: 3) }
        // Literal/length lengths: 0 → 2, 1...255 → 0, 256 → 2, 257...284 → 0, 285 → 1; distance 0 → 1.
        writer.writeHuffman(codeLengthTwo)
        writeZeroRun(255, into: &writer)
        writer.writeHuffman(codeLengthTwo)
        writeZeroRun(28, into: &writer)
        writer.writeHuffman(codeLengthOne)
        writer.writeHuffman(codeLengthOne)
    }

    /// `count` zero code lengths with symbol 18 (11...138 zeros per symbol).
    private static func writeZeroRun(_ count: Int, into writer: inout BitWriter) {
        var remaining = count
        while remaining > 0 {
            let run = Swift.min(remaining, 138)
            precondition(run >= 11, "runs shorter than 11 zeros need symbol 17")
            writer.writeHuffman(zeroRun)
            writer.write(UInt32(run - 11), bits: 7)
            remaining -= run
        }
    }

    /// CRC-32 (IEEE, as in gzip) of `count` zero bytes.
    public static func crc32OfZeros(count: Int) -> UInt32 {
        multiplyModP(xPower2n(UInt64(count), k: 3), 0xFFFF_FFFF) ^ 0xFFFF_FFFF
    }

    private static let polynomial: UInt32 = 0xEDB8_8320

    /// a·b modulo the CRC polynomial, in the reflected bit order CRC-32 uses (a must not be 0).
    private static func multiplyModP(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var mask: UInt32 = 1 << 31
        var product: UInt32 = 0
        var b = b
        while true {
            if a & mask != 0 {
                product ^= b
                if a & (mask - 1) == 0 { break }
            }
            mask >>= 1
            b = b & 1 != 0 ? (b >> 1) ^ polynomial : b >> 1
        }
        return product
    }

    /// x^(2^k) modulo the polynomial for k in 0..<32.
    private static let powers: [UInt32] = {
        var table: [UInt32] = []
        var power: UInt32 = 1 << 30  // x^1
        for _ in 0..<32 {
            table.append(power)
            power = multiplyModP(power, power)
        }
        return table
    }()

    /// x^(n·2^k) modulo the polynomial.
    private static func xPower2n(_ n: UInt64, k: Int) -> UInt32 {
        var result: UInt32 = 1 << 31  // x^0
        var n = n
        var k = k
        while n > 0 {
            if n & 1 == 1 { result = multiplyModP(powers[k & 31], result) }
            n >>= 1
            k += 1
        }
        return result
    }

    /// Packs bits least-significant first, as DEFLATE requires.
    private struct BitWriter {
        private var bytes: [UInt8] = []
        private var accumulator: UInt64 = 0
        private var count = 0

        mutating func reserve(bytes capacity: Int) { bytes.reserveCapacity(capacity) }

        mutating func write(_ value: UInt32, bits: Int) {
            accumulator |= UInt64(value) << UInt64(count)
            count += bits
            while count >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                count -= 8
            }
        }

        /// Huffman codes are defined most significant bit first, so they are reversed before packing.
        mutating func writeHuffman(_ code: Code) {
            var reversed: UInt32 = 0
            for bit in 0..<code.length where code.bits & (1 << UInt32(bit)) != 0 {
                reversed |= 1 << UInt32(code.length - 1 - bit)
            }
            write(reversed, bits: code.length)
        }

        /// `total` zero bits, appended a byte at a time once aligned.
        mutating func writeZeroBits(_ total: Int) {
            var remaining = total
            let toAlign = Swift.min(remaining, (8 - count) % 8)
            write(0, bits: toAlign)
            remaining -= toAlign
            bytes.append(contentsOf: repeatElement(0, count: remaining / 8))
            write(0, bits: remaining % 8)
        }

        mutating func finish() -> [UInt8] {
            if count > 0 { bytes.append(UInt8(truncatingIfNeeded: accumulator)) }
            accumulator = 0
            count = 0
            return bytes
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func appendLittleEndian(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
