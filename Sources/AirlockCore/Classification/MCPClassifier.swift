/// Classifies MCP tool calls into the MCP tool types (DESIGN §4) by name, server, annotations
/// and arguments.
///
/// The name decides first: annotations are hints a server may get wrong or lie about, so they
/// can only make a call look more dangerous, except that a trusted server's `readOnlyHint`
/// settles a name that says nothing.
public enum MCPClassifier {
    /// One finding for the call: its MCP tool type and hazards, worst risk, and `server.tool` as the first target.
    public static func classify(_ call: MCPCall, host: HostFacts, cwd: String? = nil, workspaceRoot: String? = nil) -> [Finding] {
        let name = ToolName(call)
        let label = call.server.isEmpty ? call.tool : call.server + "." + call.tool
        let openWorld = call.annotations?.openWorldHint ?? true
        let values = stringValues(call.arguments)

        var parts: [Part] = []
        var kind = NameKind.unknown
        if name.isGit, let git = gitTool(name, call: call) {
            parts = [git.part]
            kind = git.kind
        } else {
            (parts, kind) = classifyByName(name, call: call, openWorld: openWorld)
        }

        // SQL in the arguments of a database tool (or a tool we cannot place) says what it does.
        if name.isDatabaseExec || name.isDatabase || kind == .unknown {
            let statements = values.prefix(64).compactMap(SQLText.statements).flatMap { $0 }
            if let sql = sqlParts(statements) {
                if name.isDatabaseExec {
                    parts = sql.parts
                    kind = sql.isReadOnly ? .read : .write
                } else if !sql.isReadOnly {
                    parts.removeAll { $0.categories == [.unknownWrite] }
                    parts += sql.parts
                    kind = .write
                }
            } else if name.isDatabaseExec {
                parts = [
                    Part(
                        [.unknownWrite], risk: .medium, blast: .production, reversibility: .unknown,
                        phrase: "runs a database statement Airlock could not read", isUnsure: true)
                ]
                kind = .write
            }
        }

        parts = applyAnnotations(parts, kind: kind, call: call, openWorld: openWorld)

        // Paths in the arguments go through the same path classes as a shell command's: a tool
        // that writes a hook config or a start-up file, or reads a key file.
        var targets = [label]
        for value in values.lazy.filter(looksLikePath).prefix(64) {
            let file = PathClassifier.classify(value, cwd: cwd, workspaceRoot: workspaceRoot, host: host)
            if file.isSelfModification, kind != .read {
                parts.append(
                    Part(
                        [.selfModification], risk: .critical, blast: .machine, reversibility: .unknown,
                        phrase: "touches " + file.reason))
                targets.append(value)
            } else if file.isSecret {
                parts.append(
                    Part(
                        [.secretAccess], risk: .high, blast: .external, reversibility: .irreversible,
                        phrase: "names " + file.reason, rollback: "rotate the secret"))
                targets.append(value)
            } else if file.isPersistence, kind != .read {
                parts.append(
                    Part(
                        [.persistence], risk: .high, blast: .machine, reversibility: .partial,
                        phrase: "writes " + file.reason))
                targets.append(value)
            } else if !file.isInsideWorkspace, !file.isTemporary, workspaceRoot != nil, file.isSystem || file.isInHome {
                parts.append(
                    Part(
                        [.outsideWorkspace], risk: kind == .read ? .medium : .high, blast: .machine,
                        reversibility: kind == .read ? .reversible : .unknown,
                        phrase: (kind == .read ? "reads " : "touches ") + file.reason))
                targets.append(value)
            }
        }
        // A command string handed to a tool that runs it is judged as the shell would run it; the
        // tool is at least as risky as the command.
        let context = ClassificationContext(cwd: cwd, workspaceRoot: workspaceRoot, host: host)
        let commands = commandArguments(call, name: name).prefix(4).map { command in
            (command, Classifier.assess(command: command, context: context))
        }
        // A shell server's tool with a command Airlock read in full is that command, not "anything".
        if name.isCommandRunner, !commands.isEmpty, !commands.contains(where: { $0.1.isUnsure }) {
            parts = parts.map { part in
                guard part.phrase == Self.arbitraryCommands else { return part }
                var part = part
                part.risk = .medium
                part.isUnsure = false
                part.phrase = "runs the command it is given"
                return part
            }
        }
        var findings = [merged(parts, label: label, targets: targets)]
        for (command, inner) in commands {
            findings += inner.findings.map { finding in
                var finding = finding
                finding.reason = label + " runs `" + String(command.prefix(60)) + "`: " + finding.reason
                return finding
            }
            if !inner.productionMarkers.isEmpty {
                findings = findings.map { finding in
                    var finding = finding
                    finding.risk = max(finding.risk, .high)
                    return finding
                }
            }
        }
        return findings
    }

