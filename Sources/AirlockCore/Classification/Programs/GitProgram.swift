/// `git`: reads, local writes git can undo, and the forms that discard work or rewrite history.
///
/// Options are read with git's own table of which options take a value, so `--track direct`,
/// `--conflict merge`, `-U 3` and `-m msg` are never taken for paths or refs.
enum GitProgram {
    static let section = "Git"

    /// Global options before the subcommand that take a value.
    static let globalValued: Set<String> = [
        "-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env", "--super-prefix",
        "--list-cmds", "--attr-source",
    ]

    /// Options of each subcommand that take a value (attached `--name=value` forms are always read).
    static let valued: [String: Set<String>] = {
        let logLike: Set<String> = [
            "-n", "--max-count", "-U", "--unified", "--author", "--committer", "--grep", "--since", "--until", "--after",
            "--before", "--format", "--pretty", "--date", "-S", "-G", "-L", "--diff-filter", "-O", "--skip",
            "--output", "--min-parents", "--max-parents", "--encoding", "--decorate-refs", "--decorate-refs-exclude",
            "--word-diff-regex", "--anchored", "--find-object", "--inter-hunk-context", "--src-prefix", "--dst-prefix",
            "--line-prefix", "--exclude", "--glob", "--branches", "--tags", "--remotes", "--notes",
        ]
        return [
            "commit": [
                "-m", "--message", "-F", "--file", "-C", "--reuse-message", "-c", "--reedit-message", "--fixup",
                "--squash", "--author", "--date", "-t", "--template", "--cleanup", "--trailer", "--pathspec-from-file",
            ],
            "checkout": ["-b", "-B", "--orphan", "--conflict", "--pathspec-from-file"],
            "switch": ["-c", "-C", "--create", "--force-create", "--orphan", "--conflict"],
            "restore": ["-s", "--source", "--conflict", "--pathspec-from-file"],
            "reset": ["--pathspec-from-file"],
            "log": logLike, "show": logLike, "diff": logLike, "whatchanged": logLike, "shortlog": logLike,
            "blame": ["-L", "-S", "-C", "-M", "--since", "--contents", "--ignore-rev", "--ignore-revs-file", "--date"],
            "grep": ["-e", "-f", "-m", "--max-count", "-A", "-B", "-C", "--context", "--after-context", "--before-context", "--threads", "--max-depth"],
            "push": ["--repo", "-o", "--push-option", "--receive-pack", "--exec", "--recurse-submodules"],
            "fetch": ["--depth", "--deepen", "--shallow-since", "--shallow-exclude", "--upload-pack", "-j", "--jobs", "-o", "--server-option", "--refmap", "--negotiation-tip", "--recurse-submodules"],
            "pull": ["--depth", "--deepen", "-s", "--strategy", "-X", "--strategy-option", "--upload-pack", "-j", "--jobs", "-o", "--server-option", "--recurse-submodules"],
            "clone": ["-b", "--branch", "-o", "--origin", "--depth", "-c", "--config", "--reference", "--template", "-u", "--upload-pack", "--separate-git-dir", "-j", "--jobs", "--filter", "--server-option", "--shallow-since", "--shallow-exclude", "--bundle-uri"],
            "merge": ["-m", "-F", "--file", "-s", "--strategy", "-X", "--strategy-option", "--into-name", "--cleanup"],
            "rebase": ["--onto", "-s", "--strategy", "-X", "--strategy-option", "-x", "--exec", "-C", "--empty"],
            "tag": ["-m", "--message", "-F", "--file", "-u", "--local-user", "--cleanup", "--sort", "--format", "--contains", "--no-contains", "--points-at", "--merged", "--no-merged"],
            "branch": ["-c", "-u", "--set-upstream-to", "--sort", "--format", "--points-at", "--contains", "--no-contains", "--merged", "--no-merged"],
            "stash": ["-m", "--message", "--pathspec-from-file"],
            "add": ["--chmod", "--pathspec-from-file"],
            "rm": ["--pathspec-from-file"],
            "mv": [],
            "worktree": ["-b", "-B", "--reason"],
            "submodule": ["-b", "--branch", "--name", "--reference", "--depth", "-j", "--jobs"],
            "config": ["-f", "--file", "--blob", "--type", "--default", "--comment"],
            "am": ["--directory", "-p", "--exclude", "--include", "-C", "--patch-format", "--resolvemsg"],
            "apply": ["--directory", "-p", "--exclude", "--include", "-C", "--whitespace", "--build-fake-ancestor"],
            "difftool": ["-t", "--tool", "-x", "--extcmd"],
            "mergetool": ["-t", "--tool"],
            "archive": ["-o", "--output", "--format", "--prefix", "--remote", "--exec", "--add-file", "--add-virtual-file"],
            "format-patch": ["-o", "--output-directory", "-v", "--reroll-count", "--subject-prefix", "--to", "--cc", "--in-reply-to", "--base", "--range-diff", "--interdiff", "--signature", "--suffix", "--start-number"],
            "update-ref": ["-m"],
            "notes": ["-m", "-F", "-C", "-c", "--ref"],
            "cherry-pick": ["-m", "--mainline", "-s", "--strategy", "-X", "--strategy-option"],
            "revert": ["-m", "--mainline", "-s", "--strategy", "-X", "--strategy-option"],
            "ls-files": ["-x", "--exclude", "-X", "--exclude-from", "--format"],
            "rev-list": logLike,
            "describe": ["--match", "--exclude", "--abbrev", "--candidates", "--dirty", "--broken"],
            "gc": [],
            "reflog": ["--expire", "--expire-unreachable"],
            "bisect": ["--term-old", "--term-new", "--term-bad", "--term-good"],
            "remote": ["-t", "-m", "--push"],
            "sparse-checkout": [],
            "cat-file": ["--batch-command", "--filters", "--path"],
            "for-each-ref": ["--format", "--sort", "--count", "--points-at", "--merged", "--no-merged", "--contains", "--no-contains"],
        ]
    }()

