/// Database clients, dump/restore tools and schema migration tools.
enum DatabasePrograms {
    static let section = "Databases"

    static func register(into builder: inout RegistryBuilder) {
        for name in table.keys.sorted() {
            guard let classify = table[name] else { continue }
            let plain: ProgramHandler = { inv, _, _ in classify(inv) }
            let dotCommands: ProgramHandler = { inv, analyzer, depth in sqlite(inv, analyzer: &analyzer, depth: depth) }
            let handler = sqliteShells.contains(name) ? dotCommands : plain
            builder.add(
                ProgramSpec(
                    name, role: .custom, section: section,
                    summary: "database clients, dumps and migrations: the SQL decides",
                    access: .ignored, rules: name == "psql" ? rules : [],
                    handler: handler))
        }
    }

    /// Clients whose operands may be dot-commands (`sqlite3 app.db .tables '.shell ls'`).
    static let sqliteShells: Set<String> = ["sqlite3", "sqlite", "duckdb"]

    /// sqlite3: dot-commands one by one, then the SQL. `-readonly` makes every statement a read
    /// (a write fails), but a dot-command that runs a command or writes a file still does.
    static func sqlite(_ inv: Invocation, analyzer: inout ShellAnalyzer, depth: Int) -> [Finding] {
        let operands = inv.positionals(valued: ["-cmd", "-separator", "-newline", "-nullvalue"]).dropFirst()
        var commands = operands.filter { $0.trimmingCharacters().hasPrefix(".") }
        if let cmd = inv.value(of: "-cmd"), cmd.trimmingCharacters().hasPrefix(".") { commands.append(cmd) }
        let readOnly = inv.has(long: ["-readonly", "--readonly"]) || inv.args.contains("-readonly")
        guard !commands.isEmpty || readOnly else { return client(inv) }
        var findings = commands.prefix(16).flatMap {
            SQLiteDotCommands.finding($0, program: inv.program, analyzer: &analyzer, depth: depth, context: inv.context)
        }
        let statements = operands.filter { !$0.trimmingCharacters().hasPrefix(".") }
        if readOnly {
            findings.append(.read("\(inv.program) -readonly only reads the database", rule: "db.local-read"))
        } else if !statements.isEmpty {
            findings += statements.flatMap { SQLStatements.classify($0, via: inv.program, local: true) }
        }
        return findings
    }

    static let rules = [
        Rule("db.local-read", .read, .low, "reads a database on this machine", example: "sqlite3 app.db 'select count(*) from users'"),
        Rule("db.read", .network, .medium, "reads rows from a database server", example: "psql -h db.internal -c 'SELECT 1'"),
        Rule("db.write", .dbWrite, .high, "inserts or updates rows", example: "psql -c \"UPDATE users SET admin=true WHERE id=1\""),
        Rule(
            "db.delete", .dataDelete, .critical, "drops, truncates, or deletes or updates every row",
            example: "psql -c 'DROP TABLE users'"),
        Rule(
            "db.local-file", .dbWrite, .medium, "runs a SQL file against a local or unnamed database",
            example: "psql -d app -f schema.sql"),
        Rule("db.session", .unknown, .medium, "opens an interactive database session", example: "psql"),
        Rule("db.schema", .dbMigration, .high, "changes a schema (CREATE, ALTER, RENAME)", example: "psql -c 'ALTER TABLE users ADD COLUMN x int'"),
        Rule("db.grant", .privilege, .high, "grants or revokes database permissions", example: "psql -c 'GRANT ALL ON users TO app'"),
        Rule("db.unknown", .dbWrite, .high, "a statement Airlock could not read", example: "psql -c 'SELECT 1; VACUUM FULL'"),
    ]

