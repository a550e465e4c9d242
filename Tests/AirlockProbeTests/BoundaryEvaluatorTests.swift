import AirlockCore
import AirlockProbe
import Testing

/// The pure evaluation: facts in, five boundaries out.
@Suite struct BoundaryEvaluatorTests {
    static let workspace = "/work/app"

    static func facts(
        git: GitStateReader.Outcome = .measured(
            GitState(topLevel: workspace, remotes: [.init(name: "origin", url: "git@github.com:acme/app.git")])),
        trusted: String? = "listed", secrets: [String] = [], harnesses: [HarnessSettings] = [claude()],
        hooked: Set<String> = [], servers: [MCPServerFacts] = [], audit: AuditState = .verified(records: 3)
    ) -> BoundaryFacts {
        var scan = SecretScan.Result()
        scan.files = secrets.map { workspace + "/" + $0 }
        scan.reasons = secrets.map { _ in "an .env file" }
        return BoundaryFacts(
            workspace: workspace, git: git, trustedBecause: trusted, trustedListPath: "/cfg/trusted-repos",
            secrets: scan, harnesses: harnesses, hookedHarnesses: hooked, mcpServers: servers, audit: audit,
            problems: [])
    }

    static func claude(denies: [String] = [], sandbox: Bool? = true) -> HarnessSettings {
        var settings = HarnessSettings(harness: "claude", isInstalled: true)
        settings.readDenies = denies
        settings.sandbox = sandbox
        settings.network = sandbox == true ? false : nil
        return settings
    }

    func states(_ facts: BoundaryFacts) -> [BoundaryState] {
        BoundaryEvaluator.report(facts).boundaries.map(\.state)
    }

    @Test func aCleanTrustedRepositoryWithNothingExposedIsClear() {
        let report = BoundaryEvaluator.report(Self.facts())
        #expect(report.boundaries.map(\.kind) == BoundaryKind.allCases)
        #expect(report.boundaries.map(\.state) == [.clear, .clear, .clear, .clear, .clear])
        #expect(report.recommendation == .chosenMode)
    }

    /// A separated broker that cannot look into the agent's home does not take missing settings
    /// for absent ones: command execution and MCP scope are fuzzy, saying why.
    @Test func aHomeThatCannotBeReadIsNeverClear() {
        var facts = Self.facts()
        facts.unreadableHome = "/home/agent"
        let report = BoundaryEvaluator.report(facts)
        #expect(report.boundaries.map(\.state) == [.clear, .clear, .fuzzy, .fuzzy, .clear])
        #expect(report.boundary(.mcpToolScope)?.reasons.first?.contains("/home/agent cannot be read here") == true)
    }