    private static let arbitraryCommands = "runs arbitrary commands"

    /// Argument keys whose value is a command line a tool runs.
    private static let commandKeys: Set<String> = [
        "command", "cmd", "script", "shell", "cli_command", "clicommand", "commandline", "command_line", "bash",
        "shell_command", "run", "exec",
    ]
    /// CLIs a cloud or cluster server runs with the arguments it is given.
    private static let runnerPrefixes: [String: String] = [
        "aws": "aws", "kubectl": "kubectl", "k8s": "kubectl", "kubernetes": "kubectl", "gcloud": "gcloud", "az": "az",
        "azure": "az", "terraform": "terraform", "helm": "helm", "docker": "docker", "gh": "gh",
    ]

    /// The command lines in a call's arguments that its tool runs.
    private static func commandArguments(_ call: MCPCall, name: ToolName) -> [String] {
        guard case .object(let object) = call.arguments else { return [] }
        var commands: [String] = []
        let serverWords = Set(ToolName.split(call.server) + ToolName.split(call.tool))
        let cli = serverWords.lazy.compactMap { runnerPrefixes[$0] }.first
        for key in object.keys.sorted() {
            let lower = key.lowercased()
            guard commandKeys.contains(lower) || (name.isCommandRunner && (lower == "args" || lower == "input")) else { continue }
            var text: String?
            switch object[key] {
            case .string(let value)?: text = value
            case .array(let items)?: text = items.compactMap(\.stringValue).joined(separator: " ")
            default: break
            }
            guard var command = text?.trimmingCharacters(), !command.isEmpty else { continue }
            // `call_aws {"cli_command": "s3 rb s3://x"}`: the server's CLI is the program.
            if let cli, !command.hasPrefix(cli + " "), command != cli,
                ProgramRegistry.shared.spec(for: String(command.prefix { $0 != " " })) == nil
            {
                command = cli + " " + command
            }
            commands.append(command)
        }
        return commands
    }

    /// The lower-case words of a tool or server name, split on `_ - . / :` and camelCase.
    static func words(_ name: String) -> [String] { ToolName.split(name) }

    // MARK: - Names

    /// What the name alone says the tool does.
    private enum NameKind: Equatable {
        case read, write, unknown
    }

    /// The hazards and tool type the name and server say, and whether the name reads or writes.
    private static func classifyByName(_ name: ToolName, call: MCPCall, openWorld: Bool) -> ([Part], NameKind) {
        let all = name.all
        let acting = name.acts
        let remoteBlast: BlastRadius = openWorld ? .external : .machine
        var hazards: [Part] = []

        if name.saysDelete {
            if !all.isDisjoint(with: Vocabulary.softRemovalNouns) {
                // Removing a label or an assignee is a status change, not data loss.
            } else if !all.isDisjoint(with: Vocabulary.privilegeNouns) {
                hazards.append(
                    Part([.privilege], risk: .high, blast: remoteBlast, phrase: "revokes access (privilege)"))
            } else {
                hazards.append(
                    Part(
                        [.dataDelete], risk: name.isDatabase ? .critical : .high,
                        blast: name.isDatabase ? .production : remoteBlast, reversibility: .irreversible,
                        phrase: "deletes data (data deletion)", rollback: "none: restore from a backup, if one exists"))
            }
        }
        if (all.contains("force") && all.contains("push"))
            || (acting.contains("push") && call.arguments["force"]?.boolValue == true)
        {
            hazards.append(
                Part(
                    [.dataDelete, .vcsRewrite], risk: .high, blast: remoteBlast, reversibility: .irreversible,
                    phrase: "force-pushes over remote history"))
        }
        // `transfer_issue` moves an issue between repositories; no money moves.
        let transferIsMoney = all.isDisjoint(with: Vocabulary.nonMoneyTransferNouns)
        let moneyNouns = all.intersection(Vocabulary.moneyNouns).subtracting(
            transferIsMoney ? [] : ["transfer", "transfers"])
        if !acting.isDisjoint(with: Vocabulary.moneyVerbs) || (acting.contains("transfer") && transferIsMoney)
            || (name.saysWrite && !moneyNouns.isEmpty)
        {
            hazards.append(
                Part(
                    [.billingMoney], risk: .critical, blast: .production, reversibility: .irreversible,
                    phrase: "moves money or changes billing"))
        }
        if !acting.isDisjoint(with: Vocabulary.privilegeVerbs)
            || (name.saysWrite && !name.saysDelete && !all.isDisjoint(with: Vocabulary.privilegeNouns))
        {
            hazards.append(
                Part([.privilege], risk: .high, blast: remoteBlast, phrase: "changes permissions or access (privilege)")
            )
        }
        if name.isSecret {
            hazards.append(
                Part(
                    [.secretAccess], risk: .high, blast: .external, reversibility: .irreversible,
                    phrase: name.saysWrite ? "changes secrets (secret access)" : "reads secrets (secret access)",
                    rollback: "rotate the secret"))
        }
        if !all.isDisjoint(with: ["migrate", "migration", "migrations"]), name.saysWrite {
            hazards.append(
                Part(
                    [.productionDBWrite, .dbMigration], risk: .critical, blast: .production, reversibility: .partial,
                    phrase: "runs a database migration", rollback: "the migration's down step, if it has one"))
        }

        if name.isCommandRunner {
            return (
                hazards + [
                    Part(
                        [.unknownWrite], risk: .high, blast: .machine, reversibility: .unknown,
                        phrase: arbitraryCommands, isUnsure: true)
                ], .write
            )
        }

        if name.saysWrite {
            if let object = writeObject(name, remoteBlast: remoteBlast) { return (hazards + [object], .write) }
            if !hazards.isEmpty { return (hazards, .write) }
            return (
                [
                    Part(
                        [.unknownWrite], risk: .medium, blast: remoteBlast, reversibility: .unknown,
                        phrase: "an unrecognised write; it may change state", isUnsure: true)
                ], .write
            )
        }
        if !hazards.isEmpty { return (hazards, name.saysRead ? .read : .unknown) }
        if name.saysRead || name.isDocServer {
            let isDocs = name.isDocServer || !all.isDisjoint(with: Vocabulary.docNouns)
            return ([readPart(isDocs ? .docSearch : .readLookup, openWorld: openWorld)], .read)
        }
        return ([], .unknown)
    }

