/// Finds characters that make what a reviewer reads differ from what runs: control codes,
/// escapes, zero-width characters, bidi overrides and Unicode tags.
public enum HiddenCharacters {
    public static func find(in text: String, limit: Int = 64) -> [HiddenCharacter] {
        // Printable ASCII, tab and newline (nearly every command): nothing hidden, one byte pass.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A }) { return [] }
        var found: [HiddenCharacter] = []
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            guard let name = name(of: scalar) else { continue }
            found.append(HiddenCharacter(scalar: scalar.value, offset: offset, name: name))
            if found.count >= limit { break }
        }
        return found
    }

    /// A short name for a hidden character, or nil for an ordinary one (tab and newline are ordinary).
    public static func name(of scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x09, 0x0A: return nil
        case 0x1B: return "ESC"
        case 0x0D: return "CARRIAGE RETURN"
        case 0x00: return "NUL"
        case 0x08: return "BACKSPACE"
        case 0x7F: return "DELETE"
        case 0x01...0x1F: return "CONTROL-\(String(scalar.value, radix: 16, uppercase: true))"
        case 0x80...0x9F: return "C1 CONTROL-\(String(scalar.value, radix: 16, uppercase: true))"
        case 0x00AD: return "SOFT HYPHEN"
        case 0x034F: return "COMBINING GRAPHEME JOINER"
        case 0x061C: return "ARABIC LETTER MARK"
        case 0x115F, 0x1160, 0x3164, 0xFFA0: return "HANGUL FILLER"
        case 0x180E: return "MONGOLIAN VOWEL SEPARATOR"
        case 0x200B: return "ZERO WIDTH SPACE"
        case 0x200C: return "ZERO WIDTH NON-JOINER"
        case 0x200D: return "ZERO WIDTH JOINER"
        case 0x200E: return "LEFT-TO-RIGHT MARK"
        case 0x200F: return "RIGHT-TO-LEFT MARK"
        case 0x2028: return "LINE SEPARATOR"
        case 0x2029: return "PARAGRAPH SEPARATOR"
        case 0x202A: return "LEFT-TO-RIGHT EMBEDDING"
        case 0x202B: return "RIGHT-TO-LEFT EMBEDDING"
        case 0x202C: return "POP DIRECTIONAL FORMATTING"
        case 0x202D: return "LEFT-TO-RIGHT OVERRIDE"
        case 0x202E: return "RIGHT-TO-LEFT OVERRIDE"
        case 0x2060: return "WORD JOINER"
        case 0x2061...0x2064: return "INVISIBLE OPERATOR"
        case 0x2066: return "LEFT-TO-RIGHT ISOLATE"
        case 0x2067: return "RIGHT-TO-LEFT ISOLATE"
        case 0x2068: return "FIRST STRONG ISOLATE"
        case 0x2069: return "POP DIRECTIONAL ISOLATE"
        case 0x206A...0x206F: return "DEPRECATED FORMAT CHARACTER"
        case 0xFE00...0xFE0F: return nil  // variation selectors render emoji; harmless alone
        case 0xFEFF: return "ZERO WIDTH NO-BREAK SPACE"
        case 0xFFF9...0xFFFB: return "INTERLINEAR ANNOTATION"
        case 0xE0000...0xE007F: return "TAG CHARACTER"
        default: return nil
        }
    }

    /// `text` with every hidden character replaced by a visible `⟨NAME⟩` marker, for display.
    public static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let name = name(of: scalar) {
                out += "⟨\(name == "ESC" ? "ESC" : name) U+\(String(scalar.value, radix: 16, uppercase: true))⟩"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
