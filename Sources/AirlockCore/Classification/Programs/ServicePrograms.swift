/// Classifiers for secret stores, payments, backups, messaging and CI command-line tools.
///
/// Most tools are a `ServiceVerbs.Spec`: subcommand paths mapped to effects, with the shared
/// verb lists as the fallback. rsync, kafka, sops and stripe are read from their flags.
enum ServicePrograms {
    static let table: [String: ProgramClassifier] = {
        var table = ServiceVerbs.table(specs)
        table["rsync"] = { rsync($0) }
        table["sops"] = { sops($0) }
        table["stripe"] = { stripe($0) }
        for tool in kafkaTools {
            table["kafka-" + tool] = { kafka($0) }
            table["kafka-" + tool + ".sh"] = { kafka($0) }
        }
        return table
    }()

    static let section = "Secrets, backups, messaging and CI"

    static func register(into builder: inout RegistryBuilder) {
        var byName: [String: @Sendable () -> ServiceVerbs.Spec] = [:]
        for (names, spec) in specs { for name in ServiceVerbs.Spec.pieces(names, UInt8(ascii: "|")) where byName[name] == nil { byName[name] = spec } }
        for name in table.keys.sorted() {
            guard let classify = table[name] else { continue }
            let spec = byName[name]
            builder.add(
                ProgramSpec(
                    name, role: .custom, section: section, summary: "its subcommand table decides",
                    arguments: name == "rsync" ? rsyncArguments : .none,
                    wrapper: WrapperPrograms.secretRunnerGrammar(for: name), access: .ignored,
                    exampleSource: { spec.map { ServiceVerbs.examples(name, $0()) } ?? [] },
                    handler: { inv, _, _ in classify(inv) }))
        }
        for name in ["aws-vault", "chamber", "teller", "envchain"] {
            builder.add(
                ProgramSpec(
                    name, role: .wrapper, section: section, summary: "runs a command with secrets in its environment",
                    wrapper: WrapperPrograms.secretRunnerGrammar(for: name),
                    handler: { inv, _, _ in [.secrets("\(inv.program) reads secrets", risk: .medium, rule: "secrets.injected-env")] }))
        }
    }

    private typealias Spec = ServiceVerbs.Spec

    /// Each table is a lazily built `static let`: a hook that never sees the tool never builds it.
    private static let specs: [(String, @Sendable () -> Spec)] = [
        ("vault", { vault }), ("op", { onePassword }), ("doppler", { doppler }), ("infisical", { infisical }),
        ("restic", { restic }), ("borg", { borg }), ("rclone", { rclone }), ("nats", { nats }),
        ("rabbitmqctl", { rabbitmqctl }), ("rabbitmqadmin", { rabbitmqadmin }), ("rabbitmq-diagnostics", { rabbitmqDiagnostics }),
        ("velero", { velero }), ("gitlab-runner", { gitlabRunner }), ("circleci", { circleci }), ("jenkins-cli", { jenkins }),
    ]
    private static let rabbitmqDiagnostics = Spec()
    private static let velero = Spec([(.deploy(), "install")], valued: "-n --namespace -l --selector --kubeconfig --kubecontext")

    private static let vault = Spec(
        [
            (.secretRead(), "read|kv get|unwrap|print token"),
            (.secretWrite, "write|kv put|kv patch|kv rollback|kv undelete|token create|operator init"),
            (.secretDelete(), "delete|kv delete|kv destroy"),
            (.secretDelete(.critical), "kv metadata delete"),
            (.delete(.critical), "secrets disable|operator raft snapshot restore"),
            (.privilege(), "policy write|auth enable|auth tune"),
            (.privilegeDelete(), "policy delete|auth disable"),
            (.privilege(.critical), "operator generate-root"),
            (.write(.high), "operator seal|operator step-down|secrets move"),
            (.exec(), "ssh"),
        ], valued: "-mount -address -namespace -ns -field -format -method -path",
        reasons: ["secrets disable": "unmounts a secrets engine and destroys its secrets"])

    private static let onePassword = Spec(
        [
            (.secretRead(), "read|inject|document get"),
            // Concealed fields print as a placeholder unless `--reveal` (a flag below) shows them.
            (.secretRead(.medium), "run|item get"),
            (
                .secretWrite,
                "item create|item edit|item share|item move|document create|document edit"
                    + "|connect token create|service-account create"
            ),
            (.secretDelete(), "item delete|document delete"),
            (.secretDelete(.critical), "vault delete"),
            (
                .privilege(),
                "user provision|user confirm|user edit|user reactivate|group create|group edit"
                    + "|group user grant|vault user grant|vault group grant"
            ),
            (
                .privilegeDelete(),
                "user delete|user suspend|group delete|group user revoke|vault user revoke"
                    + "|vault group revoke"
            ),
        ], valued: "--vault --account --format --fields --session --config --out-file -o --categories --tags",
        flags: [(.secretRead(), "--reveal")])