    static let table: [String: ProgramClassifier] = {
        var table: [String: ProgramClassifier] = [:]
        for name in [
            "psql", "mysql", "mariadb", "sqlite3", "sqlite", "sqlcmd", "mongo", "mongosh", "mongos", "redis-cli",
            "cqlsh", "clickhouse-client", "clickhouse", "duckdb", "snowsql", "cockroach", "usql", "pgcli",
            "mycli", "litecli", "valkey-cli", "bq", "trino", "presto", "isql", "sqlplus", "influx",
        ] {
            table[name] = client
        }
        for name in ["pg_dump", "pg_dumpall", "mysqldump", "mariadb-dump", "mongodump", "mongoexport", "redis-dump"] {
            table[name] = { inv in
                [
                    Finding(
                        [.network], risk: .medium, blast: .external, reason: "\(inv.program) copies database contents")
                ]
            }
        }
        for name in ["pg_restore", "mongorestore", "mongoimport", "mysqlimport"] {
            table[name] = { inv in
                inv.has(short: "c", long: ["--clean", "--drop", "--if-exists"])
                    ? [.dataDelete("\(inv.program) drops existing data before restoring", risk: .critical)]
                    : [.dbWrite("\(inv.program) writes rows into a database", risk: isLocal(inv) ? .medium : .high)]
            }
        }
        for name in ["dropdb", "dropuser"] {
            table[name] = { inv in [.dataDelete("\(inv.program) deletes a whole database or role", risk: .critical)] }
        }
        table["createdb"] = { _ in [.dbWrite("createdb creates a database", risk: .medium)] }
        table["mysqladmin"] = { inv in
            inv.args.contains("drop")
                ? [.dataDelete("mysqladmin drop deletes a database", risk: .critical)] : [.remoteRead("mysqladmin")]
        }
        for name in [
            "alembic", "flyway", "liquibase", "prisma", "knex", "sequelize", "sequelize-cli", "typeorm", "goose",
            "migrate", "dbmate", "atlas", "sqlx", "diesel", "drizzle-kit", "supabase", "sqitch", "graphile-migrate",
            "db-migrate", "node-pg-migrate", "umzug", "yoyo", "migra", "skeema", "bytebase",
        ] {
            table[name] = migrationTool
        }
        return table
    }()

    /// Client options that take a value and name neither the server nor the database.
    private static let clientValued: Set<String> = [
        "-U", "--username", "-u", "--user", "-p", "--port", "-P", "-f", "--file", "-c", "--command", "-e", "--execute",
        "-v", "--set", "--variable", "-o", "--output", "-F", "-R", "-T", "-h", "--host", "-H", "--hostname", "-d",
        "--dbname", "--uri", "--url", "-D", "--database", "--eval", "-q", "--query", "-Q",
    ]

    /// Options whose value is the SQL or command text.
    private static let queryOptions = ["-c", "--command", "-e", "--execute", "--eval", "-q", "--query", "-Q"]

    static func client(_ inv: Invocation) -> [Finding] {
        let program = inv.program
        let keyValue = program == "redis-cli" || program == "valkey-cli"
        // `redis-cli DEL k --help` sends `--help` to the server as a key name: not help.
        if inv.has(long: ["--help", "--version"]) && !keyValue || inv.args == ["-V"] { return [.read("\(program) help")] }
        var statements: [String] = []
        for option in queryOptions {
            if let query = inv.value(of: option) {
                statements.append(query)
            }
        }
        if program == "redis-cli" || program == "valkey-cli" {
            let command = inv.positionals(valued: ["-h", "-p", "-a", "-n", "-u", "--user", "--pass", "-r", "-i"])
            if !command.isEmpty { return [redis(command)] }
        } else if program == "sqlite3" || program == "sqlite" || program == "duckdb" {
            statements += inv.positionals(valued: ["-cmd", "-separator"]).dropFirst()
        } else if program == "bq" {
            let positionals = inv.positionals(valued: ["--project_id", "--dataset_id", "--format", "--location"])
            if positionals.first == "query" {
                statements += positionals.dropFirst()
            } else if let verb = positionals.first, ["rm", "delete"].contains(verb) {
                return [.dataDelete("bq rm deletes a dataset or table", risk: .critical)]
            } else if let verb = positionals.first {
                return [.remoteRead("bq \(verb)")]
            }
        }
        if let file = inv.value(of: "-f", "--file") {
            return [sqlFile("the SQL file \(file)", inv)]
        }
        if let stdin = inv.stdinText { statements.append(stdin) }
        // `psql < f.sql`, `cat f.sql | mysql db`: statements the line does not show.
        if statements.isEmpty, !keyValue {
            switch inv.stdinSource {
            case .file(let path): return [sqlFile("the SQL in \(path)", inv)]
            case .command(let producer): return [sqlFile("the SQL that \(producer) prints", inv)]
            case .network(let fetcher): return [.migration("\(program) runs SQL downloaded by \(fetcher)", risk: .high, rule: "db.unknown")]
            case .decoded(let decoder): return [.migration("\(program) runs SQL decoded by \(decoder)", risk: .high, rule: "db.unknown")]
            case .terminal, .literal: break
            }
        }
        // psql's backslash commands: `\dt` lists, `\!` runs a shell, `\o`/`\copy … to` write, `\i` runs a file.
        var meta: [Finding] = []
        statements = statements.filter { statement in
            let trimmed = statement.trimmingCharacters()
            guard trimmed.hasPrefix("\\") else { return true }
            meta.append(metaCommand(trimmed, program: program))
            return false
        }
        if statements.isEmpty, !meta.isEmpty { return meta }
        let local = isLocal(inv)
        if statements.isEmpty {
            if inv.stdinText == nil, inv.context.cwd != nil, program == "sqlite3" || program == "duckdb" {
                return [.unknown("\(program) opens an interactive session on a local database", rule: "db.session")]
            }
            return [
                Finding(
                    local ? [.unknown] : [.network], risk: .medium, blast: local ? .machine : .external,
                    reversibility: .unknown, reason: "\(program) opens a database session", isUnsure: true,
                    rule: "db.session")
            ]
        }
        return statements.flatMap { SQLStatements.classify($0, via: program, local: local) }
    }

