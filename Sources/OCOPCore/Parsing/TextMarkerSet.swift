/// Markers looked for together, with their search prepared once.
///
/// ``ByteScanner/firstMatch(among:in:)`` given an array prepares the search for every form of
/// every marker on each call, which costs more than reading a page's title or head: a `static
/// let` of this type pays it once for the life of the process.
public struct TextMarkerSet: Sendable {
    public let markers: [TextMarker]
    let search: AnchoredSearch

    public init(_ markers: [TextMarker]) {
        precondition(!markers.isEmpty, "a TextMarkerSet needs at least one marker")
        self.markers = markers
        search = markers.count == 1 ? markers[0].search : AnchoredSearch(markers)
    }
}