    @Test func untrustedDirtyOrRemoteless() {
        let dirty = GitState(topLevel: Self.workspace, dirtyFiles: ["a"], untrackedFiles: ["b"], remotes: [])
        let report = BoundaryEvaluator.report(Self.facts(git: .measured(dirty), trusted: nil))
        let trust = report.boundary(.repositoryTrust)
        #expect(trust?.state == .fuzzy)
        #expect(
            trust?.reasons == [
                "not a trusted repository: read-only until you trust it (reads run, the rest asks you)",
                "no remote: the source is unknown", "git status not clean: 1 changed, 1 untracked",
            ])
        // The one thing that clears it first: trusting it, said as a command to type.
        #expect(trust?.nextStep == "after inspecting it, trust it: airlock trust /work/app")
        #expect(report.isTrusted == false)
        #expect(report.remote == nil)
        // Counted once, against trust: git is still the rollback path.
        let rollback = report.boundary(.loggingAndRollback)
        #expect(rollback?.state == .clear)
        #expect(
            rollback?.reasons.last == "rollback path: git; uncommitted work is not covered (1 changed, 1 untracked)")
        #expect(report.recommendation == .readOnly)
        #expect(report.recommendationIfTrusted == .interactive)
    }

    /// A trusted repository with a clean git state is at least workspace-edit, remote or not.
    @Test(arguments: [true, false])
    func aTrustedCleanRepositoryIsAtLeastWorkspaceEdit(hasRemote: Bool) {
        let remotes = hasRemote ? [GitState.Remote(name: "origin", url: "git@github.com:acme/app.git")] : []
        let git = GitStateReader.Outcome.measured(GitState(topLevel: Self.workspace, remotes: remotes))
        for harnesses in [[Self.claude()], [], [Self.claude(sandbox: nil)]] {
            let report = BoundaryEvaluator.report(Self.facts(git: git, harnesses: harnesses, audit: .missing))
            #expect(report.boundary(.repositoryTrust)?.state == .clear)
            #expect(report.recommendation.effectiveMode(chosen: .workspaceEdit) == .workspaceEdit)
            #expect(report.recommendationIfTrusted == nil)
        }
    }

    /// Each boundary not clear names the one thing that would clear it.
    @Test func everyBoundaryNotClearSaysTheOneThingToDo() {
        let unscoped = MCPServerFacts(
            entry: MCPServerEntry(harness: "claude", name: "db", source: "/h/.claude.json", transport: "stdio"),
            tools: nil)
        let facts = Self.facts(
            git: .notARepository, trusted: nil, secrets: [".env"], harnesses: [Self.claude(sandbox: nil)],
            servers: [unscoped], audit: .missing)
        for boundary in BoundaryEvaluator.report(facts).boundaries {
            #expect(boundary.state != .clear)
            #expect(boundary.nextStep?.isEmpty == false, "\(boundary.kind)")
        }
        let clear = BoundaryEvaluator.report(Self.facts())
        #expect(clear.boundaries.allSatisfy { $0.nextStep == nil })
    }

    @Test func aReadableEnvIsOpenUntilDeniedOrGated() {
        let open = BoundaryEvaluator.report(Self.facts(secrets: [".env"])).boundary(.filesAndSecrets)
        #expect(open?.state == .open)
        #expect(open?.reasons == [".env (an .env file) is readable: nothing denies it to Claude Code"])
        #expect(open?.fixes == ["add \"Read(./.env)\" to permissions.deny in .claude/settings.json"])

        let denied = Self.facts(
            secrets: [".env", "config/.env.local"], harnesses: [Self.claude(denies: ["/work/app/**/.env*"])])
        #expect(BoundaryEvaluator.report(denied).boundary(.filesAndSecrets)?.state == .clear)
        let gated = Self.facts(secrets: [".env"], hooked: ["claude"])
        #expect(BoundaryEvaluator.report(gated).boundary(.filesAndSecrets)?.state == .clear)
        // A deny in one harness does not cover another installed one.
        var codex = HarnessSettings(harness: "codex", isInstalled: true)
        codex.sandbox = true
        let partly = Self.facts(secrets: [".env"], harnesses: [Self.claude(denies: ["/work/app/.env"]), codex])
        let boundary = BoundaryEvaluator.report(partly).boundary(.filesAndSecrets)
        #expect(boundary?.state == .open)
        #expect(boundary?.reasons == [".env (an .env file) is readable: nothing denies it to Codex"])
    }

    @Test func mcpServersInventoriedGatedOrOpen() {
        let unscoped = MCPServerFacts(
            entry: MCPServerEntry(harness: "claude", name: "db", source: "/h/.claude.json", transport: "stdio"),
            tools: nil)
        #expect(BoundaryEvaluator.report(Self.facts(servers: [unscoped])).boundary(.mcpToolScope)?.state == .open)
        #expect(
            BoundaryEvaluator.report(Self.facts(hooked: ["claude"], servers: [unscoped])).boundary(.mcpToolScope)?.state
                == .fuzzy)
        var disabled = unscoped
        disabled.entry.isDisabled = true
        #expect(BoundaryEvaluator.report(Self.facts(servers: [disabled])).boundary(.mcpToolScope)?.state == .clear)
        let classed = MCPServerFacts(
            entry: unscoped.entry,
            tools: [ClassedTool.classify(server: "db", tool: .init(name: "list_tables"), host: HostFacts())])
        #expect(classed.tools?.first?.isClassed == true)
        #expect(BoundaryEvaluator.report(Self.facts(servers: [classed])).boundary(.mcpToolScope)?.state == .clear)
    }

    @Test func noGitNoStoreBrokenLog() {
        #expect(states(Self.facts(git: .notARepository))[4] == .fuzzy)
        #expect(states(Self.facts(audit: .missing))[4] == .fuzzy)
        #expect(states(Self.facts(audit: .broken("record 3 changed")))[4] == .open)
        #expect(states(Self.facts(git: .notMeasured("not measured (budget 50 ms)")))[0] == .fuzzy)
    }

    @Test func noHarnessFoundIsNotClearForCommands() {
        let report = BoundaryEvaluator.report(Self.facts(harnesses: []))
        #expect(report.boundary(.commandExecution)?.state == .fuzzy)
        #expect(report.boundary(.filesAndSecrets)?.state == .clear)  // nothing secret to protect
    }

    @Test func onlyAnOpenBoundaryRecommendsStop() {
        let fuzzy = BoundaryEvaluator.report(
            Self.facts(git: .notARepository, trusted: nil, harnesses: [Self.claude(sandbox: nil)], audit: .missing))
        #expect(fuzzy.boundaries.filter { $0.state == .fuzzy }.count == 3)
        #expect(fuzzy.recommendation == .readOnly)
        let open = BoundaryEvaluator.report(Self.facts(secrets: [".env"]))
        #expect(open.recommendation == .stop)
        #expect(open.recommendation.effectiveMode(chosen: .autoLoop) == nil)
    }
}
