extension TextTable {
    /// `text` in lines of at most `width` display columns, broken at spaces; a word longer than a
    /// line (a URL) is cut where the line ends.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            var wordWidth = displayWidth(of: word)
            if currentWidth > 0, currentWidth + 1 + wordWidth <= width {
                current += " " + word
                currentWidth += 1 + wordWidth
                continue
            }
            if currentWidth > 0 {
                lines.append(current)
                (current, currentWidth) = ("", 0)
            }
            while wordWidth > width {
                var head = ""
                var headWidth = 0
                var rest = word.startIndex
                for character in word {
                    let characterWidth = TextTable.width(of: character)
                    if headWidth + characterWidth > width { break }
                    head.append(character)
                    headWidth += characterWidth
                    rest = word.index(after: rest)
                }
                lines.append(head)
                word = word[rest...]
                wordWidth = displayWidth(of: word)
            }
            (current, currentWidth) = (String(word), wordWidth)
        }
        if currentWidth > 0 || lines.isEmpty { lines.append(current) }
        return lines
    }
}