    /// The tool type of a write, from its verb and object, most consequential first.
    private static func writeObject(_ name: ToolName, remoteBlast: BlastRadius) -> Part? {
        let all = name.all
        let acting = name.acts
        if name.isDeployTrigger {
            return Part(
                [.deployTrigger], risk: .high, blast: .production, reversibility: .partial,
                phrase: "triggers a deployment, release or workflow (deploy trigger)",
                rollback: "redeploy the previous version")
        }
        if name.isDatabase || name.isRowWrite {
            return Part(
                [.productionDBWrite], risk: .critical, blast: .production, reversibility: .irreversible,
                phrase: "writes to a database (production database write)")
        }
        if acting.contains("merge") {
            // A merge lands code on a shared branch, which often deploys.
            return Part(
                [.statusChange, .fileWriteAPI], risk: .high, blast: remoteBlast, reversibility: .partial,
                phrase: "merges into a shared branch (status change, file write)", rollback: "revert the merge commit")
        }
        if !acting.isDisjoint(with: ["upload", "push", "commit"]) || !all.isDisjoint(with: Vocabulary.fileNouns) {
            return Part(
                [.fileWriteAPI], risk: .high, blast: remoteBlast, reversibility: .partial,
                phrase: "writes files through an API (file write, strong approval)", rollback: "revert the commit")
        }
        if !acting.isDisjoint(with: Vocabulary.createVerbs), !all.isDisjoint(with: Vocabulary.trackerCreateNouns) {
            return Part(
                [.commentWrite], risk: .medium, blast: remoteBlast, reversibility: .partial,
                phrase: "creates " + name.objectPhrase + " (comment/status write)", rollback: "close or delete it")
        }
        let comment = Part(
            [.commentWrite], risk: .medium, blast: remoteBlast, reversibility: .partial,
            phrase: "posts a comment or message (comment write)", rollback: "edit or delete the comment")
        let status = Part(
            [.statusChange], risk: .medium, blast: remoteBlast, reversibility: .partial,
            phrase: "changes an item's status (status change)", rollback: "change it back")
        // Verbs before nouns: `resolve_review_thread` closes a thread, it posts nothing.
        if !acting.isDisjoint(with: Vocabulary.commentVerbs) { return comment }
        if !acting.isDisjoint(with: Vocabulary.statusVerbs) { return status }
        if !all.isDisjoint(with: Vocabulary.commentNouns) { return comment }
        if !all.isDisjoint(with: Vocabulary.trackerNouns) || !all.isDisjoint(with: Vocabulary.softRemovalNouns) {
            return status
        }
        return nil
    }

