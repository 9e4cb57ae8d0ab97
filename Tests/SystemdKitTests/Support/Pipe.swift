import Foundation

/// A pipe whose write end a handler writes to, read back after the handler is done.
final class CapturePipe {
    let readEnd: Int32
    let writeEnd: Int32

    init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        if writeEnd >= 0 { close(writeEnd) }
    }

    /// Everything written so far, as lines (reads what is buffered without waiting for more).
    func lines() -> [String] {
        _ = fcntl(readEnd, F_SETFL, O_NONBLOCK)
        var collected: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            collected += buffer[..<count]
        }
        return String(decoding: collected, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
