import AirlockCore

/// Judges the five boundaries from `BoundaryFacts` (docs/doctor.md, "What it checks"). Pure:
/// facts in, report out.
public enum BoundaryEvaluator {
    public static func report(_ facts: BoundaryFacts) -> BoundaryReport {
        let boundaries = boundaries(facts)
        var ifTrusted: BoundaryRecommendation?
        if facts.trustedBecause == nil {
            var trusted = facts
            trusted.trustedBecause = "trusted"
            ifTrusted = BoundaryRecommendation(states: Self.boundaries(trusted).map(\.state), isTrusted: true)
        }
        return BoundaryReport(
            workspace: facts.workspace, boundaries: boundaries, isTrusted: facts.trustedBecause != nil,
            remote: remotes(facts).first.map { URLText.withoutCredentials($0.url) },
            recommendationIfTrusted: ifTrusted, sandboxes: facts.harnesses.compactMap(\.sandboxDetails))
    }

    static func boundaries(_ facts: BoundaryFacts) -> [Boundary] {
        [
            repositoryTrust(facts), filesAndSecrets(facts), commandExecution(facts), mcpToolScope(facts),
            loggingAndRollback(facts),
        ]
    }

    static func remotes(_ facts: BoundaryFacts) -> [GitState.Remote] {
        if case .measured(let state) = facts.git { return state.remotes }
        return []
    }

    /// A boundary being built: the worst state seen wins, and the fix of the first finding that
    /// reached it is the one thing to do next.
    struct Draft {
        var state = BoundaryState.clear
        var reasons: [String] = []
        var fixes: [String] = []
        var nextStep: String?

        mutating func note(_ reason: String) { reasons.append(reason) }

        mutating func raise(_ to: BoundaryState, _ reason: String, fix: String? = nil) {
            if rank(to) > rank(state) {
                state = to
                nextStep = fix
            } else if rank(to) == rank(state), nextStep == nil {
                nextStep = fix
            }
            reasons.append(reason)
            if let fix, !fixes.contains(fix) { fixes.append(fix) }
        }

        private func rank(_ state: BoundaryState) -> Int {
            switch state {
            case .clear: 0
            case .fuzzy: 1
            case .open: 2
            }
        }

        func boundary(_ kind: BoundaryKind) -> Boundary {
            Boundary(
                kind: kind, state: state, reasons: reasons, fixes: fixes,
                nextStep: state == .clear ? nil : nextStep ?? fixes.first)
        }
    }

    // MARK: 1. Repository trust

    static func repositoryTrust(_ facts: BoundaryFacts) -> Boundary {
        var draft = Draft()
        let isTrusted = facts.trustedBecause != nil
        if let because = facts.trustedBecause {
            draft.note("trusted: \(because)")
        } else {
            draft.raise(
                .fuzzy, "not a trusted repository: read-only until you trust it (reads run, the rest asks you)",
                fix: "after inspecting it, trust it: airlock trust \(ShellQuote.word(facts.workspace))")
        }
        switch facts.git {
        case .notARepository:
            draft.raise(.fuzzy, "not a git repository", fix: "work in a git checkout")
        case .notMeasured(let why):
            draft.raise(.fuzzy, "git state: \(why)", fix: "run `airlock doctor` again")
        case .measured(let state):
            if let remote = state.remotes.first {
                draft.note("remote \(remote.name): \(URLText.withoutCredentials(remote.url))")
            } else {
                // Trust names the repository; without it a remote is what says where it came from.
                draft.note(
                    isTrusted ? "no remote (trusted, so its source is known)" : "no remote: the source is unknown")
            }
            if state.isClean {
                draft.note("git status is clean")
            } else {
                draft.raise(
                    .fuzzy, "git status not clean: \(changes(state))",
                    fix: "commit or stash first, or give the agent its own worktree (git worktree add)")
            }
        }
        return draft.boundary(.repositoryTrust)
    }

    // MARK: 2. Files and secrets