    static let rules = [
        Rule("git.read", .read, .low, "reads the repository", example: "git log --oneline -10"),
        Rule("git.local-write", .fileWrite, .low, "records changes git can undo", example: "git commit -m 'fix'"),
        Rule(
            "git.discard", .vcsRewrite, .high, "throws away uncommitted work: checkout/restore of paths, reset --hard, clean -f, stash drop",
            example: "git reset --hard"),
        Rule(
            "git.reset-branch", .vcsRewrite, .medium, "moves an existing branch to a start point (checkout -B, switch -C)",
            example: "git checkout -B main origin/main"),
        Rule(
            "git.force-push", .vcsRewrite, .high, "overwrites or deletes history on a remote (--force, +ref, --mirror, --delete, :ref)",
            example: "git push --force origin main"),
        Rule(
            "git.force-with-lease", .vcsRewrite, .medium, "force-pushes only if the remote is as last seen",
            example: "git push --force-with-lease origin feature"),
        Rule(
            "git.history-rewrite", .vcsRewrite, .critical, "rewrites the whole history (filter-branch, filter-repo)",
            example: "git filter-repo --path secrets.txt --invert-paths"),
        Rule(
            "git.runs-code", .unknown, .high, "makes git run another command: -c core.pager, --ext-diff, grep -O, rebase -x, submodule foreach",
            example: "git -c core.pager='sh -c id' log"),
        Rule(
            "git.alias-shell", .envPoisoning, .high, "defines a git alias that runs a shell command (!)",
            example: "git config alias.st '!rm -rf ~'"),
        Rule(
            "git.config-code", .persistence, .high, "sets a config key that makes git run a program later",
            example: "git config --global core.pager 'less -R'"),
        Rule(
            "git.switch-unsure", .fileWrite, .low, "switches branches or applies changes: which files change is not known here",
            example: "git stash pop"),
        Rule("git.push", .network, .medium, "publishes commits to a remote", example: "git push origin main"),
    ]

    static func register(into builder: inout RegistryBuilder) {
        builder.add(
            ProgramSpec(
                "git", role: .custom, section: section,
                summary: "reads, records and publishes history; the discarding and rewriting forms are high",
                access: .ignored, rules: rules, handler: { inv, analyzer, depth in classify(inv, analyzer: &analyzer, depth: depth) }))
    }