    /// A read: low risk, reaching outside only when the tool is open-world.
    private static func readPart(_ category: Category, openWorld: Bool, phrase: String? = nil) -> Part {
        Part(
            [category], risk: .low, blast: openWorld ? .external : .none,
            phrase: phrase ?? (category == .docSearch ? "a documentation search" : "a read-only lookup"))
    }

    // MARK: - mcp-server-git

    /// mcp-server-git and its kin name tools `git_<command>`; they act on a local repository.
    private static func gitTool(_ name: ToolName, call: MCPCall) -> (part: Part, kind: NameKind)? {
        let rest = Set(name.words.dropFirst())
        guard let command = name.words.dropFirst().first else { return nil }
        if call.arguments["force"]?.boolValue == true || rest.contains("force") {
            if rest.contains("push") {
                return (
                    Part(
                        [.vcsRewrite, .dataDelete], risk: .high, blast: .external, reversibility: .irreversible,
                        phrase: "force-pushes over remote history"), .write
                )
            }
        }
        if !rest.isDisjoint(with: ["reset", "rebase", "clean", "restore", "amend"])
            || !rest.isDisjoint(with: Vocabulary.deleteVerbs)
        {
            return (
                Part(
                    [.vcsRewrite, .unknownWrite], risk: .high, blast: .workspaceUnrecoverable,
                    reversibility: .irreversible,
                    phrase: "rewrites or discards local git state (a human decides)", isUnsure: true), .write
            )
        }
        if command == "push" {
            return (
                Part(
                    [.fileWriteAPI], risk: .high, blast: .external, reversibility: .partial,
                    phrase: "pushes commits to a remote (file write)"), .write
            )
        }
        if [
            "add", "commit", "create", "checkout", "init", "stash", "switch", "tag", "pull", "merge", "cherry",
            "revert", "mv", "apply",
        ].contains(command) {
            return (
                Part(
                    [.fileWriteAPI], risk: .medium, blast: .workspace, reversibility: .reversible,
                    phrase: "changes the local git repository (file write)"), .write
            )
        }
        if [
            "status", "diff", "log", "show", "branch", "blame", "reflog", "describe", "shortlog", "fetch", "ls",
            "list", "grep", "remote", "worktree",
        ].contains(command) {
            return (readPart(.readLookup, openWorld: false, phrase: "a read-only git command"), .read)
        }
        return nil
    }

    // MARK: - SQL

    /// What the SQL statements found in the arguments do; nil when there were none.
    private static func sqlParts(_ statements: [SQLText.Kind]) -> (parts: [Part], isReadOnly: Bool)? {
        guard !statements.isEmpty else { return nil }
        var parts: [Part] = []
        func write(_ categories: [Category], _ phrase: String) {
            parts.append(
                Part(categories, risk: .critical, blast: .production, reversibility: .irreversible, phrase: phrase))
        }
        for statement in statements {
            switch statement {
            case .read: break
            case .write, .update: write([.productionDBWrite], "writes rows (production database write)")
            case .delete(let hasWhere):
                write(
                    [.productionDBWrite, .dataDelete],
                    hasWhere
                        ? "deletes rows (data deletion)" : "deletes every row: DELETE without WHERE (data deletion)")
            case .drop: write([.productionDBWrite, .dataDelete], "drops or truncates data (data deletion)")
            case .schema: write([.productionDBWrite, .dbMigration], "changes the schema (migration)")
            case .grant: write([.productionDBWrite, .privilege], "changes database permissions (privilege)")
            case .unknown:
                parts.append(
                    Part(
                        [.unknownWrite], risk: .medium, blast: .production, reversibility: .unknown,
                        phrase: "runs an SQL statement Airlock could not read", isUnsure: true))
            }
        }
        if parts.isEmpty {
            return ([readPart(.readLookup, openWorld: true, phrase: "a read-only SQL query")], true)
        }
        return (parts, false)
    }

    // MARK: - Annotations

