/// The ASCII byte classes the redactor's scanner works with.
public enum TextBytes {
    static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " "), dquote = UInt8(ascii: "\""), squote = UInt8(ascii: "'")
    static let dollar = UInt8(ascii: "$"), dash = UInt8(ascii: "-"), dot = UInt8(ascii: ".")
    static let slash = UInt8(ascii: "/"), colon = UInt8(ascii: ":"), equals = UInt8(ascii: "=")
    static let at = UInt8(ascii: "@"), backslash = UInt8(ascii: "\\"), underscore = UInt8(ascii: "_")
    static let lbrace = UInt8(ascii: "{"), rbracket = UInt8(ascii: "]"), lt = UInt8(ascii: "<")
    static let gt = UInt8(ascii: ">"), backtick = UInt8(ascii: "`"), plus = UInt8(ascii: "+")

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
    static func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
    static func isLetter(_ c: UInt8) -> Bool { isUpper(c) || isLower(c) }
    static func isAlnum(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) }
    static func isUpperAlnum(_ c: UInt8) -> Bool { isUpper(c) || isDigit(c) }
    static func isWordByte(_ c: UInt8) -> Bool { isAlnum(c) || c == underscore }
    static func isBase64URL(_ c: UInt8) -> Bool { isWordByte(c) || c == dash }
    /// Standard base64 without padding, the alphabet of AWS secret keys.
    static func isBase64(_ c: UInt8) -> Bool { isAlnum(c) || c == plus || c == slash }
    static func isSlackByte(_ c: UInt8) -> Bool { isAlnum(c) || c == dash }
    /// Bytes of variable, key and flag names: `aws_secret_access_key`, `--api-key`, `db.password`.
    static func isNameByte(_ c: UInt8) -> Bool { isBase64URL(c) || c == dot }
    static func isQuote(_ c: UInt8) -> Bool { c == dquote || c == squote }
    static func isSpace(_ c: UInt8) -> Bool { c == space || c == tab }
    static func isWhitespace(_ c: UInt8) -> Bool { isSpace(c) || (c >= 0x0A && c <= 0x0D) }
    static func lower(_ c: UInt8) -> UInt8 { isUpper(c) ? c | 0x20 : c }
    static func upper(_ c: UInt8) -> UInt8 { isLower(c) ? c & ~0x20 : c }
    /// RFC 6750 token68 bytes, which bearer and basic credentials are made of.
    static func isCredentialByte(_ c: UInt8) -> Bool {
        isBase64URL(c) || c == dot || c == equals || c == UInt8(ascii: "~") || c == plus || c == slash
    }
    /// Where an unquoted value ends; quotes too, so `-H "X-Api-Key: abc"` keeps its closing quote.
    static func endsBareValue(_ c: UInt8) -> Bool {
        isWhitespace(c) || isQuote(c) || c == 0 || c == backslash || c == backtick
            || c == UInt8(ascii: ";") || c == UInt8(ascii: "&") || c == UInt8(ascii: "|") || c == UInt8(ascii: ",")
            || c == UInt8(ascii: "}")
    }
    /// Where the authority of a URL ends; the userinfo can only be before it.
    static func endsAuthority(_ c: UInt8) -> Bool {
        isWhitespace(c) || isQuote(c) || c == 0 || c == backslash || c == backtick || c == slash
            || c == UInt8(ascii: "?") || c == UInt8(ascii: "#") || c == lt || c == gt
    }
    /// Where one shell command ends and the next begins: a program's options stop applying.
    static func endsCommand(_ c: UInt8) -> Bool {
        c == newline || c == UInt8(ascii: ";") || c == UInt8(ascii: "|") || c == UInt8(ascii: "&")
            || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == backtick
    }

    /// A named set of bytes, for the shapes table.
    public enum Class: Sendable {
        case upperAlnum, alnum, word, base64URL, slack, nameByte

        func contains(_ c: UInt8) -> Bool {
            switch self {
            case .upperAlnum: TextBytes.isUpperAlnum(c)
            case .alnum: TextBytes.isAlnum(c)
            case .word: TextBytes.isWordByte(c)
            case .base64URL: TextBytes.isBase64URL(c)
            case .slack: TextBytes.isSlackByte(c)
            case .nameByte: TextBytes.isNameByte(c)
            }
        }

        /// The class's bytes, in order, for tests that build examples.
        public var alphabet: [UInt8] { (0...127).map(UInt8.init).filter(contains) }
    }
}
