/// `git`: reads, local writes git can undo, and the history rewrites it cannot.
enum GitProgram {
    /// Global options before the subcommand that take a value.
    private static let globalValued: Set<String> = [
        "-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env",
    ]

    static func classify(_ inv: Invocation) -> [Finding] {
        var args = inv.args[...]
        var configOverrides: [String] = []
        while let first = args.first, first.hasPrefix("-") {
            if first == "--version" || first == "-v" || first == "--help" || first == "-h" {
                return [.read("git \(first)")]
            }
            args = args.dropFirst()
            if globalValued.contains(first), let value = args.first {
                if first == "-c" { configOverrides.append(value) }
                args = args.dropFirst()
            }
        }
        if let risky = configOverrides.first(where: isCodeRunningConfig) {
            return [.unknown("git -c \(risky.prefix(60)) makes git run other code", risk: .high)]
        }
        guard let subcommand = args.first else { return [.read("git with no subcommand")] }
        let sub = Invocation(program: "git-\(subcommand)", arguments: args.dropFirst().map { ShellWord($0) })
        let rest = sub.args
        let positionals = sub.positionals(valued: [
            "-m", "-b", "-B", "-c", "-C", "-u", "--message", "-F", "-X", "-s", "--author", "-o",
        ])
        switch subcommand {
        case "status", "log", "diff", "show", "blame", "grep", "ls-files", "ls-tree", "ls-remote", "rev-parse",
            "describe", "shortlog", "cat-file", "rev-list", "whatchanged", "name-rev", "show-ref", "for-each-ref",
            "merge-base", "count-objects", "fsck", "check-ignore", "check-attr", "help", "version", "var",
            "annotate", "range-diff", "verify-commit", "verify-tag", "cherry", "show-branch", "difftool", "bisect":
            return [.read("git \(subcommand) reads the repository")]
        case "fetch":
            return [.remoteRead("git fetch downloads from a remote")]
        case "clone":
            return [
                Finding(
                    [.network, .fileWrite], risk: .medium, blast: .external, reason: "git clone downloads a repository")
            ]
        case "pull":
            return [
                Finding(
                    [.network], risk: .medium, blast: .workspace, reversibility: .partial,
                    reason: "git pull merges remote changes into the working tree")
            ]
        case "push":
            return push(sub, positionals: positionals)
        case "add", "commit", "mv", "tag", "notes", "revert", "cherry-pick", "merge", "am", "apply", "init",
            "worktree", "submodule", "sparse-checkout", "maintenance", "gc", "repack", "prune", "lfs", "rerere",
            "format-patch":
            return local(subcommand, sub)
        case "branch":
            if sub.has(short: "D", long: [])
                || (sub.has(short: "d", long: ["--delete"]) && sub.has(short: "f", long: ["--force"]))
            {
                return [
                    .vcsRewrite(
                        "git branch -D deletes a branch even if unmerged", risk: .high,
                        rollback: "git reflog, then git branch NAME SHA")
                ]
            }
            if sub.has(short: "dmMf", long: ["--delete", "--move", "--force"]) {
                return [
                    Finding(
                        [.fileWrite], risk: .low, blast: .workspace, reversibility: .reversible,
                        reason: "git branch changes a branch")
                ]
            }
            return [.read("git branch lists or creates branches")]
        case "checkout", "switch":
            return checkout(subcommand, sub, positionals: positionals)
        case "restore":
            let staged = sub.has(short: "S", long: ["--staged"])
            let worktree = sub.has(short: "W", long: ["--worktree"])
            if staged && !worktree { return [.fileWrite("git restore --staged unstages files")] }
            return [
                .vcsRewrite(
                    "git restore discards uncommitted changes in \(positionals.joined(separator: " "))",
                    rollback: "none for uncommitted changes")
            ]
        case "reset":
            if sub.has(long: ["--hard", "--merge", "--keep"]) && !rest.contains("--soft") {
                return [
                    .vcsRewrite(
                        "git reset --hard discards uncommitted work",
                        rollback: "committed work: git reflog; uncommitted: none")
                ]
            }
            return [
                Finding(
                    [.fileWrite], risk: .medium, blast: .workspace, reversibility: .reversible,
                    reason: "git reset moves HEAD; the working tree is kept", rollback: "git reflog")
            ]
        case "clean":
            if sub.has(short: "n", long: ["--dry-run"]) { return [.read("git clean -n lists what would go")] }
            if sub.has(short: "fi", long: ["--force", "--interactive"]) {
                let ignored = sub.has(short: "xX", long: [])
                return [
                    .vcsRewrite(
                        "git clean deletes untracked\(ignored ? " and ignored" : "") files",
                        rollback: "none: untracked files are not in git")
                ]
            }
            return [.read("git clean without -f does nothing")]
        case "stash":
            let verb = positionals.first ?? "push"
            switch verb {
            case "drop", "clear":
                return [
                    .vcsRewrite(
                        "git stash \(verb) deletes stashed work", rollback: "git fsck --unreachable, if not yet pruned")
                ]
            case "list", "show": return [.read("git stash \(verb)")]
            default: return [.fileWrite("git stash \(verb) saves or restores work in progress")]
            }
        case "rebase":
            return [
                Finding(
                    [.vcsRewrite], risk: .medium, blast: .workspace, reversibility: .partial,
                    reason: "git rebase rewrites local commits", rollback: "git reflog")
            ]
        case "filter-branch", "filter-repo", "replace":
            return [.vcsRewrite("git \(subcommand) rewrites the whole history", risk: .critical)]
        case "update-ref":
            return sub.has(short: "d", long: [])
                ? [.vcsRewrite("git update-ref -d deletes a ref")] : [local(subcommand, sub)].flatMap { $0 }
        case "reflog":
            let verb = positionals.first ?? "show"
            return ["expire", "delete"].contains(verb)
                ? [.vcsRewrite("git reflog \(verb) removes the safety net")] : [.read("git reflog")]
        case "config":
            return config(sub, positionals: positionals)
        case "remote":
            let verb = positionals.first ?? ""
            return ["", "-v", "show", "get-url"].contains(verb)
                ? [.read("git remote lists remotes")]
                : [
                    Finding(
                        [.fileWrite], risk: .medium, blast: .workspace,
                        reason: "git remote \(verb) changes where pushes go")
                ]
        case "archive", "bundle", "daemon", "instaweb", "send-email", "request-pull":
            return [.unknown("git \(subcommand)")]
        default:
            return [.unknown("git \(subcommand), not recognised")]
        }
    }

