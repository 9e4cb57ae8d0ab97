import Foundation
import Testing

@testable import OCOPCore

@Suite("A region is a value, though its fields are shared between copies")
struct RegionValueTests {
    static let caoLanh = Region(provinceCode: "87", provinceName: "Đồng Tháp", districtCode: "866", districtName: "Cao Lãnh")

    @Test("Setting a field of a copy leaves the original as it was")
    func copiesAreIndependent() {
        var copy = Self.caoLanh
        copy.districtName = "Tháp Mười"
        copy.communeCode = "30001"
        #expect(Self.caoLanh.districtName == "Cao Lãnh" && Self.caoLanh.communeCode == nil)
        #expect(copy.districtName == "Tháp Mười" && copy.communeCode == "30001" && copy.provinceCode == "87")
        #expect(copy != Self.caoLanh)
    }

    @Test("Regions built apart with the same fields are equal and hash alike; an empty one is unknown")
    func equalityIsByFields() {
        let twin = Region(provinceCode: "87", provinceName: "Đồng Tháp", districtCode: "866", districtName: "Cao Lãnh")
        #expect(twin == Self.caoLanh)
        #expect(Set([twin, Self.caoLanh]).count == 1)
        var emptied = Region(districtCode: "866")
        emptied.districtCode = nil
        #expect(emptied == Region())
        #expect(Region().districtLabel == "(không rõ)")
    }

    @Test("JSON keeps the flat field names, leaves unset ones out, and reads back the same region")
    func codingKeepsTheFieldNames() throws {
        let data = try JSONEncoder().encode(Self.caoLanh)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["provinceCode", "provinceName", "districtCode", "districtName"])
        #expect(object["districtName"] as? String == "Cao Lãnh")
        #expect(try JSONDecoder().decode(Region.self, from: data) == Self.caoLanh)
        #expect(String(decoding: try JSONEncoder().encode(Region()), as: UTF8.self) == "{}")
    }

    @Test("A region prints its fields, as a plain struct would")
    func printsItsFields() {
        let text = String(describing: Self.caoLanh)
        #expect(text.hasPrefix("Region("))
        #expect(text.contains(#"districtName: Optional("Cao Lãnh")"#))
    }
}