    static func classify(_ inv: Invocation, analyzer: inout ShellAnalyzer, depth: Int) -> [Finding] {
        var args = inv.args[...]
        var configOverrides: [String] = []
        while let first = args.first, first.hasPrefix("-") {
            if first == "--version" || first == "-v" || first == "--help" || first == "-h" {
                return [.read("git \(first)", rule: "git.read")]
            }
            args = args.dropFirst()
            if globalValued.contains(first), let value = args.first {
                if first == "-c" { configOverrides.append(value) }
                args = args.dropFirst()
            } else if first.hasPrefix("-c"), first.count > 2 {
                configOverrides.append(String(first.dropFirst(2)))
            }
        }
        var findings: [Finding] = []
        for override in configOverrides {
            findings += configEffect(key: String(override.prefix { $0 != "=" }), value: String(override.drop { $0 != "=" }.dropFirst()), how: "git -c", analyzer: &analyzer, depth: depth)
        }
        guard let subcommand = args.first else { return findings + [.read("git with no subcommand", rule: "git.read")] }
        let rest = Array(args.dropFirst())
        if rest.contains("--help") || rest == ["-h"] || subcommand == "help" {
            return findings + [.read("git \(subcommand) --help", rule: "git.read")]
        }
        let parsed = parse(rest, subcommand: subcommand)
        return findings + subcommandFindings(subcommand, parsed, rest: rest, analyzer: &analyzer, depth: depth)
    }

    /// Splits a subcommand's arguments by git's option table; `--track direct` keeps its value.
    static func parse(_ rest: [String], subcommand: String) -> ParsedArguments {
        var rest = rest
        // `-t/--track` takes `direct|inherit` only when given; anything else is an operand.
        if let index = rest.firstIndex(where: { $0 == "--track" || $0 == "-t" }), ["checkout", "switch", "branch"].contains(subcommand),
            index + 1 < rest.count, ["direct", "inherit"].contains(rest[index + 1])
        {
            rest[index] = "--track=" + rest[index + 1]
            rest.remove(at: index + 1)
        }
        return ArgumentFacts(valued: valued[subcommand] ?? []).parse(rest)
    }

