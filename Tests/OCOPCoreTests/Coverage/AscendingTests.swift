import OCOPCore
import Testing

@Suite struct AscendingTests {
    @Test func strictOrderRefusesEqualNeighboursAndTheLaxOneKeepsThem() {
        #expect([String]().isAscending(by: { $0 }))
        #expect(["P1"].isAscending(by: { $0 }))
        #expect(["P1", "P2", "P3"].isAscending(by: { $0 }))
        #expect(!["P1", "P2", "P2"].isAscending(by: { $0 }))
        #expect(["P1", "P2", "P2"].isAscending(strictly: false, by: { $0 }))
        #expect(!["P2", "P1"].isAscending(strictly: false, by: { $0 }))
        #expect(![3, 1, 2].isAscending(by: { $0 }))
        #expect([(id: "a", n: 2), (id: "b", n: 1)].isAscending(by: \.id))
    }
}
