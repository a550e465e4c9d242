/// Reads a theme file: a strict subset of TOML, one role per line, so every problem is reported
/// with its line (TOMLKit gives no positions for values it accepted but we reject):
///
///     name = "default"
///     [roles]
///     "risk.high" = { fg = "#ff5f5f", bg = "default", attrs = ["bold"], mono = ["bold", "reverse"] }
enum ThemeFile {
    static func parse(_ text: String, fileName: String) throws(ThemeError) -> (name: String?, slots: [Role: ThemeSlot])
    {
        var name: String?
        var slots: [Role: ThemeSlot] = [:]
        var inRoles = false
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            func fail(_ message: String) -> ThemeError {
                ThemeError(fileName: fileName, line: lineNumber, message: message)
            }
            var reader = LineReader(Substring(rawLine))
            reader.skipSpaces()
            if reader.atEndOrComment { continue }
            if reader.peek == "[" {
                reader.advance()
                let section = reader.readBareKey()
                guard reader.peek == "]" else { throw fail("expected ] after a table name") }
                reader.advance()
                reader.skipSpaces()
                guard reader.atEndOrComment else { throw fail("unexpected text after [\(section)]") }
                guard section == "roles" else { throw fail("unknown table [\(section)]; expected [roles]") }
                guard !inRoles else { throw fail("[roles] appears twice") }
                inRoles = true
                continue
            }
            guard let key = reader.readKey() else { throw fail("expected a key") }
            reader.skipSpaces()
            guard reader.peek == "=" else { throw fail("expected = after \(key)") }
            reader.advance()
            reader.skipSpaces()
            if !inRoles {
                guard key == "name" else { throw fail("unknown key \(key); roles go under [roles]") }
                guard let value = reader.readString() else { throw fail("name must be a quoted string") }
                name = value
            } else {
                guard let role = Role(name: key) else { throw fail("unknown role \"\(key)\"") }
                guard slots[role] == nil else { throw fail("role \"\(key)\" is given twice") }
                do {
                    slots[role] = try reader.readSlot()
                } catch {
                    throw fail(error.message)
                }
            }
            reader.skipSpaces()
            guard reader.atEndOrComment else { throw fail("unexpected text after the value") }
        }
        return (name, slots)
    }
}

/// A problem inside one line; the caller adds the file and line.
struct LineProblem: Error {
    var message: String
}

/// A cursor over one line of a theme file.
struct LineReader {
    private let characters: [Character]
    private var position = 0

    init(_ line: Substring) { characters = Array(line) }

    var peek: Character? { position < characters.count ? characters[position] : nil }
    var atEndOrComment: Bool { peek == nil || peek == "#" || peek == "\r" }

    mutating func advance() { position += 1 }

    mutating func skipSpaces() {
        while peek == " " || peek == "\t" { advance() }
    }

    mutating func readBareKey() -> String {
        var key = ""
        while let character = peek, character.isLetter || character.isNumber || "_-.".contains(character) {
            key.append(character)
            advance()
        }
        return key
    }

    mutating func readKey() -> String? {
        if peek == "\"" { return readString() }
        let key = readBareKey()
        return key.isEmpty ? nil : key
    }

    /// A basic string without escapes (theme values never need them).
    mutating func readString() -> String? {
        guard peek == "\"" else { return nil }
        advance()
        var value = ""
        while let character = peek, character != "\"" {
            if character == "\\" { return nil }
            value.append(character)
            advance()
        }
        guard peek == "\"" else { return nil }
        advance()
        return value
    }

    mutating func readStringArray() throws(LineProblem) -> [String] {
        guard peek == "[" else { throw LineProblem(message: "expected a list like [\"bold\"]") }
        advance()
        var values: [String] = []
        skipSpaces()
        while peek != "]" {
            guard let value = readString() else { throw LineProblem(message: "expected a quoted attribute name") }
            values.append(value)
            skipSpaces()
            if peek == "," {
                advance()
                skipSpaces()
            } else if peek != "]" {
                throw LineProblem(message: "expected , or ] in a list")
            }
        }
        advance()
        return values
    }

    mutating func readSlot() throws(LineProblem) -> ThemeSlot {
        guard peek == "{" else { throw LineProblem(message: "expected { fg = …, mono = […] }") }
        advance()
        var slot = ThemeSlot()
        var seen = Set<String>()
        skipSpaces()
        while peek != "}" {
            guard peek != nil, let key = readKey() else { throw LineProblem(message: "expected a slot key or }") }
            guard seen.insert(key).inserted else { throw LineProblem(message: "\(key) is given twice") }
            skipSpaces()
            guard peek == "=" else { throw LineProblem(message: "expected = after \(key)") }
            advance()
            skipSpaces()
            switch key {
            case "fg", "bg":
                guard let text = readString() else { throw LineProblem(message: "\(key) must be a quoted colour") }
                guard let color = ThemeColor(text) else {
                    throw LineProblem(message: "\(key) \"\(text)\" is not \"default\" or \"#rrggbb\"")
                }
                if key == "fg" { slot.foreground = color } else { slot.background = color }
            case "attrs", "mono":
                var attributes: TextAttributes = []
                for name in try readStringArray() {
                    guard let attribute = Self.attribute(named: name) else {
                        throw LineProblem(message: "unknown attribute \"\(name)\" (bold, dim, underline, reverse)")
                    }
                    attributes.insert(attribute)
                }
                if key == "attrs" { slot.attributes = attributes } else { slot.monochrome = attributes }
            default:
                throw LineProblem(message: "unknown slot key \(key) (fg, bg, attrs, mono)")
            }
            skipSpaces()
            if peek == "," {
                advance()
                skipSpaces()
            } else if peek != "}" {
                throw LineProblem(message: "expected , or } in the slot")
            }
        }
        advance()
        guard seen.contains("mono") else { throw LineProblem(message: "every slot needs a mono fallback") }
        return slot
    }

    static func attribute(named name: String) -> TextAttributes? {
        switch name {
        case "bold": .bold
        case "dim": .dim
        case "underline": .underline
        case "reverse": .reverse
        default: nil
        }
    }
}