    private static func subcommandFindings(
        _ subcommand: String, _ parsed: ParsedArguments, rest: [String], analyzer: inout ShellAnalyzer, depth: Int
    ) -> [Finding] {
        let operands = parsed.operands
        func has(_ names: String...) -> Bool { parsed.options.contains { names.contains($0.name) } }
        func discard(_ reason: String, rollback: String = "none for uncommitted changes") -> [Finding] {
            [.vcsRewrite(reason, rollback: rollback, rule: "git.discard")]
        }
        var extra: [Finding] = []
        if has("--ext-diff", "--textconv") && !has("--no-ext-diff") {
            extra.append(.unknown("git \(subcommand) --ext-diff runs the configured diff program", risk: .high, rule: "git.runs-code"))
        }
        if let output = parsed.value("--output", "-o"), ["log", "show", "diff", "archive", "format-patch"].contains(subcommand) {
            extra += FileTargets.write(output, verb: "git \(subcommand) writes", context: analyzer.current)
        }
        switch subcommand {
        case "status", "log", "diff", "show", "blame", "ls-files", "ls-tree", "ls-remote", "rev-parse", "describe",
            "shortlog", "cat-file", "rev-list", "whatchanged", "name-rev", "show-ref", "for-each-ref", "merge-base",
            "count-objects", "fsck", "check-ignore", "check-attr", "version", "var", "annotate", "range-diff",
            "verify-commit", "verify-tag", "cherry", "show-branch", "check-ref-format", "help":
            return extra + [.read("git \(subcommand) reads the repository", rule: "git.read")]
        case "grep":
            if parsed.options.contains(where: { $0.name == "-O" || $0.name.hasPrefix("--open-files-in-pager") }) {
                return extra + [.unknown("git grep -O opens the matches in a pager program", risk: .high, rule: "git.runs-code")]
            }
            return extra + [.read("git grep reads the repository", rule: "git.read")]
        case "difftool", "mergetool":
            if let command = parsed.value("-x", "--extcmd") {
                analyzer.analyze(script: command, depth: depth + 1)
                return [.unknown("git \(subcommand) -x runs \(command.prefix(60))", risk: .high, rule: "git.runs-code")]
            }
            return [.unknown("git \(subcommand) runs the configured tool", risk: .medium, rule: "git.runs-code")]
        case "fetch":
            return extra + uploadPack(parsed) + [.remoteRead("git fetch downloads from a remote", rule: "git.push")]
        case "clone":
            var findings = uploadPack(parsed)
            for config in parsed.values(["-c", "--config"]) {
                findings += configEffect(key: String(config.prefix { $0 != "=" }), value: String(config.drop { $0 != "=" }.dropFirst()), how: "git clone -c", analyzer: &analyzer, depth: depth)
            }
            if parsed.value("--template") != nil {
                findings.append(.unknown("git clone --template copies hooks from a template folder", risk: .high, rule: "git.runs-code"))
            }
            return findings + [
                Finding([.network, .fileWrite], risk: .medium, blast: .external, reason: "git clone downloads a repository", rule: "git.push")
            ]
        case "pull":
            return extra + uploadPack(parsed) + [
                Finding(
                    [.network], risk: .medium, blast: .workspace, reversibility: .partial,
                    reason: "git pull merges remote changes into the working tree", rule: "git.push")
            ]
        case "push":
            return push(parsed)
        case "add", "commit", "mv", "tag", "notes", "revert", "cherry-pick", "merge", "init", "sparse-checkout",
            "maintenance", "repack", "lfs", "rerere", "format-patch", "bundle", "commit-tree", "mktree", "hash-object",
            "read-tree", "write-tree", "update-index", "checkout-index", "symbolic-ref", "stage", "citool", "gui":
            return extra + local(subcommand, parsed)
        case "rm":
            if has("--cached") { return [.fileWrite("git rm --cached unstages files", rule: "git.local-write")] }
            return [
                Finding(
                    [.destructiveFS, .fileWrite], risk: .medium, blast: .workspace, reversibility: .partial,
                    reason: "git rm deletes tracked files (git can bring back what was committed)",
                    targets: operands, rollback: "git checkout HEAD -- <path>", rule: "git.local-write")
            ]
        case "am", "apply":
            if has("--check", "--stat", "--numstat", "--summary") && !has("--apply") {
                return [.read("git \(subcommand) checks a patch", rule: "git.read")]
            }
            // The patch files named, or the one on standard input: judged by the files they change.
            var files = operands
            if files.isEmpty, let input = analyzer.redirections.last(where: { $0.op == .input }) {
                files = [input.target.text]
            }
            let context = analyzer.current
            var base = context.workspaceRoot ?? context.cwd
            if let directory = parsed.value("--directory") { base = base.map { $0 + "/" + directory } ?? directory }
            var known: [Finding]? = files.isEmpty || files.count > EdgeFactRequest.limit ? nil : []
            for file in files.prefix(EdgeFactRequest.limit) {
                let found = EdgeTargets.patchFile(file, via: "git \(subcommand)", base: base, analyzer: &analyzer)
                known = found.flatMap { found in known.map { $0 + found } }
            }
            if let known, !known.isEmpty { return known }
            var finding = Finding.fileWrite("git \(subcommand) changes the files the patch names", rule: "git.switch-unsure")
            finding.isUnsure = true
            return [finding]
        case "gc", "prune":
            if parsed.options.contains(where: { $0.name == "--prune" && ($0.value == "now" || $0.value == "all") })
                || subcommand == "prune" && (has("--expire") || rest.contains("now"))
            {
                return [.vcsRewrite("git \(subcommand) --prune=now deletes unreachable commits for good", risk: .high, rule: "git.discard")]
            }
            return [.fileWrite("git \(subcommand) tidies the object store", rule: "git.local-write")]
        case "worktree":
            let verb = operands.first ?? ""
            if verb == "remove", has("-f", "--force") {
                return discard("git worktree remove --force deletes a worktree with its uncommitted changes")
            }
            if verb == "list" { return [.read("git worktree list", rule: "git.read")] }
            return [.fileWrite("git worktree \(verb) manages worktrees", rule: "git.local-write")]
        case "submodule":
            if operands.first == "foreach" {
                let command = operands.dropFirst().joined(separator: " ")
                analyzer.analyze(script: command, depth: depth + 1)
                return [.unknown("git submodule foreach runs \(command.prefix(60)) in every submodule", risk: .medium, rule: "git.runs-code")]
            }
            if ["status", "summary", ""].contains(operands.first ?? "") { return [.read("git submodule status", rule: "git.read")] }
            return [Finding([.network, .fileWrite], risk: .medium, blast: .workspace, reason: "git submodule \(operands.first ?? "") fetches or changes submodules", rule: "git.push")]
        case "branch":
            if has("-D") || (has("-d", "--delete") && has("-f", "--force")) {
                return [
                    .vcsRewrite(
                        "git branch -D deletes a branch even if unmerged", rollback: "git reflog, then git branch NAME SHA",
                        rule: "git.discard")
                ]
            }
            if has("-M", "-C") || has("-f", "--force") && !operands.isEmpty {
                return [
                    Finding(
                        [.fileWrite], risk: .medium, blast: .workspace, reversibility: .reversible,
                        reason: "git branch overwrites a branch that exists", rollback: "git reflog", rule: "git.local-write")
                ]
            }
            if has("-d", "--delete", "-m", "--move", "-c", "--copy", "-u", "--set-upstream-to", "--unset-upstream") || !operands.isEmpty {
                return [.fileWrite("git branch changes a branch", rule: "git.local-write")]
            }
            return [.read("git branch lists branches", rule: "git.read")]
        case "checkout":
            return checkout(parsed, rest: rest, analyzer: &analyzer)
        case "switch":
            if has("--discard-changes", "-f", "--force") {
                return discard("git switch --discard-changes throws away uncommitted changes")
            }
            if has("-C", "--force-create") { return [resetsBranch("git switch -C")] }
            if let ref = operands.first, operands.count == 1, !has("-c", "--create", "--orphan", "--detach", "-d"),
                let found = EdgeTargets.gitStep(.checkout, ref: ref, via: "git switch", analyzer: &analyzer)
            {
                return found
            }
            return [unsureSwitch("git switch changes branches: the files that change are not known here")]
        case "restore":
            if has("--pathspec-from-file") { return discard("git restore --pathspec-from-file discards changes in the files a list names") }
            if has("-S", "--staged") && !has("-W", "--worktree") {
                return [.fileWrite("git restore --staged unstages files", rule: "git.local-write")]
            }
            return [discardsPaths("git restore", operands, whole: has("-p", "--patch"))]
                + pathWrites(operands.filter { $0 != "." && !$0.contains("*") }, via: "git restore", analyzer.current)
        case "reset":
            if has("--hard", "--merge", "--keep") && !has("--soft") {
                return discard("git reset --hard discards uncommitted work", rollback: "committed work: git reflog; uncommitted: none")
            }
            if has("--pathspec-from-file") || (!operands.isEmpty && operands.count > 1) {
                return [.fileWrite("git reset unstages files", rule: "git.local-write")]
            }
            return [
                Finding(
                    [.fileWrite], risk: .medium, blast: .workspace, reversibility: .reversible,
                    reason: "git reset moves HEAD; the working tree is kept", rollback: "git reflog", rule: "git.local-write")
            ]
        case "clean":
            if has("-n", "--dry-run") { return [.read("git clean -n lists what would go", rule: "git.read")] }
            if has("-f", "--force", "-i", "--interactive") {
                let ignored = has("-x", "-X")
                return [
                    .vcsRewrite(
                        "git clean deletes untracked\(ignored ? " and ignored" : "") files",
                        rollback: "none: untracked files are not in git", rule: "git.discard")
                ]
            }
            return [.read("git clean without -f does nothing", rule: "git.read")]
        case "stash":
            let verb = operands.first ?? "push"
            switch verb {
            case "drop", "clear":
                return [
                    .vcsRewrite(
                        "git stash \(verb) deletes stashed work", rollback: "git fsck --unreachable, if not yet pruned",
                        rule: "git.discard")
                ]
            case "list", "show": return [.read("git stash \(verb)", rule: "git.read")]
            case "pop", "apply", "branch":
                let ref = verb == "branch" ? operands.dropFirst(2).first : operands.dropFirst().first
                if let found = EdgeTargets.gitStep(.stash, ref: ref ?? "stash@{0}", via: "git stash \(verb)", analyzer: &analyzer) {
                    return found
                }
                return [unsureSwitch("git stash \(verb) writes stashed changes into the working tree")]
            default: return [.fileWrite("git stash \(verb) saves work in progress", rule: "git.local-write")]
            }
        case "rebase":
            var findings: [Finding] = []
            for command in parsed.values(["-x", "--exec"]) {
                analyzer.analyze(script: command, depth: depth + 1)
                findings.append(.unknown("git rebase --exec runs \(command.prefix(60)) after each commit", risk: .medium, rule: "git.runs-code"))
            }
            return findings + [
                Finding(
                    [.vcsRewrite], risk: .medium, blast: .workspace, reversibility: .partial,
                    reason: "git rebase rewrites local commits", rollback: "git reflog", rule: "git.local-write")
            ]
        case "bisect":
            if operands.first == "run" {
                let command = operands.dropFirst().joined(separator: " ")
                analyzer.analyze(script: command, depth: depth + 1)
                return [.unknown("git bisect run runs \(command.prefix(60)) on many commits", risk: .medium, rule: "git.runs-code")]
            }
            return [unsureSwitch("git bisect checks out commits")]
        case "filter-branch", "filter-repo":
            return [.vcsRewrite("git \(subcommand) rewrites the whole history", risk: .critical, rule: "git.history-rewrite")]
        case "replace":
            return [.vcsRewrite("git replace swaps objects history points to", rule: "git.discard")]
        case "update-ref":
            return has("-d") || rest.contains("-d")
                ? [.vcsRewrite("git update-ref -d deletes a ref", rule: "git.discard")]
                : [.fileWrite("git update-ref moves a ref", rule: "git.local-write")]
        case "reflog":
            let verb = operands.first ?? "show"
            return ["expire", "delete"].contains(verb)
                ? [.vcsRewrite("git reflog \(verb) removes the safety net", rule: "git.discard")]
                : [.read("git reflog", rule: "git.read")]
        case "config":
            return config(parsed, analyzer: &analyzer, depth: depth)
        case "remote":
            let verb = operands.first ?? ""
            return ["", "-v", "show", "get-url"].contains(verb)
                ? [.read("git remote lists remotes", rule: "git.read")]
                : [
                    Finding(
                        [.fileWrite], risk: .medium, blast: .workspace, reason: "git remote \(verb) changes where pushes go",
                        rule: "git.local-write")
                ]
        case "archive":
            if parsed.value("--remote") != nil { return [.remoteRead("git archive --remote downloads from a remote", rule: "git.push")] }
            return extra.isEmpty ? [.read("git archive writes to standard output", rule: "git.read")] : extra
        case "send-email", "request-pull", "daemon", "instaweb", "imap-send", "svn", "p4", "cvsimport", "http-push":
            return [.remoteWrite("git \(subcommand) talks to another server", rule: "git.push")]
        case _ where subcommand == "credential" || subcommand.hasPrefix("credential-"):
            // `git credential fill`, `git credential-store get`: the helper protocol prints the secret.
            return CredentialPrograms.helper("git \(subcommand)", verb: operands.first ?? "")
        default:
            return [.unknown("git \(subcommand), not recognised (an alias or an extension)", rule: "program.unknown")]
        }
    }