    /// Applies the server's hints: they never lower what the name says, and settle only unknown names.
    private static func applyAnnotations(_ parts: [Part], kind: NameKind, call: MCPCall, openWorld: Bool) -> [Part] {
        let readOnly = call.annotations?.readOnlyHint
        let isDestructive = call.annotations?.destructiveHint == true && readOnly != true
        switch kind {
        case .read:
            if isDestructive {
                return [
                    Part(
                        [.unknownWrite], risk: .medium, blast: openWorld ? .external : .machine,
                        reversibility: .unknown, phrase: "named like a read, but the server marks it destructive",
                        isUnsure: true)
                ] + parts.filter { !$0.isRead }
            }
            if readOnly == false {
                return [
                    Part(
                        [.unknownWrite], risk: .low, blast: openWorld ? .external : .machine, reversibility: .unknown,
                        phrase: "named like a read, but the server says it is not read-only", isUnsure: true)
                ] + parts.filter { !$0.isRead }
            }
            return parts
        case .write:
            guard isDestructive else { return parts }
            return parts.map { part in
                var part = part
                part.risk = part.risk.raised
                return part
            }
        case .unknown:
            if !parts.isEmpty { return parts }
            if readOnly == true {
                if call.isServerTrusted {
                    return [
                        readPart(
                            .readLookup, openWorld: openWorld, phrase: "a lookup the trusted server marks read-only")
                    ]
                }
                return [
                    Part(
                        [.unknownWrite], risk: .low, blast: openWorld ? .external : .machine, reversibility: .unknown,
                        phrase: "the server says read-only, but its annotations are unverified", isUnsure: true)
                ]
            }
            return [
                Part(
                    [.unknownWrite], risk: isDestructive ? .high : .medium, blast: openWorld ? .external : .machine,
                    reversibility: .unknown,
                    phrase: isDestructive
                        ? "an unrecognised tool the server marks destructive"
                        : "an unrecognised tool; it may change state",
                    isUnsure: true)
            ]
        }
    }

    // MARK: - Arguments

    /// The string values in the arguments (not the keys), depth first, in key order.
    private static func stringValues(_ value: JSONValue) -> [String] {
        var out: [String] = []
        func walk(_ value: JSONValue, depth: Int) {
            guard depth < 16, out.count < 512 else { return }
            switch value {
            case .string(let text): out.append(text)
            case .array(let values): for item in values { walk(item, depth: depth + 1) }
            case .object(let object): for key in object.keys.sorted() { walk(object[key] ?? .null, depth: depth + 1) }
            default: break
            }
        }
        walk(value, depth: 0)
        return out
    }

    /// A value worth classifying as a path: one line, no URL, and shaped like a path or file name.
    private static func looksLikePath(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 1024, !text.contains(where: \.isNewline), !text.contains("://") else {
            return false
        }
        if text.hasPrefix("/") || text.hasPrefix("~") || text.hasPrefix("$HOME") || text.hasPrefix("${HOME}") {
            return true
        }
        return !text.contains(" ") && (text.contains("/") || text.contains("."))
    }

    // MARK: - Merging

    /// One finding from all conclusions: union of categories, the worst risk, blast and reversibility.
    private static func merged(_ parts: [Part], label: String, targets: [String]) -> Finding {
        var categories = Set<Category>()
        var phrases: [String] = []
        for part in parts {
            categories.formUnion(part.categories)
            if !phrases.contains(part.phrase) { phrases.append(part.phrase) }
        }
        let worst = parts.max { $0.reversibility < $1.reversibility }
        // The rule names the weightiest class among the riskiest conclusions.
        let top = parts.map(\.risk).max()
        let weight: [Category] = [
            .selfModification, .billingMoney, .dbMigration, .dataDelete, .productionDBWrite, .secretAccess, .privilege,
            .persistence, .deployTrigger, .vcsRewrite, .fileWriteAPI, .outsideWorkspace, .commentWrite, .statusChange,
            .unknownWrite, .readLookup, .docSearch,
        ]
        let riskiest = Set(parts.filter { $0.risk == top }.flatMap(\.categories))
        let rule = "mcp." + (weight.first(where: riskiest.contains)?.ruleSlug ?? "unknown-write")
        return Finding(
            categories.sorted(), risk: parts.map(\.risk).max() ?? .medium,
            blast: parts.map(\.blast).max() ?? .external, reversibility: worst?.reversibility ?? .unknown,
            reason: label + ": " + phrases.joined(separator: "; "), targets: targets,
            isUnsure: parts.contains(where: \.isUnsure), rollback: worst?.rollback, rule: rule)
    }
}

/// One conclusion about a tool call; a call's finding merges them.
private struct Part {
    var categories: [Category]
    var risk: Risk
    var blast: BlastRadius
    var reversibility: Reversibility
    var phrase: String
    var rollback: String?
    var isUnsure: Bool

    init(
        _ categories: [Category], risk: Risk, blast: BlastRadius, reversibility: Reversibility = .reversible,
        phrase: String, rollback: String? = nil, isUnsure: Bool = false
    ) {
        self.categories = categories
        self.risk = risk
        self.blast = blast
        self.reversibility = reversibility
        self.phrase = phrase
        self.rollback = rollback
        self.isUnsure = isUnsure
    }