    private static let doppler = Spec(
        [
            (.secretRead(), "secrets|secrets get|secrets download|secrets substitute"),
            (.read, "secrets list|secrets names"),
            (.secretWrite, "secrets set|secrets upload|configs tokens create|service-tokens create"),
            (.secretDelete(), "secrets delete"),
            (.secretRead(.medium), "run"),
            (.local, "setup|configure set|configure unset"),
        ], valued: "-p --project -c --config -t --token --scope --format --output")

    private static let infisical = Spec(
        [
            (.secretRead(), "secrets|secrets get|export"),
            (.read, "secrets folders|secrets generate-example-env"),
            (.secretWrite, "secrets set"),
            (.secretDelete(), "secrets delete"),
            (.secretRead(.medium), "run"),
        ], valued: "-e --env --path --projectId --token --domain --format --type")

    private static let restic = Spec(
        [(.secretWrite, "key add|key passwd"), (.install, "self-update"), (.local, "restore|cache")],
        valued: "-r --repo --repository-file -p --password-file --password-command --cache-dir -o --option"
            + " --host -H --tag --path --keep-last --keep-hourly --keep-daily --keep-weekly --keep-monthly"
            + " --keep-yearly --keep-within --keep-tag --max-unused --target -t",
        flags: [(.delete(), "--forget")],
        reasons: ["forget": "removes snapshots", "prune": "deletes backup data no snapshot uses"])

    private static let borg = Spec(
        [
            (.delete(.critical), "delete|rdelete|repo-delete"),
            (.delete(), "recreate"),
            (.read, "rlist|repo-list|rinfo|repo-info|export-tar|umount"),
            (.secretRead(), "key export"),
            (.secretWrite, "key change-passphrase|key import"),
        ],
        valued: "-r --repo --remote-path --rsh --lock-wait --umask -a --match-archives --glob-archives -P"
            + " --prefix --sort-by --first --last --format -e --exclude --comment -C --compression"
            + " --keep-last --keep-hourly --keep-daily --keep-weekly --keep-monthly --keep-yearly --keep-within",
        reasons: [
            "delete": "deletes archives or the whole repository", "prune": "deletes archives the keep rules drop",
            "compact": "frees deleted archives' space for good",
        ])

    private static let rclone = Spec(
        [
            (.delete(), "sync|bisync|move|moveto|cleanup|dedupe"),
            (.delete(.critical), "purge"),
            (.secretRead(), "config show|config dump"),
            (.secretWrite, "config create|config update|config password"),
            (.local, "config delete"),
            (.read, "listremotes|cryptcheck|ncdu|serve|config file|config paths|config providers"),
        ],
        valued: "--config --transfers --checkers --bwlimit --log-file --log-level --exclude --include --filter"
            + " --filter-from --exclude-from --include-from --max-age --min-age --max-size --min-size"
            + " --backup-dir --suffix --tpslimit --max-depth",
        dryRunShort: "n",
        reasons: [
            "sync": "deletes destination files that are missing from the source",
            "bisync": "copies deletions both ways", "move": "deletes the source after copying",
            "purge": "deletes the path and everything under it",
        ])

    private static let nats = Spec(
        [
            (.write(), "pub|publish|req|request|reply|bench"),
            (.read, "sub|subscribe|stream backup|kv watch"),
            (.delete(), "stream rmm"),
        ], valued: "-s --server --creds --context --user --password --nkey --timeout")

    private static let rabbitmqctl = Spec(
        [
            (.privilegeDelete(), "delete_user"),
            (
                .privilege(),
                "clear_permissions|clear_topic_permissions|clear_password|add_user|set_permissions"
                    + "|set_topic_permissions|set_user_tags|change_password"
            ),
            (.delete(.critical), "reset|force_reset"),
            (.write(.high), "stop|stop_app|shutdown|close_all_connections"),
            (.exec(), "eval"),
        ], valued: "-p --vhost -n --node -t --timeout")

    private static let rabbitmqadmin = Spec(
        [
            (.privilegeDelete(), "delete user|delete permission"),
            (.privilege(), "declare user|declare permission"),
            (.write(), "publish"),
        ], valued: "-H --host -P --port -V --vhost -u --username -p --password -N --node -c --config -f --format")

    private static let gitlabRunner = Spec(
        [(.write(), "uninstall|install|start|stop|restart|run|exec"), (.secretWrite, "reset-token")],
        valued: "-u --url -t --token -n --name -c --config --executor --description -d --working-directory --user",
        flags: [(.delete(), "--delete")])

    private static let circleci = Spec(
        [
            (.secretDelete(), "context delete|context remove-secret"),
            (.secretWrite, "context store-secret"),
            (.deploy(.medium), "pipeline run|trigger"),
            (.read, "config process|config pack|context show|orb source"),
            (.exec(.medium), "local execute"),
        ], valued: "--org-slug --org-id --token --host -c --config")

