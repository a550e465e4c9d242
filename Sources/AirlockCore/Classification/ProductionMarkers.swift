/// Words that say an action targets production: `--context prod`, `RAILS_ENV=production`,
/// `db.prod.example.com`, `--prod`. Markers raise risk by one level and the blast radius to
/// production.
public enum ProductionMarkers {
    private static let tokens: Set<String> = ["prod", "production", "prd", "prod1", "prod2", "live-prod"]

    /// The text when it carries a production marker, else nil.
    public static func marker(in text: String) -> String? {
        guard text.utf8.count < 2_048 else { return nil }
        // ASCII tokens only: the markers are ASCII, and bytes are cheap on the hot path.
        var token: [UInt8] = []
        var found = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                token.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                token.append(byte + 32)
            default:
                if isMarker(token) { found = true }
                token.removeAll(keepingCapacity: true)
            }
            if found { break }
        }
        return found || isMarker(token) ? String(text.prefix(80)) : nil
    }

    private static func isMarker(_ token: [UInt8]) -> Bool {
        (3...10).contains(token.count) && tokens.contains(String(decoding: token, as: UTF8.self))
    }
}