    var isRead: Bool { categories.allSatisfy { $0 == .readLookup || $0 == .docSearch } }
}

/// A tool name split into lower-case words, with what its verbs and nouns say.
private struct ToolName {
    /// Tool-name words in order: `createOrUpdateFile` → create, or, update, file.
    var words: [String]
    /// Tool and server words together.
    var all: Set<String>
    /// The verbs that act: strong verbs when there are any, otherwise the words that are verbs
    /// only when nothing else is (`deploy`, `merge`, `comment`, `run`).
    var acting: [String]
    var acts: Set<String>
    var saysDelete: Bool
    var saysWrite: Bool
    var saysRead: Bool
    var isGit: Bool
    var isDatabase: Bool
    var isDatabaseExec: Bool
    /// Inserts or updates rows, records or documents, whatever the server.
    var isRowWrite: Bool
    var isDocServer: Bool
    var isSecret: Bool
    var isCommandRunner: Bool
    var isDeployTrigger: Bool

    init(_ call: MCPCall) {
        var words = Self.split(call.tool)
        let serverWords = Self.split(call.server)
        // `resolve` is a lookup for names and ids (`resolve-library-id`), a status change for threads.
        if let index = words.firstIndex(of: "resolve") {
            words[index] = words.contains(where: Vocabulary.resolvableNames.contains) ? "lookup" : "close"
        }
        self.words = words
        let toolSet = Set(words)
        all = toolSet.union(serverWords)

        let strongReads = words.filter(Vocabulary.readVerbs.contains)
        let strongWrites = words.filter(Vocabulary.writeVerbs.contains)
        let deletes = words.filter(Vocabulary.deleteVerbs.contains)
        let hasStrong = !strongReads.isEmpty || !strongWrites.isEmpty || !deletes.isEmpty
        let weakWrites = hasStrong ? [] : words.filter(Vocabulary.weakWriteVerbs.contains)
        let weakReads = hasStrong ? [] : words.filter(Vocabulary.weakReadWords.contains)
        acting = deletes + strongWrites + weakWrites
        acts = Set(acting)
        saysDelete = !deletes.isEmpty
        saysWrite = !acting.isEmpty
        saysRead = !saysWrite && (!strongReads.isEmpty || !weakReads.isEmpty)

        isGit = words.first == "git" && words.count >= 2
        isDatabase = !all.isDisjoint(with: Vocabulary.databaseWords)
        isRowWrite =
            !acts.isDisjoint(with: ["insert", "upsert", "update"])
            && !toolSet.isDisjoint(with: ["row", "rows", "record", "records"])
        isDatabaseExec =
            !toolSet.isDisjoint(with: ["execute", "exec", "run", "query", "sql", "statement"])
            && (isDatabase || toolSet.contains("sql"))
        isDocServer = !Set(serverWords).isDisjoint(with: Vocabulary.docServers) && !saysWrite
        let mentionsTokens = toolSet.contains("token") || toolSet.contains("tokens")
        let tokensAreSecret =
            mentionsTokens && toolSet.isDisjoint(with: ["count", "usage", "limit", "limits", "estimate"])
        isSecret =
            !toolSet.isDisjoint(with: Vocabulary.secretWords) || tokensAreSecret
            || (toolSet.contains("key")
                && !toolSet.isDisjoint(with: ["api", "private", "access", "secret", "ssh", "signing", "deploy"]))
            || (!toolSet.isDisjoint(with: ["env", "environment"])
                && !toolSet.isDisjoint(with: ["var", "vars", "variable", "variables"]))
        isCommandRunner =
            !toolSet.isDisjoint(with: Vocabulary.commandNouns)
            && (!acts.isDisjoint(with: ["run", "execute", "exec", "eval", "start", "spawn"]) || words.count == 1)
        isDeployTrigger =
            saysWrite
            && (!acts.isDisjoint(with: Vocabulary.deployVerbs)
                || !toolSet.isDisjoint(with: ["deployment", "deployments", "release", "releases"])
                    && !acts.isDisjoint(with: Vocabulary.createVerbs.union(["update", "trigger", "start", "run"]))
                || !acts.isDisjoint(with: ["trigger", "dispatch", "run", "rerun", "start", "retry"])
                    && !toolSet.isDisjoint(with: Vocabulary.pipelineNouns)
                || !acts.isDisjoint(with: ["restart", "scale", "reboot", "stop", "start", "kill", "resize"])
                    && !toolSet.isDisjoint(with: Vocabulary.runtimeNouns)
                || acts.contains("apply") && (words.count == 1 || !toolSet.isDisjoint(with: Vocabulary.applyNouns)))
    }