    /// The shell layer maps `java -jar jenkins-cli.jar …` to this program.
    private static let jenkins = Spec(
        [
            (.deploy(.medium), "build"),
            (.exec(), "groovy|groovysh"),
            (.write(.high), "restart|safe-restart|shutdown|safe-shutdown|clear-queue"),
            (.install, "install-plugin"),
            (.secretDelete(), "delete-credentials"),
            (.secretWrite, "create-credentials-by-xml|update-credentials-by-xml"),
            (.read, "console"),
        ], valued: "-s -auth -i -p -user -logger -bearer")

    // MARK: Flag-driven tools

    /// rsync: `--delete*` and `--remove-source-files` delete; a `host:` destination is remote.
    private static func rsync(_ inv: Invocation) -> [Finding] {
        let paths = inv.positionals(valued: rsyncValued)
        if ServiceVerbs.isHelp(inv, []) && paths.isEmpty { return [.read("rsync shows help or version")] }
        let isRemote = { (path: String) in
            path.hasPrefix("rsync://") || (path.firstIndex(of: ":").map { !path[..<$0].contains("/") } ?? false)
        }
        let destination = paths.count > 1 ? paths[paths.count - 1] : ""
        let anyRemote = paths.contains(where: isRemote)
        // Key material among the sources: read here, and sent away when the destination is remote.
        var secrets: [Finding] = []
        for source in paths.dropLast() where !isRemote(source) {
            let path = inv.context.classifySecrets(path: source)
            guard path.isSecret else { continue }
            secrets.append(
                isRemote(destination)
                    ? Finding(
                        [.secretsAccess, .network], risk: .critical, blast: .production, reversibility: .irreversible,
                        reason: "rsync sends \(path.reason) to \(destination)", targets: [source, destination],
                        rollback: "rotate the secret", rule: "flow.exfiltration")
                    : .secrets("rsync copies \(path.reason)", targets: [source], rule: "path.secret-read"))
        }
        if !secrets.isEmpty { return secrets + [.fileWrite("rsync copies files into \(destination)")] }
        if paths.count < 2 || inv.has(short: "n", long: ["--dry-run", "--list-only"]) {
            let reason = "rsync dry run or listing changes nothing"
            return [anyRemote ? .remoteRead(reason, targets: paths) : .read(reason, targets: paths)]
        }
        let deleting = { (arg: String) in
            arg == "--del" || arg.hasPrefix("--delete") || arg == "--remove-source-files"
        }
        if let flag = inv.optionArgs.first(where: deleting) {
            let name = flag.split(separator: "=").first.map(String.init) ?? flag
            let what =
                name == "--remove-source-files"
                ? "rsync --remove-source-files deletes the source files it copied"
                : "rsync \(name) deletes files in \(destination) that are missing from the source"
            var finding = Finding.dataDelete(what, targets: [destination])
            if !anyRemote { finding.blastRadius = .machine }
            if DeletionTargets.kind(of: destination, context: inv.context) == .dynamic { finding.isUnsure = true }
            return [finding]
        }
        if isRemote(destination) {
            return [.remoteWrite("rsync uploads to \(destination)", targets: [destination], rule: "network.copy")]
        }
        // A local destination is written like `cp`'s: where it lands decides (a system path is
        // high); a `host:` or `rsync://` source makes it a download as well.
        var findings = FileTargets.write(destination, verb: "rsync copies into", context: inv.context)
        let remoteSources = paths.dropLast().filter(isRemote)
        if !remoteSources.isEmpty {
            findings.append(
                .remoteWrite(
                    "rsync copies files from another host (\(remoteSources[0].prefix(60)))", targets: Array(remoteSources),
                    rule: "network.copy"))
        }
        return findings
    }

    /// `-e`/`--rsh` name the remote shell rsync starts: normally `ssh …`, but any command runs.
    private static let rsyncArguments = ArgumentFacts(valued: rsyncValued, executes: ["-e", "--rsh"])

    private static let rsyncValued: Set<String> = [
        "-e", "--rsh", "--exclude", "--include", "--filter", "-f", "--exclude-from", "--include-from",
        "--files-from", "--rsync-path", "--log-file", "--password-file", "--port", "--bwlimit", "--chmod",
        "--chown", "--timeout", "--backup-dir", "--suffix", "-T", "--temp-dir", "--compare-dest",
        "--copy-dest", "--link-dest", "-B", "--block-size", "--max-size", "--min-size", "--max-delete",
        "--partial-dir", "--info", "--debug", "--out-format", "-M", "--remote-option",
    ]

    /// The Kafka admin scripts, named without `kafka-` and `.sh`.
    private static let kafkaTools = [
        "topics", "consumer-groups", "acls", "configs", "delete-records", "broker-api-versions",
        "console-consumer", "console-producer", "reassign-partitions", "streams-application-reset",
        "leader-election", "log-dirs", "get-offsets", "metadata-quorum", "features",
    ]

