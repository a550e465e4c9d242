/// Words that say an action targets production: `--context prod`, `RAILS_ENV=production`,
/// `db.prod.example.com`, `--prod`. Markers raise risk by one level and the blast radius to
/// production.
enum ProductionMarkers {
    private static let tokens: Set<String> = ["prod", "production", "prd", "prod1", "prod2", "live-prod"]

    /// The text when it carries a production marker, else nil.
    static func marker(in text: String) -> String? {
        guard text.count < 2_048 else { return nil }
        var token = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                token.append(character)
            } else {
                if tokens.contains(token) { return String(text.prefix(80)) }
                token = ""
            }
        }
        return tokens.contains(token) ? String(text.prefix(80)) : nil
    }
}
