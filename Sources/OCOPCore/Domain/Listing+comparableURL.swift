extension Listing {
    /// A listing link as two sources are compared by (a catalog row against another, a feed
    /// entry against the catalog): without case, fragment or trailing slashes, which spreadsheets
    /// and exports add or drop. The query stays: on some sites it names the item.
    public static func comparableURL(_ url: String) -> String {
        var text = url.lowercased()
        if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
