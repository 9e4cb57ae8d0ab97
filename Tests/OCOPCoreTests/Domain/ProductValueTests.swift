import Foundation
import Testing

@testable import OCOPCore

@Suite("A product is a value, though its fields are shared between copies")
struct ProductValueTests {
    /// A new product each time, with its own box of the same fields.
    static func make() -> Product {
        Product(
            id: "DT-P-001",
            name: "Trà tim sen Hồng Liên",
            producerID: "DT-E-001",
            stars: 4,
            group: "I.5",
            region: Region(districtCode: "866", districtName: "Cao Lãnh"),
            validUntil: "2027-03-29"
        )
    }

    static let product = make()

    @Test("Setting a field of a copy leaves the original as it was")
    func copiesAreIndependent() {
        var copy = Self.product
        #expect(copy == Self.product)
        copy.name = "Hạt sen sấy"
        copy.region.districtName = "Tháp Mười"
        copy.stars = 3
        #expect(Self.product.name == "Trà tim sen Hồng Liên")
        #expect(Self.product.region.districtName == "Cao Lãnh")
        #expect(Self.product.stars == 4)
        #expect(copy.name == "Hạt sen sấy" && copy.region.districtName == "Tháp Mười" && copy.stars == 3)
        #expect(copy != Self.product)
    }

    @Test("Products built apart with the same fields are equal and hash alike")
    func equalityIsByFields() {
        let twin = Self.make()
        #expect(twin == Self.product)
        #expect(Set([twin, Self.product]).count == 1)
    }

    @Test("A product prints its fields, as a plain struct would")
    func printsItsFields() {
        let text = String(describing: Self.product)
        #expect(text.hasPrefix("Product("))
        #expect(text.contains(#"id: "DT-P-001""#) && text.contains(#"name: "Trà tim sen Hồng Liên""#))
        #expect(text.contains("stars: 4"))
    }

    @Test("JSON keeps the field names as keys and reads back the same product")
    func codingKeepsTheFieldNames() throws {
        let data = try JSONEncoder().encode(Self.product)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["producerID"] as? String == "DT-E-001")
        #expect(object["validUntil"] as? String == "2027-03-29")
        #expect((object["region"] as? [String: Any])?["districtCode"] as? String == "866")
        #expect(try JSONDecoder().decode(Product.self, from: data) == Self.product)
    }
}
