/// Words that say an action targets production: `--context prod`, `RAILS_ENV=production`,
/// `db.prod.example.com`, `--prod`. Markers raise risk by one level and the blast radius to
/// production.
public enum ProductionMarkers {
    private static let tokens: [[UInt8]] = ["prod", "production", "prd", "prod1", "prod2", "live-prod"].map { Array($0.utf8) }

    /// The text when it carries a production marker, else nil.
    public static func marker(in text: String) -> String? {
        guard text.utf8.count < 2_048 else { return nil }
        // ASCII tokens only: the markers are ASCII, and bytes are cheap on the hot path. A token
        // is a run of letters and digits, compared in place without copying.
        var text = text
        let found = text.withUTF8 { bytes -> Bool in
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : 0
                let isWord =
                    (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
                if isWord { continue }
                if index - start >= 3, isMarker(bytes[start..<index]) { return true }
                start = index + 1
            }
            return false
        }
        return found ? String(text.prefix(80)) : nil
    }

    private static func isMarker(_ token: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let first = token.first.map { $0 | 0x20 }
        guard first == UInt8(ascii: "p") || first == UInt8(ascii: "l") else { return false }
        return tokens.contains { candidate in
            candidate.count == token.count && zip(candidate, token).allSatisfy { $0 == ($1 >= 65 && $1 <= 90 ? $1 + 32 : $1) }
        }
    }
}