    /// Kafka admin scripts act through flags (`--delete`, `--alter`, `--add`), not subcommands.
    private static func kafka(_ inv: Invocation) -> [Finding] {
        var tool = inv.program
        if tool.hasSuffix(".sh") { tool.removeLast(3) }
        let target = inv.value(of: "--topic", "--group", "--entity-name").map { [$0] } ?? []
        let has = { (flags: String) in ServiceVerbs.hasFlag(inv, flags) }
        if ServiceVerbs.isHelp(inv, []) { return [.read("\(tool) shows help or version")] }
        let (effect, what): (ServiceVerbs.Effect, String) =
            switch tool {
            case "kafka-topics" where has("--delete"): (.delete(.critical), "kafka-topics --delete")
            case "kafka-consumer-groups" where has("--delete|--delete-offsets"):
                (.delete(), "kafka-consumer-groups --delete")
            case "kafka-consumer-groups" where has("--reset-offsets") && has("--execute"):
                (.write(.high), "kafka-consumer-groups --reset-offsets --execute")
            case "kafka-acls" where has("--add"): (.privilege(), "kafka-acls --add")
            case "kafka-acls" where has("--remove"): (.privilegeDelete(), "kafka-acls --remove")
            case "kafka-configs" where has("--delete-config"): (.delete(), "kafka-configs --delete-config")
            case "kafka-configs" where (inv.value(of: "--add-config") ?? "").contains("retention"):
                (.delete(), "kafka-configs --add-config retention")
            case "kafka-delete-records": (.delete(), tool)
            case "kafka-streams-application-reset": (ServiceVerbs.isDryRun(inv) ? .read : .delete(), tool)
            case "kafka-reassign-partitions" where has("--execute"), "kafka-leader-election": (.write(.high), tool)
            case "kafka-console-producer": (.write(), tool)
            case _ where has("--create|--alter|--add-config"): (.write(), tool)
            default: (.read, tool)
            }
        return ServiceVerbs.findings(effect, what, targets: target)
    }

    /// sops: decrypting or editing exposes secret values; encrypting handles them locally.
    private static func sops(_ inv: Invocation) -> [Finding] {
        let words = inv.positionals(valued: [
            "--output", "--output-type", "--input-type", "--extract", "--config", "--kms", "--pgp", "--age",
            "--gcp-kms", "--azure-kv", "--hc-vault-transit", "--encryption-context", "--aws-profile",
            "--filename-override", "--unencrypted-suffix", "--encrypted-suffix", "--encrypted-regex",
            "--unencrypted-regex", "-k", "-p", "-a", "--set",
        ])
        if ServiceVerbs.isHelp(inv, words) { return [.read("sops shows help or version")] }
        let first = words.first ?? ""
        let commands: Set<String> = [
            "decrypt", "encrypt", "edit", "exec-env", "exec-file", "set", "unset", "updatekeys", "rotate", "publish",
            "filestatus", "groups", "keyservice",
        ]
        let file = words.first { !commands.contains($0) }.map { [$0] } ?? []
        if first == "decrypt" || first.hasPrefix("exec-") || inv.has(short: "d", long: ["--decrypt"]) {
            let how = first == "decrypt" || first.hasPrefix("exec-") ? first : "-d"
            return [.secrets("sops \(how) decrypts a secrets file", targets: file)]
        }
        if first == "encrypt" || inv.has(short: "e", long: ["--encrypt"]) {
            return [.secrets("sops -e encrypts a secrets file", risk: .medium, targets: file)]
        }
        if ["filestatus", "groups", "keyservice"].contains(first) {
            return [.read("sops \(first) inspects metadata")]
        }
        let action = ["set", "unset", "updatekeys", "rotate", "publish"].contains(first) ? first : "edit"
        return [.secrets("sops \(action) changes a secrets file", targets: file)]
    }

    /// Stripe resources whose create, update or confirm moves money.
    private static let moneyResources: Set<String> = [
        "charges", "payment_intents", "payouts", "refunds", "transfers", "invoices", "invoiceitems",
        "subscriptions", "subscription_items", "subscription_schedules", "checkout", "topups",
        "credit_notes", "application_fees", "quotes", "payment_links",
    ]

    private static let stripeSpec = Spec(
        [
            (.read, "listen|logs|status|open|resources|config"), (.write(), "trigger|fixtures|samples"),
            (.local, "login|logout|completion"),
        ],
        valued: "--api-key --stripe-account -p --project-name -d --data -e --expand -i --idempotency"
            + " --stripe-version --color --log-level --limit --starting-after --ending-before")

