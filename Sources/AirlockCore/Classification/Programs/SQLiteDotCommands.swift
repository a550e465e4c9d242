/// The sqlite3 shell's dot-commands (`.tables`, `.dump`, `.shell …`): most describe or print the
/// database, some write files or load rows, and `.shell`/`.system` run a command — which is
/// analysed as shell code, so `.shell rm -rf ~` is as bad as `rm -rf ~`.
enum SQLiteDotCommands {
    /// Findings for one dot-command line (`text` starts with `.`).
    static func finding(
        _ text: String, program: String, analyzer: inout ShellAnalyzer, depth: Int, context: ClassificationContext
    ) -> [Finding] {
        let trimmed = text.trimmingCharacters()
        let name = String(trimmed.dropFirst().prefix { !$0.isWhitespace }).lowercased()
        let argument = String(trimmed.dropFirst(1 + name.count)).trimmingCharacters()
        if reads.contains(name) {
            return [.read("\(program) .\(name) describes or prints the database", rule: "db.local-read")]
        }
        switch name {
        case "shell", "system":
            analyzer.analyze(script: argument, depth: depth + 1)
            return [
                Finding(
                    [.unknown], risk: .medium, blast: .machine, reversibility: .unknown,
                    reason: "\(program) .\(name) runs the command \(argument.prefix(60))", targets: [argument],
                    rule: "option.runs-command")
            ]
        case "output", "once", "save", "backup", "clone", "excel":
            let file = firstWord(argument)
            guard !file.isEmpty, !file.hasPrefix("-") else {
                return [.read("\(program) .\(name) writes to the screen", rule: "db.local-read")]
            }
            let written = FileTargets.write(file, verb: "\(program) .\(name) writes", context: context)
            analyzer.noteWrites(written)
            return written
        case "import":
            return [.dbWrite("\(program) .import loads rows from a file", risk: .medium, rule: "db.write")]
        case "restore":
            return [.dataDelete("\(program) .restore replaces the database with a backup", risk: .high, rule: "db.delete")]
        case "read":
            return [.migration("\(program) .read runs the SQL file \(argument.prefix(60))", risk: .medium, rule: "db.write")]
        case "load":
            return [.unknown("\(program) .load loads a native extension: it runs its code", risk: .high, rule: "option.runs-code")]
        default:
            // Like a statement it cannot read (`db.unknown`): unsure and high.
            return [.unknown("\(program) .\(name) is a dot-command Airlock does not know", risk: .high, rule: "db.session")]
        }
    }

    private static func firstWord(_ text: String) -> String {
        var word = String(text.prefix { !$0.isWhitespace })
        if word.count >= 2, let first = word.first, first == "'" || first == "\"", word.last == first {
            word = String(word.dropFirst().dropLast())
        }
        return word
    }

    /// Dot-commands that only describe, print or set how output looks.
    static let reads: Set<String> = [
        "tables", "table", "schema", "fullschema", "indexes", "indices", "dump", "mode", "headers", "header",
        "databases", "dbinfo", "dbconfig", "show", "help", "width", "separator", "nullvalue", "echo", "timer",
        "stats", "eqp", "explain", "print", "quit", "exit", "bail", "changes", "lint", "sha3sum", "open",
        "timeout", "prompt", "version", "columns", "column", "list", "csv", "json", "markdown", "box",
        "testcase", "trace", "vfsinfo", "vfslist", "vfsname", "limit", "parameter", "progress", "scanstats",
        "selftest", "connection", "recover", "binary", "check", "crnl",
    ]
}
