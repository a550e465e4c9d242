/// Dispatches an invocation to the table that knows its program.
enum ProgramTable {
    /// Pure lookups: program name → classifier. Programs that need the analyser (to follow code
    /// they run) are handled in `classify` before this table.
    static let table: [String: ProgramClassifier] = {
        var table: [String: ProgramClassifier] = [:]
        for part in [
            LocalPrograms.table, BuildPrograms.table, NetworkPrograms.table, DatabasePrograms.table,
            InfraPrograms.table, ServicePrograms.table,
        ] {
            table.merge(part) { first, _ in first }
        }
        table["git"] = GitProgram.classify
        return table
    }()

    static func classify(
        _ invocation: Invocation, context: ClassificationContext,
        analyzer: inout ShellAnalyzer, depth: Int
    ) -> [Finding] {
        let program = invocation.program
        switch program {
        case "find":
            return FindProgram.classify(invocation, context: context, analyzer: &analyzer, depth: depth)
        case "ssh":
            return NetworkPrograms.ssh(invocation, analyzer: &analyzer, depth: depth)
        case "su", "runuser":
            if let c = invocation.args.firstIndex(where: { $0 == "-c" || $0 == "--command" }),
                c + 1 < invocation.args.count
            {
                analyzer.analyze(script: invocation.args[c + 1], depth: depth + 1)
            }
            return [.privilege("\(program) switches user", risk: .high)]
        case "airlock":
            return [airlock(invocation)]
        default:
            break
        }
        if DataPrograms.names.contains(program) {
            return [dataProgram(invocation)]
        }
        if program.hasPrefix("mkfs") {
            return [.destructive("\(program) formats a filesystem", risk: .critical, blast: .machine)]
        }
        return table[program]?(invocation) ?? []
    }

    /// echo, printf, which, … — with the few of them that reveal the environment.
    static func dataProgram(_ invocation: Invocation) -> Finding {
        let program = invocation.program
        let args = invocation.args
        if ["export", "declare", "typeset", "set"].contains(program),
            args.isEmpty || args == ["-p"] || args == ["-x"] || args == ["-px"]
        {
            return .secrets("\(program) prints shell variables, secrets included", risk: .medium)
        }
        if program == "echo" || program == "printf",
            invocation.arguments.contains(where: { $0.hasExpansion && Self.namesSecret($0.text) })
        {
            return .secrets("\(program) prints a secret variable", risk: .high)
        }
        return .read("\(program) only prints or looks up")
    }

    /// `$AWS_SECRET_ACCESS_KEY`, `${GITHUB_TOKEN}`, …
    static func namesSecret(_ text: String) -> Bool {
        let upper = text.uppercased()
        return [
            "SECRET", "TOKEN", "PASSWORD", "PASSWD", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL",
        ]
        .contains(where: upper.contains)
    }

    /// Airlock's own CLI: changing its policy from inside an agent is an escape.
    static func airlock(_ invocation: Invocation) -> Finding {
        let verb = invocation.positionals().first ?? ""
        switch verb {
        case "check", "status", "audit", "doctor", "help", "--help", "--version", "hook", "", "demo":
            return .read("airlock \(verb) only reads")
        default:
            return Finding(
                [.selfModification], risk: .critical, blast: .machine, reversibility: .partial,
                reason: "airlock \(verb) changes Airlock itself; an agent may not do that")
        }
    }

    /// pip, npm, cargo, … when they install packages; nil when they do something else.
    static func packageManager(_ invocation: Invocation) -> Finding? {
        BuildPrograms.packageManager(invocation)
    }

    /// `manage.py <command>` and `django-admin <command>`.
    static func djangoManage(_ rest: [String], program: String) -> Finding {
        let command = rest.first { !$0.hasPrefix("-") } ?? ""
        switch command {
        case "migrate": return .migration("\(program) migrate changes the database schema")
        case "flush", "sqlflush", "reset_db":
            return .dataDelete("\(program) \(command) deletes every row", risk: .critical)
        case "test": return .test("\(program) test runs tests")
        case "makemigrations", "collectstatic", "compilemessages", "startapp": return .build("\(program) \(command)")
        case "check", "showmigrations", "sqlmigrate", "diffsettings", "help", "": return .read("\(program) \(command)")
        case "loaddata": return .dbWrite("\(program) loaddata writes rows")
        case "dbshell", "shell", "shell_plus": return .unknown("\(program) \(command) opens an interactive session")
        case "createsuperuser", "changepassword": return .privilege("\(program) \(command) changes accounts")
        default: return .unknown("\(program) \(command) runs a management command")
        }
    }
}