    /// stripe: resource commands and raw `get|post|delete /v1/…` calls; money moves are billing.
    private static func stripe(_ inv: Invocation) -> [Finding] {
        let words = inv.positionals(valued: stripeSpec.valued)
        let first = words.first ?? ""
        let second = words.count > 1 ? words[1] : ""
        var resource = first
        if ["get", "post", "delete"].contains(first) {
            resource = second.split(separator: "/").first(where: { $0 != "v1" }).map(String.init) ?? ""
        }
        let what = ["stripe", first, second].filter { !$0.isEmpty }.joined(separator: " ")
        guard !ServiceVerbs.isHelp(inv, words) else { return [.read("stripe shows help or version")] }
        if moneyResources.contains(resource) {
            let reads: Set<String> = [
                "get", "list", "retrieve", "search", "upcoming", "upcoming_lines", "list_line_items", "",
            ]
            let isRead = first == "get" || (first == resource && reads.contains(second))
            return ServiceVerbs.findings(isRead ? .read : .billing, what)
        }
        switch first {
        case "get": return ServiceVerbs.findings(.read, what)
        case "post": return ServiceVerbs.findings(.write(), what)
        case "delete": return ServiceVerbs.findings(.delete(), what)
        default: return ServiceVerbs.classify(inv, stripeSpec)
        }
    }
}

/// The vocabulary the service and infra tables share: effects, verb lists, and the generic
/// walk over a CLI's subcommand words that most tools reduce to.
enum ServiceVerbs {
    /// What a recognised subcommand does, before it becomes findings.
    enum Effect: Hashable, Sendable {
        /// `--help`, `help`, `version`.
        case help
        /// Reads remote state.
        case read
        /// Writes local files or local tool config only.
        case local
        case build, lint, install, billing, dbWrite, migration
        case write(Risk = .medium)
        case delete(Risk = .high)
        case deploy(Risk = .high)
        /// Prints a secret value from a manager or a cloud: high, like reading a key file (secrets
        /// are denied by default and reading counts). Handing secrets to a child command's
        /// environment without printing them (`op run`, `doppler run`) is `.secretRead(.medium)`.
        case secretRead(Risk = .high)
        case secretWrite
        case secretDelete(Risk = .high)
        case privilege(Risk = .high)
        /// Removes a user, policy or grant: a deletion and a permission change at once.
        case privilegeDelete(Risk = .high)
        /// Runs a command on a remote machine, pod or dyno.
        case exec(Risk = .high)
        /// Changes platform or forge state through its API (`gh api -X POST …`).
        case infra
    }

    /// A command family whose every change means the same thing (`gcloud iam …`).
    enum Domain: Sendable { case privilege, billing }

    /// How to read one CLI: its subcommand rules and the options that take a value.
    struct Spec: Sendable {
        /// Subcommand paths anchored at the first word ("kv get"); the longest match wins.
        var rules: [String: Effect] = [:]
        /// Words that mean an effect wherever they sit in the command path.
        var verbs: [String: Effect] = [:]
        /// Options that consume the next word.
        var valued: Set<String>
        /// Options that add an effect, or replace a read (`gitlab-runner verify --delete`).
        var flags: [(String, Effect)]
        var domains: [String: Domain]
        /// The command is the first word split on `:` (`heroku pg:reset`), matched exactly.
        var colonCommands: Bool
        /// Short flags that mean a dry run (`rclone -n`).
        var dryRunShort: String
        /// Leading words that pick a release track, not a command (`gcloud beta`).
        var skip: Set<String>
        /// Phrases that say more than the effect's own, by command path ("sync").
        var reasons: [String: String]
        /// The most words any rule has: longer command paths are never looked up.
        var longestRule = 0

        init(
            _ rules: [(Effect, String)] = [], verbs: [(Effect, String)] = [], valued: String = "",
            flags: [(Effect, String)] = [], domains: [String: Domain] = [:], colonCommands: Bool = false,
            dryRunShort: String = "", skip: String = "", reasons: [String: String] = [:]
        ) {
            // Every hook's cold start builds these tables: bytes, not the generic `split`.
            for (effect, keys) in rules {
                for key in Self.pieces(keys, UInt8(ascii: "|")) {
                    self.rules[key] = effect
                    longestRule = max(longestRule, 1 + key.utf8.count { $0 == UInt8(ascii: " ") })
                }
            }
            for (effect, keys) in verbs { for key in Self.pieces(keys, UInt8(ascii: "|")) { self.verbs[key] = effect } }
            self.valued = Set(Self.pieces(valued, UInt8(ascii: " ")))
            self.flags = flags.flatMap { effect, names in Self.pieces(names, UInt8(ascii: "|")).map { ($0, effect) } }
            self.domains = domains
            self.colonCommands = colonCommands
            self.dryRunShort = dryRunShort
            self.skip = Set(Self.pieces(skip, UInt8(ascii: " ")))
            self.reasons = reasons
        }