    static func filesAndSecrets(_ facts: BoundaryFacts) -> Boundary {
        var draft = Draft()
        let installed = facts.harnesses.filter(\.isInstalled)
        if !facts.secrets.isComplete {
            draft.raise(
                .fuzzy, "the secret-file scan did not finish (budget or depth)",
                fix: "run `airlock doctor` again; deny secret reads by pattern (Read(**/.env*))")
        }
        if facts.secrets.files.isEmpty {
            if facts.secrets.isComplete { draft.note("no .env, key or credential files found") }
            return draft.boundary(.filesAndSecrets)
        }
        if installed.isEmpty {
            draft.raise(
                .fuzzy, "\(facts.secrets.files.count) secret file(s) and no harness settings found to check",
                fix: "install Airlock's hook for the agent you use: airlock install <harness>")
        }
        for (file, reason) in zip(facts.secrets.files, facts.secrets.reasons) {
            let name = relative(file, facts.workspace)
            var readers: [String] = []
            for harness in installed {
                if facts.hookedHarnesses.contains(harness.harness) { continue }
                if ReadPattern.covers(harness.readDenies, file) { continue }
                readers.append(harness.harness)
                draft.fixes.appendUnique(denyFix(harness.harness, name))
            }
            if readers.isEmpty {
                if !installed.isEmpty {
                    draft.note("\(name) (\(reason)) is denied or gated for every installed harness")
                }
            } else {
                let names = readers.map(HarnessSettings.displayName).joined(separator: ", ")
                draft.raise(.open, "\(name) (\(reason)) is readable: nothing denies it to \(names)")
            }
        }
        return draft.boundary(.filesAndSecrets)
    }

    static func denyFix(_ harness: String, _ name: String) -> String {
        switch harness {
        case "claude": "add \"Read(./\(name))\" to permissions.deny in .claude/settings.json"
        case "cursor": "add \(name) to .cursorignore"
        default: "install Airlock's hook, which sends secret reads to a human: airlock install \(harness)"
        }
    }

    // MARK: 3. Command execution

    static func commandExecution(_ facts: BoundaryFacts) -> Boundary {
        var draft = Draft()
        unknownHome(facts, &draft)
        let installed = facts.harnesses.filter(\.isInstalled)
        if installed.isEmpty {
            draft.raise(
                .fuzzy, "no harness settings found: how commands run is unknown",
                fix: "install Airlock's hook for the agent you use: airlock install <harness>")
        }
        for harness in installed {
            let name = HarnessSettings.displayName(harness.harness)
            let hooked = facts.hookedHarnesses.contains(harness.harness)
            if harness.bypassesPrompts && !hooked {
                draft.raise(
                    .open, "\(name) skips its own prompts and Airlock's hook is not installed",
                    fix: "airlock install \(harness.harness), or leave bypass mode")
            } else if harness.sandbox == true && harness.network != true {
                draft.note("\(name): sandbox on, network off or allowlisted")
            } else if hooked {
                draft.note("\(name): Airlock's hook gates every command (network and destructive commands ask)")
            } else if harness.network == true {
                draft.raise(
                    .fuzzy, "\(name): commands may reach the network without asking",
                    fix: sandboxFix(harness.harness))
            } else {
                draft.raise(.fuzzy, "\(name): no sandbox and no Airlock hook", fix: sandboxFix(harness.harness))
            }
        }
        return draft.boundary(.commandExecution)
    }

    static func sandboxFix(_ harness: String) -> String {
        switch harness {
        case "claude": "set \"sandbox\": {\"enabled\": true} in ~/.claude/settings.json, or airlock install claude"
        case "codex": "set sandbox_mode = \"workspace-write\" (network_access = false) in ~/.codex/config.toml"
        default: "airlock install \(harness)"
        }
    }

    // MARK: 4. MCP tool scope