    private static func local(_ subcommand: String, _ sub: Invocation) -> [Finding] {
        if subcommand == "commit", sub.has(long: ["--amend"]) {
            return [
                Finding(
                    [.fileWrite], risk: .low, blast: .workspace, reversibility: .reversible,
                    reason: "git commit --amend replaces the last commit", rollback: "git reflog")
            ]
        }
        if subcommand == "gc" || subcommand == "prune",
            sub.args.contains(where: { $0.hasPrefix("--prune") || $0 == "now" })
        {
            return [.vcsRewrite("git \(subcommand) --prune deletes unreachable commits for good", risk: .medium)]
        }
        if subcommand == "tag", sub.has(short: "d", long: ["--delete"]) {
            return [Finding([.fileWrite], risk: .low, blast: .workspace, reason: "git tag -d deletes a local tag")]
        }
        return [.fileWrite("git \(subcommand) records changes in the repository")]
    }

    private static func push(_ sub: Invocation, positionals: [String]) -> [Finding] {
        let forced =
            sub.has(short: "f", long: ["--force", "--force-with-lease", "--force-if-includes", "--mirror", "--prune"])
            || positionals.dropFirst().contains { $0.hasPrefix("+") }
        let deletes =
            sub.has(short: "d", long: ["--delete"])
            || positionals.dropFirst().contains { $0.hasPrefix(":") && $0.count > 1 }
        let remote = positionals.first ?? "origin"
        if forced {
            let lease = sub.has(long: ["--force-with-lease"]) && !sub.has(short: "f", long: ["--force"])
            return [
                .vcsRewrite(
                    "git push --force overwrites history on \(remote)\(lease ? " (with lease)" : "")",
                    risk: .high, blast: .external, rollback: "push the old SHA back, if anyone still has it")
            ]
        }
        if deletes {
            return [
                .vcsRewrite(
                    "git push deletes a branch or tag on \(remote)", risk: .high, blast: .external,
                    rollback: "push it again from a local copy")
            ]
        }
        if ["heroku", "dokku", "production", "prod", "live"].contains(remote) {
            return [.deploy("git push to \(remote) deploys")]
        }
        return [
            Finding(
                [.network], risk: .medium, blast: .external, reversibility: .partial,
                reason: "git push publishes commits to \(remote)", rollback: "git revert and push")
        ]
    }

    private static func checkout(_ subcommand: String, _ sub: Invocation, positionals: [String]) -> [Finding] {
        if sub.has(short: "bBc", long: ["--orphan", "--create", "--detach"]) && !sub.args.contains("--") {
            return [.fileWrite("git \(subcommand) creates or switches a branch")]
        }
        let discards =
            sub.args.contains("--") || positionals.contains(".") || positionals.count > 1
            || sub.has(short: "f", long: ["--force", "--discard-changes", "--theirs", "--ours"])
        if discards {
            return [
                .vcsRewrite(
                    "git \(subcommand) overwrites uncommitted changes in the working tree",
                    rollback: "none for uncommitted changes")
            ]
        }
        return [.fileWrite("git \(subcommand) switches branches (git refuses to lose changes)")]
    }

    private static func config(_ sub: Invocation, positionals: [String]) -> [Finding] {
        guard let key = positionals.first?.lowercased(),
            positionals.count > 1 || sub.has(long: ["--add", "--replace-all", "--unset", "--unset-all"])
        else {
            return [.read("git config reads settings")]
        }
        if key == "core.hookspath" {
            return [
                Finding(
                    [.selfModification], risk: .critical, blast: .machine, reversibility: .partial,
                    reason: "git config core.hooksPath redirects git hooks, which run outside the gate")
            ]
        }
        if isCodeRunningConfig(key) {
            return [
                Finding(
                    [.agentConfig], risk: .high, blast: .machine, reversibility: .partial,
                    reason: "git config \(key) makes git run other code")
            ]
        }
        return [
            Finding(
                [.fileWrite], risk: sub.has(long: ["--global", "--system"]) ? .medium : .low, blast: .workspace,
                reason: "git config sets \(key)")
        ]
    }

    static func isCodeRunningConfig(_ setting: String) -> Bool {
        let key = setting.lowercased()
        return key.hasPrefix("alias.") || key.hasPrefix("core.hookspath") || key.hasPrefix("core.sshcommand")
            || key.hasPrefix("core.fsmonitor") || key.hasPrefix("core.pager") || key.hasPrefix("core.editor")
            || key.hasPrefix("diff.external") || key.contains(".textconv") || key.contains("filter.")
            || key.hasPrefix("credential.helper") || key.hasPrefix("gpg.program") || key.hasPrefix("sequence.editor")
            || key.hasPrefix("protocol.ext")
    }
}