    /// `--upload-pack`/`--receive-pack`/`--exec` name a program git runs.
    private static func uploadPack(_ parsed: ParsedArguments) -> [Finding] {
        guard let command = parsed.value("--upload-pack", "-u", "--receive-pack", "--exec") else { return [] }
        return [.unknown("git runs \(command.prefix(60)) as its pack program", risk: .high, rule: "git.runs-code")]
    }

    private static func unsureSwitch(_ reason: String) -> Finding {
        var finding = Finding.fileWrite(reason, rule: "git.switch-unsure")
        finding.isUnsure = true
        return finding
    }

    private static func local(_ subcommand: String, _ parsed: ParsedArguments) -> [Finding] {
        if subcommand == "commit", parsed.has("--amend") {
            return [
                Finding(
                    [.fileWrite], risk: .low, blast: .workspace, reversibility: .reversible,
                    reason: "git commit --amend replaces the last commit", rollback: "git reflog", rule: "git.local-write")
            ]
        }
        if subcommand == "tag", parsed.has("-d", "--delete") {
            return [Finding([.fileWrite], risk: .low, blast: .workspace, reason: "git tag -d deletes a local tag", rule: "git.local-write")]
        }
        if subcommand == "merge" || subcommand == "cherry-pick" || subcommand == "revert" {
            return [unsureSwitch("git \(subcommand) changes files in the working tree")]
        }
        return [.fileWrite("git \(subcommand) records changes in the repository", rule: "git.local-write")]
    }