    static func mcpToolScope(_ facts: BoundaryFacts) -> Boundary {
        var draft = Draft()
        unknownHome(facts, &draft)
        let active = facts.mcpServers.filter { !$0.entry.isDisabled }
        let disabled = facts.mcpServers.count - active.count
        if active.isEmpty {
            draft.note(
                facts.mcpServers.isEmpty ? "no MCP servers configured" : "\(disabled) MCP server(s), all disabled")
            return draft.boundary(.mcpToolScope)
        }
        for server in active {
            let entry = server.entry
            let label = "\(entry.name) (\(HarnessSettings.displayName(entry.harness)), \(entry.source))"
            if let tools = server.tools {
                let unclassed = tools.filter { !$0.isClassed }.map(\.name)
                if unclassed.isEmpty {
                    draft.note("\(label): \(tools.count) tools inventoried and classed")
                } else {
                    draft.raise(
                        .fuzzy, "\(label): tools not classed: \(unclassed.prefix(5).joined(separator: ", "))",
                        fix: "add allow/deny rules for \(entry.name)'s unclassed tools in policy.toml")
                }
            } else if entry.airlockName != nil {
                draft.raise(
                    .fuzzy, "\(label): runs behind airlock mcp but has not listed its tools yet",
                    fix: "use \(entry.name) once through the agent so airlock mcp records its tools/list")
            } else if facts.hookedHarnesses.contains(entry.harness) {
                draft.raise(
                    .fuzzy, "\(label): not inventoried (calls pass Airlock's hook, but its tools are unknown)",
                    fix: wrapFix(entry))
            } else {
                draft.raise(.open, "\(label): not inventoried and not gated", fix: wrapFix(entry))
            }
        }
        return draft.boundary(.mcpToolScope)
    }

    /// A home that cannot be looked into hides settings and servers: fuzzy, never clear.
    static func unknownHome(_ facts: BoundaryFacts, _ draft: inout Draft) {
        guard let home = facts.unreadableHome else { return }
        draft.raise(
            .fuzzy, "\(home) cannot be read here: the agent's harness settings and MCP servers are unknown",
            fix: "let Airlock's user look into \(home) (chmod o+x, and o+r on the harness settings)")
    }

    static func wrapFix(_ entry: MCPServerEntry) -> String {
        entry.transport == "stdio"
            ? "run \(entry.name) behind Airlock (command: airlock mcp --name \(entry.name) -- <its command>) or disable it"
            : "disable \(entry.name) unless you need it (Airlock's proxy takes stdio servers only)"
    }

    // MARK: 5. Logging and rollback

    static func loggingAndRollback(_ facts: BoundaryFacts) -> Boundary {
        var draft = Draft()
        switch facts.audit {
        case .verified(let records):
            draft.note("decision log on and intact (\(records) records), redacted before it is written")
        case .missing:
            draft.raise(.fuzzy, "no Airlock store yet: no decision is logged", fix: "start the broker: airlock serve")
        case .broken(let why):
            draft.raise(.open, "decision log: \(why)", fix: "run airlock audit verify and find out who changed it")
        }
        switch facts.git {
        case .notARepository:
            draft.raise(.fuzzy, "no git repository: no rollback path", fix: "git init and commit before the agent runs")
        case .notMeasured(let why):
            draft.raise(.fuzzy, "rollback path unknown: git \(why)")
        case .measured(let state):
            // A dirty tree already makes repository trust fuzzy; counting the same fact here too
            // would push every session with work in progress to read-only. Git is the rollback
            // path; what it cannot restore is named for the reviewer.
            if state.isClean {
                draft.note("rollback path: git (clean)")
            } else {
                draft.note("rollback path: git; uncommitted work is not covered (\(changes(state)))")
            }
        }
        return draft.boundary(.loggingAndRollback)
    }

    // MARK: Helpers

    static func changes(_ state: GitState) -> String {
        "\(state.dirtyFiles.count) changed, \(state.untrackedFiles.count) untracked"
    }

    static func relative(_ path: String, _ workspace: String) -> String {
        path.hasPrefix(workspace + "/") ? String(path.dropFirst(workspace.count + 1)) : path
    }
}

extension Array where Element == String {
    mutating func appendUnique(_ element: String) {
        if !contains(element) { append(element) }
    }
}
