/// Collects response header lines as libcurl hands them over, one per callback.
///
/// A status line (`HTTP/…`) starts a new header block, so after a `100 Continue` or any interim
/// response only the final response's headers remain. Names are lower-cased; obsolete line
/// folding is joined to the previous value.
struct ResponseHeaderParser: Sendable {
    private(set) var fields: [FetchHeader] = []

    mutating func consume(line bytes: some Collection<UInt8>) {
        var line = Substring(decoding: bytes, as: UTF8.self)
        while let last = line.last, last == "\n" || last == "\r" || last == "\r\n" {
            line = line.dropLast()
        }
        guard !line.isEmpty else { return }
        if line.hasPrefix("HTTP/") {
            fields.removeAll(keepingCapacity: true)
            return
        }
        if line.first == " " || line.first == "\t" {
            guard !fields.isEmpty else { return }
            fields[fields.count - 1].value += " " + String(line).trimmingASCIIWhitespace()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon]).trimmingASCIIWhitespace().lowercased()
        guard !name.isEmpty else { return }
        let value = String(line[line.index(after: colon)...]).trimmingASCIIWhitespace()
        fields.append(FetchHeader(name, value))
    }
}