        /// The non-empty pieces of `text` between `separator` bytes.
        static func pieces(_ text: String, _ separator: UInt8) -> [String] {
            var text = text
            return text.withUTF8 { bytes in
                var result: [String] = []
                var start = 0
                for index in 0...bytes.count where index == bytes.count || bytes[index] == separator {
                    if start < index { result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) }
                    start = index + 1
                }
                return result
            }
        }
    }

    /// Example commands from a spec's table: each subcommand path, verb and flag once.
    static func examples(_ name: String, _ spec: Spec) -> [String] {
        let separator = spec.colonCommands ? ":" : " "
        return spec.rules.keys.sorted().map { "\(name) \($0.replacingOccurrences(" ", with: separator)) x" }
            + spec.verbs.keys.sorted().map { "\(name) things \($0) x" }
            + spec.flags.map { "\(name) list \($0.0)" }
    }

    /// Classifiers for specs keyed `name` or `name|alias`.
    static func table(_ specs: [(String, @Sendable () -> Spec)]) -> [String: ProgramClassifier] {
        var table: [String: ProgramClassifier] = [:]
        for (names, spec) in specs {
            for name in Spec.pieces(names, UInt8(ascii: "|")) { table[name] = { classify($0, spec()) } }
        }
        return table
    }

    // MARK: Verbs

    static let deleting: Set<String> = [
        "delete", "del", "destroy", "rm", "remove", "purge", "prune", "drop", "truncate", "wipe", "erase",
        "forget", "compact", "unregister", "deregister", "terminate", "disable", "revoke", "uninstall",
        "rdelete", "repo-delete", "rmdir", "rmdirs", "deletefile", "unsubscribe",
    ]
    static let deletingPrefixes = [
        "delete-", "delete_", "remove-", "remove_", "destroy-", "purge-", "purge_", "drop-", "drop_",
        "disable-", "terminate-", "deregister-", "revoke-", "truncate-", "batch-delete-",
    ]
    static let reading: Set<String> = [
        "list", "ls", "get", "describe", "show", "info", "status", "logs", "log", "version", "check", "stats",
        "cat", "lsd", "lsl", "lsf", "lsjson", "size", "about", "md5sum", "sha1sum", "hashsum", "snapshots",
        "find", "dump", "mount", "diff", "extract", "lookup", "whoami", "who-am-i", "cluster_status", "ping",
        "diagnostic", "diagnose", "validate", "view", "inspect", "search", "history", "events", "tail", "lint",
        "template", "verify", "plan", "preview", "health", "watch", "query", "tree", "print", "read", "top", "me",
    ]
    static let readingPrefixes = ["list-", "list_", "get-", "get_", "describe-", "show-"]
    static let deploying: Set<String> = ["deploy", "publish", "promote", "rollback", "redeploy", "rollout"]
    static let writing: Set<String> = [
        "create", "add", "set", "put", "update", "edit", "patch", "post", "apply", "exec", "start", "stop",
        "restart", "copy", "cp", "register", "init", "login", "logout", "import", "enable", "rename", "comment",
        "close", "reopen", "push", "pub", "send", "upload", "install", "upgrade", "unlock",
    ]
    /// Deleting one of these removes a whole container of data at once.
    static let broadNouns: Set<String> = [
        "namespace", "namespaces", "ns", "project", "projects", "proj", "bucket", "buckets", "cluster",
        "clusters", "db-cluster", "db-instance", "database", "databases", "db", "vault", "vaults",
        "backup-vault", "stream", "streams", "topic", "topics", "queue", "queues", "app", "apps",
        "application", "applications", "stack", "stacks", "repo", "repos", "repository", "repositories",
        "vhost", "table", "tables", "index", "indices", "keyspace", "environment", "environments", "site",
        "sites", "hosted-zone", "file-system", "user-pool",
    ]
    /// Flags that widen a deletion to everything in scope.
    static let broadFlags = [
        "--all", "-all", "--all-runners", "--all-namespaces", "--recursive", "--prune", "-prefix",
        "--unsafe-allow-remove-all", "--force-delete-without-recovery", "--all-collections",
    ]

    /// The effect a single verb word carries, from the shared lists.
    static func verbEffect(_ word: String) -> Effect? {
        // Every prefix ends in `-` or `_`: a word with neither needs only the sets.
        let joined = word.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
        if deleting.contains(word) || joined && deletingPrefixes.contains(where: { word.hasPrefix($0) }) { return .delete() }
        if reading.contains(word) || joined && readingPrefixes.contains(where: { word.hasPrefix($0) }) { return .read }
        if deploying.contains(word) { return .deploy() }
        if writing.contains(word) { return .write() }
        return nil
    }

    /// True when a deletion at `index` names a whole container: `projects delete`,
    /// `delete namespace`, `delete-queue`.
    static func isBroad(_ words: [String], at index: Int) -> Bool {
        // Hot for every deletion verb: no lower-casing or splitting unless the word needs it.
        func broad(_ word: Substring) -> Bool {
            var noun = word
            while noun.last == ":" { noun.removeLast() }
            if let colon = noun.lastIndex(of: ":") { noun = noun[noun.index(after: colon)...] }
            if noun.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) { return broadNouns.contains(noun.lowercased()) }
            return broadNouns.contains(String(noun))
        }
        let verb = words[index]
        // Every prefix ends in `-` or `_`: a verb with neither has none.
        if verb.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) {
            for prefix in deletingPrefixes where verb.hasPrefix(prefix) {
                if broad(verb.dropFirst(prefix.count)) { return true }
            }
        }
        if index > 0, broad(words[index - 1][...]) { return true }
        if index + 1 < words.count, broad(words[index + 1][...]) { return true }
        return false
    }

    // MARK: Flags

    static func isHelp(_ inv: Invocation, _ words: [String]) -> Bool {
        if inv.has(long: ["--help"]) || inv.args == ["-h"] { return true }
        if words.isEmpty && inv.has(long: ["--version"]) { return true }
        return words.first == "help" || words.first == "version"
    }

    static func isDryRun(_ inv: Invocation) -> Bool {
        inv.optionArgs.contains { arg in
            if arg == "--dry-run" || arg == "--dryrun" || arg == "-dry-run" { return true }
            guard arg.hasPrefix("--dry-run=") else { return false }
            return !["none", "false"].contains(arg.dropFirst("--dry-run=".count))
        }
    }

    /// True when any of the `|`-separated options is present, alone or as `name=value`.
    static func hasFlag(_ inv: Invocation, _ names: String) -> Bool {
        // Hot: every service command asks for a dozen flag sets. Bytes, no splitting.
        for arg in inv.args {
            if arg == "--" { return false }
            guard arg.utf8.first == UInt8(ascii: "-") else { continue }
            let bytes = arg.utf8
            let name = bytes.firstIndex(of: UInt8(ascii: "=")).map { bytes[..<$0] } ?? bytes[...]
            var start = names.utf8.startIndex
            let end = names.utf8.endIndex
            while start < end {
                let stop = names.utf8[start...].firstIndex(of: UInt8(ascii: "|")) ?? end
                if names.utf8[start..<stop].elementsEqual(name) { return true }
                start = stop == end ? end : names.utf8.index(after: stop)
            }
        }
        return false
    }

    /// Every value given to the options, in order (`-v a -v b`).
    static func values(_ inv: Invocation, _ names: String...) -> [String] {
        let args = Array(inv.optionArgs)
        return args.indices.compactMap { index in
            for name in names {
                if args[index] == name, index + 1 < args.count { return args[index + 1] }
                if args[index].hasPrefix(name + "=") { return String(args[index].dropFirst(name.count + 1)) }
            }
            return nil
        }
    }

    // MARK: Classification

    /// Walks the command words: the longest rule, else the first verb, else a remote write.
    static func classify(_ inv: Invocation, _ spec: Spec, words given: [String]? = nil) -> [Finding] {
        var words = given ?? inv.positionals(valued: spec.valued)
        if let first = words.first, spec.skip.contains(first) { words.removeFirst() }
        var depth = min(4, words.count)
        var separator = " "
        if spec.colonCommands, let first = words.first {
            let parts = first.split(separator: ":").map(String.init)
            words = parts + words.dropFirst()
            depth = parts.count
            separator = ":"
        }
        if isHelp(inv, words) || inv.args.isEmpty {
            return [
                .read(
                    [inv.program, words.first ?? "", "shows help, usage or version"].filter { !$0.isEmpty }
                        .joined(separator: " "))
            ]
        }
        if isDryRun(inv) || (!spec.dryRunShort.isEmpty && inv.has(short: spec.dryRunShort)) {
            return [.remoteRead("\(inv.program) \(words.first ?? "") dry run changes nothing")]
        }
        var (effect, used) = resolve(words, depth: depth, spec)
        let path = words[..<used].joined(separator: " ")
        let shown = separator == " " ? path : words[..<used].joined(separator: separator)
        let what = shown.isEmpty ? inv.program : inv.program + " " + shown
        let targets = Array(words.dropFirst(spec.colonCommands ? depth : used).prefix(2))
        if let first = words.first, let domain = spec.domains[first] {
            switch (effect, domain) {
            case (.write, .privilege), (.deploy, .privilege): effect = .privilege()
            case (.delete(let risk), .privilege): effect = .privilegeDelete(risk)
            case (.write, .billing), (.deploy, .billing), (.delete, .billing): effect = .billing
            default: break
            }
        }
        var note = ""
        // Most service commands carry no option at all: skip the flag tables.
        let hasOptions = inv.args.contains { $0.utf8.first == UInt8(ascii: "-") }
        if hasOptions, let flag = broadFlags.first(where: { hasFlag(inv, $0) }) {
            switch effect {
            case .delete: (effect, note) = (.delete(.critical), flag)
            case .secretDelete: (effect, note) = (.secretDelete(.critical), flag)
            case .privilegeDelete: (effect, note) = (.privilegeDelete(.critical), flag)
            default: break
            }
        }
        var extra: [Finding] = []
        for (flag, flagEffect) in spec.flags where hasOptions && hasFlag(inv, flag) {
            if effect == .read {
                (effect, note) = (flagEffect, flag)
            } else {
                extra += findings(flagEffect, "\(what) \(flag)", targets: targets)
            }
        }
        let phrase = spec.reasons.isEmpty ? nil : spec.reasons[path]
        return findings(effect, what, targets: targets, note: note, phrase: phrase) + extra
    }

    /// The effect of the command words and how many of them name the command.
    private static func resolve(_ words: [String], depth: Int, _ spec: Spec) -> (Effect, Int) {
        let verb = { (index: Int) -> Effect? in
            guard let effect = spec.verbs[words[index]] ?? verbEffect(words[index]) else { return nil }
            return effect == .delete() && isBroad(words, at: index) ? .delete(.critical) : effect
        }
        // The command paths "a", "a b", "a b c", built once each, looked up longest first.
        let longest = spec.colonCommands ? depth : min(depth, spec.longestRule)
        var paths: [String] = []
        paths.reserveCapacity(longest)
        for index in 0..<longest {
            paths.append(index == 0 ? words[0] : paths[index - 1] + " " + words[index])
        }
        let lengths = spec.colonCommands ? [depth] : Array((0...longest).reversed())
        for length in lengths where length > 0 {
            guard let effect = spec.rules[paths[length - 1]] else { continue }
            // A deletion right after a rule, or any verb after a read rule, is the real command:
            // `secrets folders delete`, `config set`.
            if !spec.colonCommands, length < min(4, words.count), let next = verb(length),
                effect == .read || next == .delete() || next == .delete(.critical)
            {
                return (next, length + 1)
            }
            return (effect, length)
        }
        for index in 0..<depth {
            if let effect = verb(index) { return (effect, index + 1) }
        }
        if spec.colonCommands { return (.write(), depth) }
        let isCommandWord = { (word: String) in word.allSatisfy { $0.isLowercase || $0 == "-" || $0 == "_" } }
        return (.write(), min(depth, words.count > 1 && isCommandWord(words[1]) ? 2 : 1))
    }

    /// The findings an effect stands for; the reason is `what`, then `phrase` or the effect's
    /// own phrase, then the `note` (the flag that widened it).
    static func findings(
        _ effect: Effect, _ what: String, targets: [String] = [], note: String = "", phrase: String? = nil
    ) -> [Finding] {
        let reason = "\(what) \(phrase ?? defaultPhrase(effect))" + (note.isEmpty ? "" : " (\(note))")
        switch effect {
        case .help: return [.read(reason)]
        case .read: return [.remoteRead(reason, targets: targets)]
        case .local: return [.fileWrite(reason, targets: targets)]
        case .build: return [.build(reason)]
        case .lint: return [.formatLint(reason)]
        case .install: return [.packageInstall(reason)]
        case .billing: return [.billing(reason)]
        case .dbWrite: return [.dbWrite(reason)]
        case .migration: return [.migration(reason)]
        case .write(let risk): return [.remoteWrite(reason, risk: risk, targets: targets)]
        case .delete(let risk): return [.dataDelete(reason, risk: risk, targets: targets)]
        case .deploy(let risk): return [.deploy(reason, risk: risk, targets: targets)]
        case .secretRead(let risk): return [.secrets(reason, risk: risk, targets: targets)]
        case .secretWrite: return [.secrets(reason, targets: targets)]
        case .secretDelete(let risk):
            return [.dataDelete(reason, risk: risk, targets: targets), .secrets(reason, risk: risk, targets: targets)]
        case .privilege(let risk): return [.privilege(reason, risk: risk, targets: targets)]
        case .privilegeDelete(let risk):
            return [
                .dataDelete(reason, risk: risk, targets: targets), .privilege(reason, risk: risk, targets: targets),
            ]
        case .exec(let risk): return [.unknown(reason, risk: risk)]
        case .infra:
            return [
                Finding(
                    [.infra, .network], risk: .high, blast: .production, reversibility: .partial, reason: reason,
                    targets: targets, rule: "infra.api-write")
            ]
        }
    }

    private static func defaultPhrase(_ effect: Effect) -> String {
        switch effect {
        case .help: "shows help or version"
        case .read: "reads remote state"
        case .local: "changes local files or settings"
        case .build: "builds or runs locally"
        case .lint: "formats files"
        case .install: "downloads packages or images"
        case .billing: "moves money or starts billed resources"
        case .dbWrite: "writes to a database"
        case .migration: "runs database migrations"
        case .write: "changes remote state"
        case .delete: "deletes remote data"
        case .deploy: "changes deployed infrastructure"
        case .secretRead: "reads a secret"
        case .secretWrite: "creates or changes a secret"
        case .secretDelete: "deletes a secret"
        case .privilege: "changes access rights"
        case .privilegeDelete: "removes a user, policy or grant"
        case .exec: "runs a command remotely"
        case .infra: "changes platform state through its API"
        }
    }
}
