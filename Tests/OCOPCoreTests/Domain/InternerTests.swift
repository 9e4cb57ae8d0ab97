import Testing

@testable import OCOPCore

@Suite("An interner hands out one instance of each distinct value")
struct InternerTests {
    /// Where a string's bytes live: equal strings built apart have their own storage.
    static func storage(of text: String) -> UnsafePointer<UInt8>? {
        var text = text
        return text.withUTF8 { $0.baseAddress }
    }

    @Test("An equal value gives back the first one, with its storage; a new value is kept as it is")
    func equalValuesShareTheFirstInstance() {
        // Too long for a small string: each is built in its own heap storage.
        let first = String(repeating: "1446/QĐ-UBND-HC ", count: 3)
        let second = String(repeating: "1446/QĐ-UBND-HC ", count: 3)
        #expect(Self.storage(of: first) != Self.storage(of: second))
        var interner = Interner<String>()
        let kept = interner(first)
        let shared = interner(second)
        #expect(shared == second)
        #expect(Self.storage(of: kept) == Self.storage(of: first))
        #expect(Self.storage(of: shared) == Self.storage(of: first))
        let other = interner(String(repeating: "1447/QĐ-UBND-HC ", count: 3))
        #expect(other.hasPrefix("1447"))
    }
}
