/// The members of a JSON object, read once and indexed by key.
///
/// Take one when reading several members of a large object; each ``JSONValue`` subscript would
/// otherwise scan the object again.
public struct JSONObject: Sendable {
    /// The members in document order, repeated keys included.
    public let members: [(key: String, value: JSONValue)]
    private let positions: [String: Int]

    init(members: [(key: String, value: JSONValue)]) {
        self.members = members
        var positions: [String: Int] = [:]
        for (index, member) in members.enumerated() where positions[member.key] == nil {
            positions[member.key] = index
        }
        self.positions = positions
    }

    /// The member named `key` (the first one when the key repeats, as ``JSONValue`` reads it).
    public subscript(key: String) -> JSONValue? {
        positions[key].map { members[$0].value }
    }

    public var keys: [String] { members.map(\.key) }

    public var values: [JSONValue] { members.map(\.value) }
}