    private static func push(_ parsed: ParsedArguments) -> [Finding] {
        let operands = parsed.operands
        let refs = operands.dropFirst()
        let hard = parsed.options.contains { ["-f", "--force", "--mirror", "--prune"].contains($0.name) }
            || refs.contains { $0.hasPrefix("+") }
        let lease = parsed.options.contains { $0.name == "--force-with-lease" || $0.name == "--force-if-includes" }
        let deletes = parsed.has("-d", "--delete") || refs.contains { $0.hasPrefix(":") && $0.count > 1 }
        let remote = operands.first ?? "origin"
        if hard {
            return [
                .vcsRewrite(
                    "git push --force overwrites history on \(remote)", risk: .high, blast: .external,
                    rollback: "push the old SHA back, if anyone still has it", rule: "git.force-push")
            ]
        }
        if deletes {
            return [
                .vcsRewrite(
                    "git push deletes a branch or tag on \(remote)", risk: .high, blast: .external,
                    rollback: "push it again from a local copy", rule: "git.force-push")
            ]
        }
        if lease {
            return [
                .vcsRewrite(
                    "git push --force-with-lease replaces history on \(remote) only if nobody pushed since",
                    risk: .medium, blast: .external, rollback: "push the old SHA back", rule: "git.force-with-lease")
            ]
        }
        if ["heroku", "dokku", "production", "prod", "live"].contains(remote) {
            return [.deploy("git push to \(remote) deploys", rule: "git.push")]
        }
        return [
            Finding(
                [.network], risk: .medium, blast: .external, reversibility: .partial,
                reason: "git push publishes commits to \(remote)", rollback: "git revert and push", rule: "git.push")
        ]
    }

