/// The mongo shell's read-only statements: `db.stats()`, `db.users.find(…)`, `show dbs`,
/// `db.getCollectionNames()`, `db.runCommand({ping: 1})`, an `aggregate` without `$out` or
/// `$merge`. A statement is read-only when every call in it is a known read (or a printing or
/// cursor helper) and every shell command is `show`/`use`; anything else is left to the
/// destructive and unknown checks.
enum MongoShell {
    /// Methods that only read: database, collection, cursor and replica-set helpers.
    static let readMethods: Set<String> = [
        "find", "findOne", "countDocuments", "estimatedDocumentCount", "count", "distinct", "aggregate", "explain",
        "stats", "dataSize", "storageSize", "totalSize", "totalIndexSize", "getIndexes", "getIndices", "getIndexKeys",
        "getIndexSpecs", "latencyStats", "watch", "getCollectionNames", "getCollectionInfos", "getCollection",
        "getSiblingDB", "getMongo", "getDB", "getDBNames", "getName", "getUser", "getUsers", "getRole", "getRoles",
        "serverStatus", "serverBuildInfo", "serverCmdLineOpts", "hostInfo", "version", "currentOp", "isMaster",
        "hello", "listCollections", "listIndexes", "listDatabases", "printCollectionStats", "printReplicationInfo",
        "printSecondaryReplicationInfo", "getReplicationInfo", "getProfilingStatus", "getProfilingLevel",
        "getLogComponents", "status", "conf", "printShardingStatus", "isBalancerRunning", "getBalancerState",
        // Cursor shaping and printing.
        "limit", "skip", "sort", "pretty", "batchSize", "hint", "projection", "project", "size", "itcount", "hasNext",
        "next", "toArray", "forEach", "map", "filter", "collation", "comment", "maxTimeMS", "allowDiskUse", "min", "max",
        "readPref", "showRecordId", "returnKey", "print", "printjson", "printjsononeline", "tojson", "stringify",
        "parse", "log", "keys", "toString", "valueOf", "length", "join",
        // Value constructors.
        "ObjectId", "ISODate", "Date", "NumberLong", "NumberInt", "NumberDecimal", "UUID", "Timestamp", "RegExp",
        "function", "quit", "exit",
    ]

    /// Server commands `runCommand`/`adminCommand` may name that only read.
    static let readCommands: Set<String> = [
        "ping", "serverstatus", "dbstats", "collstats", "buildinfo", "hostinfo", "listdatabases", "listcollections",
        "listindexes", "ismaster", "hello", "replsetgetstatus", "replsetgetconfig", "getparameter", "connectionstatus",
        "currentop", "top", "whatsmyuri", "getlog", "count", "find", "distinct", "dbhash", "usersinfo", "rolesinfo",
        "getcmdlineopts", "features", "lockinfo", "validate", "explain", "listcommands", "getshardmap", "datasize",
    ]

    /// Shell commands that read or only switch the database.
    static let readShellCommands: Set<String> = ["show", "use", "db", "it", "help"]

    /// True when `text` only reads: no `$out`/`$merge` stage, every call a read, every
    /// `runCommand`/`adminCommand` a read command, every bare statement `show …`/`use …`.
    static func isReadOnly(_ text: String) -> Bool {
        if text.contains("$out") || text.contains("$merge") { return false }
        let code = withoutStrings(text)
        var sawCall = false
        var index = code.startIndex
        while index < code.endIndex {
            guard code[index] == "(" else {
                index = code.index(after: index)
                continue
            }
            // The identifier just before `(`: `db.users.find(` → `find`.
            var start = index
            while start > code.startIndex {
                let previous = code.index(before: start)
                guard code[previous].isLetter || code[previous].isNumber || code[previous] == "_" || code[previous] == "$"
                else { break }
                start = previous
            }
            let name = String(code[start..<index])
            if !name.isEmpty {
                sawCall = true
                if name == "runCommand" || name == "adminCommand" {
                    guard let command = commandName(in: text, after: name), readCommands.contains(command) else {
                        return false
                    }
                } else if !readMethods.contains(name) {
                    return false
                }
            }
            index = code.index(after: index)
        }
        if sawCall { return true }
        // No call at all: `show dbs`, `use shop; show collections`.
        let statements = text.split(whereSeparator: { $0 == ";" || $0 == "\n" })
            .map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
        return !statements.isEmpty && statements.allSatisfy { statement in
            readShellCommands.contains(String(statement.prefix { !$0.isWhitespace }))
        }
    }

    /// The text with string literals blanked, so a `(` inside a string is not a call.
    private static func withoutStrings(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        var quote: Character?
        var escaped = false
        for character in text {
            if let open = quote {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
                result.append(" ")
            } else if character == "\"" || character == "'" || character == "`" {
                quote = character
                result.append(" ")
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The command a `runCommand(…)` names: `("ping")` or the first key of `({dbStats: 1})`, lower-cased.
    private static func commandName(in text: String, after method: String) -> String? {
        guard var rest = SQLStatements.characters(after: method + "(", in: text)?.drop(while: { $0.isWhitespace }) else {
            return nil
        }
        if rest.first == "{" { rest = rest.dropFirst().drop { $0.isWhitespace } }
        rest = rest.drop { $0 == "\"" || $0 == "'" }
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return name.isEmpty ? nil : String(name).lowercased()
    }
}