    /// SQL the line does not show (a file, a pipe): unknown statements. Against a local or
    /// unnamed database it is a development step, asked about but not the hard floor; against a
    /// server not clearly local (a host, a URL, `$DATABASE_URL`) it may change anything there.
    static func sqlFile(_ what: String, _ inv: Invocation) -> Finding {
        guard isLocal(inv) else {
            return Finding(
                [.dbMigration], risk: .high, blast: .external, reversibility: .unknown,
                reason: "\(inv.program) runs \(what) on a database server", isUnsure: true, rule: "db.unknown")
        }
        return Finding(
            [.dbWrite], risk: .medium, blast: .machine, reversibility: .unknown,
            reason: "\(inv.program) runs \(what) on a local database", isUnsure: true, rule: "db.local-file")
    }

    /// One psql backslash command.
    static func metaCommand(_ text: String, program: String) -> Finding {
        let command = text.dropFirst().prefix { !$0.isWhitespace }
        let argument = String(text.dropFirst(1 + command.count)).trimmingCharacters()
        switch command {
        case "!":
            return .unknown("\(program) \\! runs a shell command: \(argument.prefix(60))", risk: .high, rule: "db.session")
        case "o", "out", "w", "write", "g", "gx":
            return .fileWrite("\(program) \\\(command) writes query output to \(argument.prefix(60))", rule: "path.workspace-write")
        case "copy":
            let lower = argument.lowercased()
            return lower.contains(" to ") ? .fileWrite("\(program) \\copy writes a table to a file", rule: "path.workspace-write")
                : .dbWrite("\(program) \\copy loads rows from a file", risk: .medium, rule: "db.write")
        case "i", "ir", "include":
            return .migration("\(program) \\i runs the SQL file \(argument.prefix(60))", rule: "db.write")
        default:
            return .read("\(program) \\\(command) describes the database", rule: "db.local-read")
        }
    }

    /// A database on this machine: a file (`sqlite3 app.db`), a socket, or localhost.
    static func isLocal(_ inv: Invocation) -> Bool {
        let program = inv.program
        if ["sqlite3", "sqlite", "duckdb", "litecli"].contains(program) { return true }
        let host = inv.value(of: "-h", "--host", "-H", "--hostname") ?? inv.environment["PGHOST"] ?? inv.environment["MYSQL_HOST"]
        let urls = inv.args.filter { $0.contains("://") } + [inv.value(of: "-d", "--dbname", "--uri", "-u", "--url")].compactMap { $0 }.filter { $0.contains("://") }
        let localNames: Set<String> = ["localhost", "127.0.0.1", "::1", "0.0.0.0", "db", "postgres", "mysql", "database"]
        // `psql "$DATABASE_URL"`, `-h "$DB_HOST"`: a server named at run time is not clearly local.
        let dynamic = Set(inv.arguments.filter(\.hasExpansion).map(\.text))
        if !dynamic.isEmpty {
            let named = inv.positionals(valued: clientValued)
                + [inv.value(of: "-h", "--host", "-H", "--hostname", "-d", "--dbname", "--uri", "--url", "-D", "--database")].compactMap { $0 }
            if named.contains(where: dynamic.contains) { return false }
        }
        if let host { return localNames.contains(host) || host.hasPrefix("/") }
        for url in urls {
            let afterScheme = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
            let hostPart = afterScheme.split(separator: "@").last.map { String($0.split(separator: ":").first ?? "") } ?? ""
            if !localNames.contains(hostPart) { return false }
        }
        return !["mongo", "mongosh", "bq", "snowsql", "cqlsh", "trino", "presto", "sqlplus", "influx"].contains(program)
            || program == "mongosh" && urls.isEmpty && host == nil
    }

