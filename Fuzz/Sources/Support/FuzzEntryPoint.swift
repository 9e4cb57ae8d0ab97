/// The two symbols libFuzzer calls. Each harness target defines the two functions they forward to:
///
/// - `prepareHarness()` builds the harness's fixed state (adapters, parsed fixture URLs, baseline
///   files) before the first input, so that its one-time allocations are not taken for leaks of
///   that input and a broken harness fails at start-up rather than as a finding;
/// - `fuzzOneInput(_:)` runs one input. A crash, a failed precondition, an AddressSanitizer report
///   or a leak inside it is a finding; returning normally is a pass.
@_cdecl("LLVMFuzzerInitialize")
public func llvmFuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>?,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
) -> CInt {
    prepareHarness()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func llvmFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, count: size)
    fuzzOneInput(&input)
    return 0
}
