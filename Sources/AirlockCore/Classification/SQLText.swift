/// Recognises SQL text and says what each statement does: read, write, delete, drop, schema
/// change or permission change. It skips comments and quoted text and never executes anything.
enum SQLText {
    /// What one statement does.
    enum Kind: Equatable {
        case read
        /// INSERT, UPSERT, MERGE, REPLACE, COPY … FROM.
        case write
        /// UPDATE … SET, with or without a WHERE clause.
        case update(hasWhere: Bool)
        /// DELETE FROM, with or without a WHERE clause.
        case delete(hasWhere: Bool)
        /// DROP or TRUNCATE.
        case drop
        /// CREATE, ALTER, RENAME: a schema change.
        case schema
        /// GRANT or REVOKE.
        case grant
        /// A statement after the first that is not recognised.
        case unknown
    }

    /// Only the head of a very long text is read: the budget is microseconds.
    static let maxBytes = 65_536

    /// The statements of `text`, or nil when it does not begin (after blanks and comments) like SQL.
    static func statements(_ text: String) -> [Kind]? {
        var kinds: [Kind] = []
        for statement in statementWords(text) {
            guard let kind = kind(of: statement) else { continue }
            // Text that does not start like SQL is prose or code, not a query.
            if kinds.isEmpty, kind == .unknown { return nil }
            kinds.append(kind)
        }
        return kinds.isEmpty ? nil : kinds
    }

    private static let readStarts: Set<String> = [
        "SELECT", "SHOW", "DESCRIBE", "DESC", "VALUES", "TABLE", "PRAGMA", "USE",
    ]
    /// Statements that neither read nor change data.
    private static let neutralStarts: Set<String> = [
        "BEGIN", "COMMIT", "ROLLBACK", "START", "END", "SET", "SAVEPOINT", "RELEASE",
    ]
    private static let dropObjects: Set<String> = [
        "TABLE", "DATABASE", "SCHEMA", "INDEX", "VIEW", "COLUMN", "USER", "ROLE", "COLLECTION", "TYPE", "FUNCTION",
        "TRIGGER", "SEQUENCE", "EXTENSION", "MATERIALIZED", "IF", "PROCEDURE", "POLICY", "OWNED", "KEYSPACE",
    ]
    private static let schemaObjects: Set<String> = dropObjects.union([
        "UNIQUE", "OR", "TEMP", "TEMPORARY", "SYSTEM", "CLUSTERED", "NONCLUSTERED",
    ])

    /// Nil for an empty statement; `.unknown` for one that is not SQL this reader knows.
    private static func kind(of words: [String]) -> Kind? {
        guard let first = words.first else { return nil }
        let second = words.count > 1 ? words[1] : ""
        switch first {
        case _ where readStarts.contains(first): return .read
        case _ where neutralStarts.contains(first): return nil
        case "EXPLAIN":
            // EXPLAIN ANALYZE runs the statement.
            guard words.contains("ANALYZE") || words.contains("ANALYSE") else { return .read }
            let rest = words.drop { !["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "MERGE"].contains($0) }
            return rest.isEmpty ? .read : kind(of: Array(rest))
        case "WITH":
            if words.contains("DELETE") { return .delete(hasWhere: hasRealWhere(words)) }
            if words.contains("INSERT") || words.contains("UPDATE") || words.contains("MERGE") { return .write }
            return .read
        case "INSERT", "REPLACE", "MERGE": return second == "INTO" ? .write : .unknown
        case "UPSERT": return words.count > 1 ? .write : .unknown
        case "UPDATE": return words.contains("SET") ? .update(hasWhere: hasRealWhere(words)) : .unknown
        case "COPY": return words.contains("FROM") ? .write : .read
        case "DELETE":
            return words.contains("FROM") ? .delete(hasWhere: hasRealWhere(words)) : .unknown
        case "DROP": return dropObjects.contains(second) ? .drop : .unknown
        case "TRUNCATE": return second == "TABLE" || words.count == 2 ? .drop : .unknown
        case "FLUSHALL", "FLUSHDB": return .drop
        case "ALTER", "CREATE": return schemaObjects.contains(second) ? .schema : .unknown
        case "RENAME": return second == "TABLE" ? .schema : .unknown
        case "GRANT", "REVOKE":
            return words.contains("TO") || words.contains("ON") || words.contains("FROM") ? .grant : .unknown
        default: return .unknown
        }
    }

    /// A WHERE clause that can narrow the rows: not missing, and not always true (`WHERE 1=1`,
    /// `WHERE true`, `… OR 1=1`).
    static func hasRealWhere(_ words: [String]) -> Bool {
        guard let whereIndex = words.firstIndex(of: "WHERE") else { return false }
        let clause = Array(words[(whereIndex + 1)...])
        if clause.isEmpty || clause == ["TRUE"] || clause == ["1"] { return false }
        func isTautology(_ part: ArraySlice<String>) -> Bool {
            part == ["TRUE"] || part == ["1"] || (part.count == 2 && part.first == part.last && part.first?.allSatisfy(\.isNumber) == true)
        }
        if isTautology(clause[...]) { return false }
        // `… OR 1=1`: any alternative that is always true makes the whole clause true.
        var start = 0
        for (index, word) in clause.enumerated() where word == "OR" {
            if isTautology(clause[start..<index]) { return false }
            start = index + 1
        }
        return !isTautology(clause[start...])
    }

    /// Upper-cased bare words of each statement; quoted text, identifiers in quotes and comments dropped.
    private static func statementWords(_ text: String) -> [[String]] {
        let bytes = Array(text.utf8.prefix(maxBytes))
        var statements: [[String]] = []
        var words: [String] = []
        var word: [UInt8] = []
        var index = 0
        func endWord() {
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        func endStatement() {
            endWord()
            statements.append(words)
            words = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch byte {
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"), UInt8(ascii: "#"):
                endWord()
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                endWord()
                index += 2
                while index + 1 < bytes.count,
                    !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/"))
                {
                    index += 1
                }
                index += 1
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                endWord()
                index += 1
                while index < bytes.count, bytes[index] != byte {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    index += 1
                }
                // A quoted value still counts as a word, so `DELETE FROM "t"` has a target.
                words.append("?")
            case UInt8(ascii: ";"):
                endStatement()
            default:
                if isWordByte(byte) {
                    word.append(byte >= 97 && byte <= 122 ? byte - 32 : byte)
                } else {
                    endWord()
                }
            }
            index += 1
        }
        endStatement()
        return statements.filter { !$0.isEmpty }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 95
            || byte >= 128
    }
}