    private static func checkout(_ parsed: ParsedArguments, rest: [String], analyzer: inout ShellAnalyzer) -> [Finding] {
        let operands = parsed.operands
        let force = parsed.has("-f", "--force")
        if force {
            return [.vcsRewrite("git checkout -f throws away uncommitted changes", rollback: "none for uncommitted changes", rule: "git.discard")]
        }
        if parsed.has("--pathspec-from-file") {
            return [.vcsRewrite("git checkout --pathspec-from-file discards changes in the files a list names", rule: "git.discard")]
        }
        let hasDashes = rest.contains("--")
        let paths = hasDashes ? Array(rest.drop { $0 != "--" }.dropFirst()) : operands
        let discards =
            hasDashes && !paths.isEmpty || operands.contains(".") || operands.count > 1
            || parsed.has("--theirs", "--ours", "-p", "--patch")
            || (operands.count == 1 && looksLikePath(operands[0]))
        if discards, !parsed.has("-b", "-B", "--orphan") || hasDashes {
            let named = hasDashes ? paths : (operands.count == 1 || operands.contains(".") ? operands : Array(operands.dropFirst()))
            // The paths named are written: Airlock's or a harness's files hit the integrity floor.
            return [discardsPaths("git checkout", named, whole: parsed.has("-p", "--patch") || named.isEmpty)]
                + pathWrites(paths.filter { $0 != "." && !$0.contains("*") }, via: "git checkout", analyzer.current)
        }
        if parsed.has("-b", "--orphan") { return [.fileWrite("git checkout -b creates a branch", rule: "git.local-write")] }
        if parsed.has("-B") { return [resetsBranch("git checkout -B")] }
        if operands.count == 1, let found = EdgeTargets.gitStep(.checkout, ref: operands[0], via: "git checkout", analyzer: &analyzer) {
            return found
        }
        return [unsureSwitch("git checkout switches branches (git refuses to lose changes); which files change is not known here")]
    }

    /// `git checkout -- f`, `git restore f`, `git checkout --conflict merge f`: one way to throw
    /// away the uncommitted edits of the files named. Named files are medium (asked, like any
    /// history rewrite); the whole tree (`.`, a glob, `:/`, a directory-wide pathspec) is high.
    private static func discardsPaths(_ how: String, _ paths: [String], whole: Bool) -> Finding {
        let broad = whole || paths.isEmpty || paths.count > 8 || paths.contains { path in
            path == "." || path == "./" || path == ":/" || path == "*" || path.hasPrefix(":(")
                || path.contains("*") || path.hasSuffix("/") || path == ".."
        }
        return .vcsRewrite(
            "\(how) discards the uncommitted changes in \(broad ? "the working tree or many files" : paths.joined(separator: " "))",
            risk: broad ? .high : .medium, rollback: "none for uncommitted changes", rule: "git.discard")
    }

    /// `checkout -B name start`, `switch -C`: an existing branch of that name is moved; commits
    /// only on it stay reachable through the reflog. Asked, not high.
    private static func resetsBranch(_ how: String) -> Finding {
        .vcsRewrite(
            "\(how) resets the branch to the start point if it exists (its own commits stay in the reflog)", risk: .medium,
            blast: .workspace, rollback: "git reflog", rule: "git.reset-branch")
    }

    /// The files a path-form checkout or restore rewrites, judged only where it matters more
    /// than the discard itself (Airlock's, a harness's or a secret file; a path outside).
    private static func pathWrites(_ paths: [String], via tool: String, _ context: ClassificationContext) -> [Finding] {
        paths.prefix(EdgeFactRequest.limit).flatMap { path in
            FileTargets.write(path, verb: "\(tool) rewrites", context: context).filter { $0.risk >= .high }
        }
    }

