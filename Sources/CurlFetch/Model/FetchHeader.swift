/// One request or response header, kept in order: a dictionary would lose duplicates and order.
///
/// `CurlFetch` deliberately has its own header type so that it depends on nothing but libcurl;
/// callers map it to and from their own types.
public struct FetchHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension FetchHeader {
    /// Whether a name and value can go on the wire as they are: no CR, LF or NUL (header
    /// injection), and a name made of token characters only.
    var isWellFormed: Bool {
        guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else { return false }
        return !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }

    /// Whether the header is called `lowercasedName` (given in lower case), in any case.
    func isNamed(_ lowercasedName: String) -> Bool {
        name.utf8.count == lowercasedName.utf8.count
            && zip(name.utf8, lowercasedName.utf8).allSatisfy { byte, wanted in
                (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) == wanted
            }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