    static func redis(_ command: [String]) -> Finding {
        let verb = command[0].uppercased()
        switch verb {
        case "FLUSHALL", "FLUSHDB": return .dataDelete("redis \(verb) deletes every key", risk: .critical)
        case "DEL", "UNLINK", "EXPIRE", "GETDEL", "HDEL", "SREM", "ZREM", "LREM", "XDEL", "XTRIM":
            return .dataDelete("redis \(verb) deletes keys", risk: .medium)
        case "CONFIG":
            let sub = command.count > 1 ? command[1].uppercased() : ""
            if sub == "GET" { return .remoteRead("redis CONFIG GET reads the server settings") }
            // `CONFIG SET dir …` plus `dbfilename` writes files where the server runs: a known escape.
            let writesFiles = command.contains { ["dir", "dbfilename"].contains($0.lowercased()) }
            return .privilege("redis CONFIG \(sub) changes the server", risk: writesFiles ? .high : .medium)
        case "ACL", "SHUTDOWN", "DEBUG", "SLAVEOF", "REPLICAOF", "MODULE", "FAILOVER":
            return .privilege("redis \(verb) changes the server")
        case "GET", "MGET", "KEYS", "SCAN", "INFO", "PING", "TTL", "TYPE", "EXISTS", "HGET", "HGETALL", "LRANGE",
            "SMEMBERS", "ZRANGE", "DBSIZE", "MONITOR", "CLIENT", "SLOWLOG", "STRLEN", "XRANGE", "XREAD":
            return .remoteRead("redis \(verb) reads keys")
        default: return .dbWrite("redis \(verb) writes keys", risk: .medium)
        }
    }

    static func migrationTool(_ inv: Invocation) -> [Finding] {
        let verbs = inv.positionals(valued: [
            "-path", "-database", "--url", "-c", "--config", "--schema", "--env", "-d", "--dir", "--database-url", "-u",
        ])
        .map { $0.lowercased() }
        let joined = verbs.prefix(3).joined(separator: " ")
        let label = "\(inv.program) \(joined)"
        let destructive = [
            "drop", "clean", "reset", "dropall", "drop-all", "teardown", "--force-reset", "wipe", "purge",
        ]
        if verbs.contains(where: { destructive.contains($0) })
            || inv.has(long: ["--force-reset", "--accept-data-loss"])
        {
            return [.dataDelete("\(label) drops the database or its data", risk: .critical)]
        }
        let reads = [
            "status", "history", "current", "heads", "show", "info", "validate", "list", "check", "diff",
            "version", "--version", "help", "print", "plan", "lint", "inspect", "generate", "format", "init", "new",
            "create", "revision", "make", "migration:create", "migration:generate", "studio", "introspect",
        ]
        if let first = verbs.first,
            reads.contains(first) || first.hasSuffix(":status") || first.hasSuffix(":create")
                || first.hasSuffix(":generate")
                || (verbs.count > 1 && ["migrate", "migration", "db", "schema"].contains(first)
                    && reads.contains(verbs[1]))
        {
            return [.read("\(label) inspects migrations")]
        }
        if verbs.isEmpty { return [.read("\(inv.program) help")] }
        return [.migration("\(label) changes a database schema")]
    }
}

/// What a database client's statements do: SQL through `SQLText`, then the document-store
/// shapes (`db.users.drop()`, `deleteMany`) SQL does not cover.
enum SQLStatements {
    static func classify(_ text: String, via program: String, local: Bool = false) -> [Finding] {
        let snippet = String(text.prefix(60))
        if let kinds = SQLText.statements(text) {
            return kinds.prefix(50).map { finding(for: $0, via: program, snippet: snippet, local: local) }
        }
        return [documentStore(text, via: program, snippet: snippet, local: local)]
    }

