/// One problem found in a catalog file, precise enough for an officer to fix it in Excel.
///
/// The ``description`` has the shape compilers use (`file:line: column x: message`), so it can be
/// read aloud over the phone and also jumped to by editors: for example
/// `products.csv:17: column star_rating: "6" is not a star rating (3, 4 or 5)`.
public struct CatalogIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name (not the full path): what the officer sees in the folder.
    public var file: String
    /// The physical line where the record starts (1-based; a quoted cell may span several lines),
    /// or `nil` when the issue concerns the whole file or the whole catalog.
    public var line: Int?
    /// The column as the file's header spells it (English or Vietnamese), when one is concerned.
    public var column: String?
    /// What is wrong and what to do about it.
    public var message: String

    public init(file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let column { text += "column \(column): " }
        return text + message
    }
}
