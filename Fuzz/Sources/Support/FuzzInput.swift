/// The fuzzer's bytes, read front to back: a few leading bytes choose the scenario (status, landing
/// URL, configuration …) and the rest is the payload.
///
/// Choices are taken modulo the number of options, and a used-up input reads as zeros, so every
/// input — the empty one included — is a valid scenario and libFuzzer never wastes runs on inputs
/// the harness would reject.
struct FuzzInput {
    private var bytes: ArraySlice<UInt8>

    /// Copies the bytes libFuzzer passes to `LLVMFuzzerTestOneInput` (the pointer may be null
    /// when the size is 0).
    init(_ data: UnsafePointer<UInt8>?, count: Int) {
        guard let data, count > 0 else {
            bytes = []
            return
        }
        bytes = Array(UnsafeBufferPointer(start: data, count: count))[...]
    }

    /// The next byte, or 0 once the input is used up.
    mutating func takeByte() -> UInt8 {
        bytes.popFirst() ?? 0
    }

    /// One of `options`, picked by the next byte.
    mutating func choose<Option>(from options: [Option]) -> Option {
        precondition(!options.isEmpty, "a harness offered no options")
        return options[Int(takeByte()) % options.count]
    }

    /// Everything not read yet, which the harness uses as the payload.
    mutating func takeRest() -> [UInt8] {
        defer { bytes = [] }
        return Array(bytes)
    }
}
