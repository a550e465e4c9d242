extension String {
    /// Without leading and trailing whitespace (FoundationEssentials has no CharacterSet trimming).
    var trimmedSpaces: String {
        let characters = drop { $0.isWhitespace }
        return String(characters.reversed().drop { $0.isWhitespace }.reversed())
    }
}