    /// The words after the first acting verb, as an object phrase: "an issue", "a pull request".
    var objectPhrase: String {
        guard let verb = acting.first, let index = words.firstIndex(of: verb) else { return "an item" }
        let object = words[(index + 1)...].filter { $0 != "or" && $0 != "a" && $0 != "an" }.joined(separator: " ")
        guard let first = object.first else { return "an item" }
        return ("aeiou".contains(first) ? "an " : "a ") + object
    }

    /// Lower-case words split on `_ - . / : space` and camelCase boundaries (`HTTPServer` → http, server).
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == "_" || character == "-" || character == "." || character == "/" || character == ":"
                || character == " "
            {
                if !current.isEmpty { words.append(current.lowercased()) }
                current = ""
                continue
            }
            if character.isUppercase, !current.isEmpty {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || previous.isUppercase && nextIsLower {
                    words.append(current.lowercased())
                    current = ""
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        return words
    }
}

/// The words MCP tool names are made of, by what they say about the tool.
private enum Vocabulary {
    static let readVerbs: Set<String> = [
        "get", "list", "search", "find", "read", "fetch", "show", "describe", "view", "lookup", "count", "inspect",
        "browse", "retrieve", "check", "explain", "preview", "download", "cat", "ls", "grep", "glob", "tail",
        "stat", "whoami", "summarize", "analyze", "compare", "validate", "exists", "ping", "poll", "scan", "peek",
    ]
    /// Nouns that mean a read when no verb is present: `status`, `git_log`, `schema`.
    static let weakReadWords: Set<String> = [
        "status", "log", "logs", "diff", "blame", "history", "info", "details", "schema", "query", "head", "me",
    ]
    static let writeVerbs: Set<String> = [
        "create", "update", "edit", "write", "put", "set", "add", "insert", "upsert", "modify", "change", "send",
        "reply", "submit", "push", "upload", "move", "rename", "copy", "close", "reopen", "assign", "unassign",
        "transition", "archive", "unarchive", "lock", "unlock", "pin", "unpin", "mark", "approve", "dismiss",
        "cancel", "trigger", "dispatch", "rerun", "execute", "exec", "apply", "restart", "scale", "rollout",
        "promote", "rollback", "redeploy", "grant", "revoke", "invite", "share", "charge", "refund", "payout",
        "pay", "capture", "transfer", "fork", "import", "sync", "save", "store", "register", "enable", "disable",
        "start", "stop", "kill", "reboot", "resize", "install", "uninstall", "schedule", "star", "unstar",
        "subscribe", "unsubscribe", "follow", "unfollow", "react", "migrate", "eval", "spawn", "retry", "open",
        "replace", "append", "increment", "decrement", "convert", "generate", "link", "unlink", "attach", "detach",
        "impersonate",
    ]
    /// Words that are nouns beside another verb but verbs on their own: `merge_pull_request`, `deploy`.
    static let weakWriteVerbs: Set<String> = [
        "merge", "commit", "deploy", "release", "publish", "comment", "review", "label", "post", "run", "request",
        "patch", "tag", "message",
    ]
    static let deleteVerbs: Set<String> = [
        "delete", "remove", "rm", "drop", "destroy", "purge", "truncate", "wipe", "reset", "erase", "clear",
        "prune", "expunge", "nuke", "discard", "flush", "flushall", "flushdb", "del",
    ]
    static let createVerbs: Set<String> = ["create", "open", "submit", "add"]
    static let commentVerbs: Set<String> = ["send", "reply", "react", "comment", "review", "post", "message"]
    static let statusVerbs: Set<String> = [
        "close", "reopen", "assign", "unassign", "transition", "archive", "unarchive", "lock", "unlock", "pin",
        "unpin", "mark", "approve", "dismiss", "cancel", "star", "unstar", "subscribe", "unsubscribe", "follow",
        "unfollow", "label", "request", "tag", "move",
    ]
    static let deployVerbs: Set<String> = [
        "deploy", "redeploy", "rollout", "promote", "rollback", "publish", "release",
    ]