    static func finding(for kind: SQLText.Kind, via program: String, snippet: String, local: Bool = false) -> Finding {
        switch kind {
        case .read:
            if local {
                return .read("\(program) reads a local database: \(snippet)", rule: "db.local-read")
            }
            return Finding(
                [.network], risk: .medium, blast: .external, reason: "\(program) reads database rows: \(snippet)",
                rule: "db.read")
        case .write:
            return .dbWrite("\(program) writes rows: \(snippet)", risk: .medium, rule: "db.write")
        case .update(let hasWhere):
            if !hasWhere {
                // Every row's values overwritten: the old ones are gone.
                return .dataDelete("\(program) updates EVERY row: \(snippet)", risk: .critical, rule: "db.delete")
            }
            return .dbWrite("\(program) updates rows: \(snippet)", risk: .medium, rule: "db.write")
        case .delete(let hasWhere):
            return .dataDelete(
                "\(program) deletes \(hasWhere ? "rows" : "EVERY row"): \(snippet)", risk: hasWhere ? .medium : .critical,
                rule: "db.delete")
        case .drop:
            return .dataDelete("\(program) drops or truncates data: \(snippet)", risk: .critical, rule: "db.delete")
        case .schema:
            return .migration("\(program) changes the schema: \(snippet)", rule: "db.schema")
        case .grant:
            return .privilege("\(program) changes database permissions: \(snippet)", rule: "db.grant")
        case .unknown:
            return Finding(
                [.dbWrite], risk: .high, blast: .external, reversibility: .unknown,
                reason: "\(program) runs an unrecognised statement: \(snippet)", isUnsure: true, rule: "db.unknown")
        }
    }

    /// The characters after the first `needle` in `text`, or nil when it does not occur.
    static func characters(after needle: String, in text: String) -> ArraySlice<Character>? {
        let chars = Array(text)
        let needle = Array(needle)
        guard chars.count >= needle.count,
            let start = (0...(chars.count - needle.count)).first(where: { chars[$0..<($0 + needle.count)].elementsEqual(needle) })
        else { return nil }
        return chars[(start + needle.count)...]
    }

    /// True when the call after `method` starts with a non-empty filter: `({a: 1}` — not `()` or `({})`.
    static func hasFilter(_ text: String, after method: String) -> Bool {
        guard var rest = characters(after: method, in: text)?.drop(while: { $0.isWhitespace }) else { return false }
        if rest.first == "(" { rest = rest.dropFirst().drop { $0.isWhitespace } }
        guard let first = rest.first, first != ")" else { return false }
        if first == "{" { return rest.dropFirst().drop { $0.isWhitespace }.first != "}" }
        return true
    }

    /// Mongo-style shell code.
    static func documentStore(_ text: String, via program: String, snippet: String, local: Bool = false) -> Finding {
        if text.contains("dropDatabase") || text.contains(".drop(") {
            return .dataDelete("\(program) drops a database or collection", risk: .critical)
        }
        // Like SQL's WHERE: a call with a non-empty filter touches the documents it matches.
        for method in ["deleteMany", ".remove(", "deleteOne", "findOneAndDelete"] where text.contains(method) {
            if method == "deleteOne" || method == "findOneAndDelete" || hasFilter(text, after: method) {
                return .dataDelete("\(program) deletes the documents a filter matches", risk: .medium, rule: "db.delete")
            }
            return .dataDelete("\(program) deletes EVERY document of a collection", risk: .high, rule: "db.delete")
        }
        let oneDocument: Set<String> = ["updateOne", "replaceOne", "findOneAndUpdate", "findOneAndReplace", "findAndModify"]
        for method in ["updateMany", "replaceOne", "updateOne", ".update(", "findOneAndUpdate", "findOneAndReplace", "findAndModify"]
        where text.contains(method) {
            if oneDocument.contains(method) || hasFilter(text, after: method) {
                return .dbWrite("\(program) updates the documents a filter matches", risk: .medium, rule: "db.write")
            }
            return .dataDelete("\(program) updates EVERY document of a collection", risk: .high, rule: "db.delete")
        }
        if text.contains("insert") {
            return .dbWrite("\(program) writes documents", risk: .medium, rule: "db.write")
        }
        // `$out` replaces a whole collection with the pipeline's result; `$merge` writes into one.
        if text.contains("$out") || text.contains("$merge") {
            return .dataDelete("\(program) aggregate writes its result over a collection ($out/$merge)", rule: "db.delete")
        }
        if MongoShell.isReadOnly(text) {
            if local { return .read("\(program) reads a local database: \(snippet)", rule: "db.local-read") }
            return Finding([.network], risk: .medium, blast: .external, reason: "\(program) reads documents: \(snippet)", rule: "db.read")
        }
        if text.contains("find") || text.contains("count") || text.contains("aggregate") || text.contains("show") {
            return Finding([.network], risk: .medium, blast: .external, reason: "\(program) reads documents")
        }
        return Finding(
            [.dbWrite], risk: .high, blast: .external, reversibility: .unknown,
            reason: "\(program) runs an unrecognised statement: \(snippet)", isUnsure: true)
    }
}