    /// A file path rather than a ref: `./x`, `*.ts`, `src/app.ts`, `:/path`.
    static func looksLikePath(_ word: String) -> Bool {
        if word.hasPrefix("./") || word.hasPrefix("../") || word.hasPrefix(":/") || word.hasPrefix("/") { return true }
        if word.contains("*") || word.contains("?") { return true }
        guard let last = word.split(separator: "/").last, let dot = last.lastIndex(of: "."), dot != last.startIndex else {
            return false
        }
        let ext = last[last.index(after: dot)...]
        return !ext.isEmpty && ext.count <= 6 && ext.allSatisfy({ $0.isLetter }) && !word.hasPrefix("origin/")
    }

    private static func config(_ parsed: ParsedArguments, analyzer: inout ShellAnalyzer, depth: Int) -> [Finding] {
        let operands = parsed.operands
        let writes = operands.count > 1 || parsed.has("--add", "--replace-all", "--unset", "--unset-all", "--rename-section", "--remove-section", "-e", "--edit")
        guard let key = operands.first?.lowercased(), writes else {
            if parsed.has("-e", "--edit") {
                return [.unknown("git config --edit opens an editor", rule: "editor.open")]
            }
            return [.read("git config reads settings", rule: "git.read")]
        }
        let value = operands.count > 1 ? operands[1] : ""
        let findings = configEffect(key: key, value: value, how: "git config", analyzer: &analyzer, depth: depth)
        if !findings.isEmpty { return findings }
        let scope = parsed.has("--global", "--system")
        return [
            Finding(
                [.fileWrite], risk: scope ? .medium : .low, blast: .workspace, reason: "git config sets \(key)",
                rule: "git.local-write")
        ]
    }

    /// What setting `key` to `value` makes git do: run a program, a shell alias, or nothing special.
    static func configEffect(key rawKey: String, value: String, how: String, analyzer: inout ShellAnalyzer, depth: Int) -> [Finding] {
        let key = rawKey.lowercased()
        if key == "core.hookspath" {
            return [
                Finding(
                    [.selfModification, .persistence], risk: .critical, blast: .machine, reversibility: .partial,
                    reason: "\(how) core.hooksPath redirects git hooks, which run outside the gate", rule: "path.self-modification")
            ]
        }
        if key.hasPrefix("alias.") {
            guard value.hasPrefix("!") else { return [] }
            analyzer.analyze(script: String(value.dropFirst()), depth: depth + 1)
            return [
                Finding(
                    [.envPoisoning], risk: .high, blast: .machine, reversibility: .partial,
                    reason: "\(how) \(key) defines an alias that runs a shell command", rule: "git.alias-shell")
            ]
        }
        if isCodeRunningConfig(key) {
            let program = Unwrapper.programName(String(value.split(separator: " ").first ?? ""))
            if how == "git -c" {
                if ["cat", "less", "more", "true", "vim", "vi", "nano", "delta", "diff-so-fancy", "bat"].contains(program), key.hasPrefix("core.pager") || key.hasPrefix("core.editor") || key.hasPrefix("pager.") {
                    return []
                }
                if !value.isEmpty { analyzer.analyze(script: value, depth: depth + 1) }
                return [.unknown("\(how) \(key) makes git run \(value.prefix(60))", risk: .high, rule: "git.runs-code")]
            }
            return [
                Finding(
                    [.persistence], risk: .high, blast: .machine, reversibility: .partial,
                    reason: "\(how) \(key) makes git run \(value.prefix(60)) later", rule: "git.config-code")
            ]
        }
        return []
    }

    static func isCodeRunningConfig(_ key: String) -> Bool {
        key.hasPrefix("core.sshcommand") || key.hasPrefix("core.fsmonitor") || key.hasPrefix("core.pager")
            || key.hasPrefix("core.editor") || key.hasPrefix("core.askpass") || key.hasPrefix("diff.external")
            || key.contains(".textconv") || key.hasPrefix("filter.") || key.hasPrefix("credential.helper")
            || key.hasPrefix("gpg.program") || key.hasPrefix("gpg.ssh.program") || key.hasPrefix("sequence.editor")
            || key.hasPrefix("protocol.ext") || key.hasPrefix("pager.") || key.hasPrefix("uploadpack.packobjectshook")
            || key.hasPrefix("merge.") && key.hasSuffix(".driver") || key.hasPrefix("diff.") && key.hasSuffix(".command")
            || key.hasPrefix("difftool.") && key.hasSuffix(".cmd") || key.hasPrefix("mergetool.") && key.hasSuffix(".cmd")
            || key.hasPrefix("core.gitproxy") || key.hasPrefix("init.templatedir") || key.hasPrefix("include.path")
            || key.hasPrefix("includeif.") || key.hasPrefix("web.browser") || key.hasPrefix("browser.")
    }
}