    /// Names whose `resolve` is a lookup, not a status change.
    static let resolvableNames: Set<String> = [
        "library", "libraries", "id", "ids", "name", "names", "path", "url", "uri", "symbol", "reference", "dns",
        "host", "address", "alias", "package", "version", "doc", "docs",
    ]
    static let docNouns: Set<String> = [
        "doc", "docs", "documentation", "library", "libraries", "reference", "manual", "wiki", "guide", "guides",
        "tutorial", "examples", "api",
    ]
    static let docServers: Set<String> = ["context7", "deepwiki", "docs", "documentation", "mdn", "devdocs"]
    static let fileNouns: Set<String> = [
        "file", "files", "content", "contents", "blob", "blobs", "object", "objects", "branch", "branches", "tree",
        "ref", "refs", "repository", "repositories", "repo", "repos", "gist", "gists", "directory", "directories",
        "folder", "folders", "commit", "commits",
    ]
    static let commentNouns: Set<String> = [
        "comment", "comments", "reply", "replies", "review", "reviews", "message", "messages", "chat", "post",
        "posts", "discussion", "discussions", "reaction", "reactions", "email", "mail", "sms", "notification",
        "dm", "tweet", "thread",
    ]
    /// Things created by posting text to a tracker.
    static let trackerCreateNouns: Set<String> = [
        "issue", "issues", "pull", "pr", "ticket", "tickets", "discussion", "task", "tasks", "story", "bug",
        "incident", "card", "subtask", "epic",
    ]
    static let trackerNouns: Set<String> = [
        "issue", "issues", "pull", "pr", "prs", "ticket", "tickets", "task", "tasks", "card", "cards", "story",
        "bug", "epic", "milestone", "milestones", "project", "incident", "alert", "alerts", "thread", "conversation",
        "discussion", "status", "state", "priority", "sprint", "cycle", "subtask", "todo", "assignee", "assignees",
        "notification", "notifications",
    ]
    /// Removing these from an issue changes its state; nothing is lost.
    static let softRemovalNouns: Set<String> = [
        "label", "labels", "assignee", "assignees", "reviewer", "reviewers", "reaction", "reactions", "subscriber",
        "subscribers", "watcher", "watchers", "star", "milestone",
    ]
    static let moneyVerbs: Set<String> = ["charge", "refund", "payout", "pay", "capture"]
    static let moneyNouns: Set<String> = [
        "payment", "payments", "invoice", "invoices", "subscription", "subscriptions", "refund", "refunds",
        "payout", "payouts", "charge", "charges", "transfer", "transfers", "price", "prices", "coupon", "coupons",
        "billing", "balance", "credit", "credits", "money", "funds",
    ]
    static let nonMoneyTransferNouns: Set<String> = [
        "issue", "issues", "repo", "repository", "ownership", "file", "files", "domain", "project", "data",
    ]
    static let privilegeVerbs: Set<String> = ["grant", "revoke", "invite", "share", "impersonate"]
    static let privilegeNouns: Set<String> = [
        "collaborator", "collaborators", "member", "members", "permission", "permissions", "role", "roles",
        "access", "acl", "acls", "owner", "owners", "ownership", "admin", "admins", "policy", "policies",
        "protection", "user", "users", "group", "groups", "team", "teams", "iam",
    ]
    static let secretWords: Set<String> = [
        "secret", "secrets", "credential", "credentials", "password", "passwords", "passwd", "passphrase",
        "apikey", "apikeys", "vault", "keychain", "privatekey",
    ]
    static let databaseWords: Set<String> = [
        "postgres", "postgresql", "pg", "mysql", "mariadb", "supabase", "neon", "planetscale", "mongo", "mongodb",
        "redis", "sqlite", "database", "databases", "db", "sql", "clickhouse", "snowflake", "bigquery", "dynamodb",
        "cockroach", "cockroachdb", "turso", "firestore", "cassandra", "duckdb", "mssql", "prisma",
    ]
    static let commandNouns: Set<String> = [
        "command", "commands", "shell", "bash", "terminal", "script", "scripts", "powershell", "cmd", "code", "eval",
        "exec",
    ]
    static let pipelineNouns: Set<String> = [
        "workflow", "workflows", "pipeline", "pipelines", "job", "jobs", "build", "builds", "action", "actions",
    ]
    static let runtimeNouns: Set<String> = [
        "service", "services", "app", "apps", "application", "deployment", "server", "servers", "pod", "pods",
        "instance", "instances", "container", "containers", "cluster", "clusters", "worker", "workers", "function",
        "functions", "machine", "machines", "vm", "droplet", "dyno", "dynos", "replica", "replicas",
    ]
    static let applyNouns: Set<String> = [
        "plan", "terraform", "stack", "changes", "changeset", "manifest", "manifests", "configuration",
        "infrastructure", "infra", "kustomization", "helm", "template",
    ]
}
