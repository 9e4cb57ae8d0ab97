#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes whole records to a descriptor (stderr by default) in one `write(2)` each, so lines
/// from several threads never interleave; failures are ignored, there is nowhere to report them.
struct RecordWriter: Sendable {
    let fileDescriptor: Int32

    static let standardError = RecordWriter(fileDescriptor: STDERR_FILENO)

    func write(_ record: String) {
        var record = record
        record.withUTF8 { bytes in
            _ = FileDescriptorIO.writeAll(fileDescriptor, UnsafeRawBufferPointer(bytes))
        }
    }
}
