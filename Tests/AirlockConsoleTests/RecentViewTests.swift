import AirlockCore
import AirlockWire
import FoundationEssentials
import Testing

@testable import AirlockConsole

/// The recent view (`R`): the broker's decisions, automatic ones included, filterable; from a
/// denied one an allow exception, from an allowed one a deny exception, in the `t` panel.
@Suite struct RecentViewTests {
    func recentView(_ state: ConsoleState) -> RecentView? {
        if case .recent(let view) = state.interaction { view } else { nil }
    }

    func draft(_ state: ConsoleState) -> ExceptionDraft? {
        if case .exception(let draft) = state.interaction { draft } else { nil }
    }

    func withDecisions() -> ConsoleState {
        var state = console([shell("p1", "rm -rf build")])
        _ = Console.update(&state, decided("d1", "ls -la", age: 50))
        _ = Console.update(
            &state,
            decided(
                "d2", "npm install left-pad", .deny, source: .fallback, age: 0,
                reason: "Denied: this needs a human and no Airlock console is open"))
        _ = Console.update(&state, decided("d3", "git status", age: -5))
        return state
    }

    @Test func automaticDenialsSinceTheConsoleOpenedAreCountedInTheHeader() throws {
        var state = withDecisions()
        // d1 was decided before the console opened: not counted; d2 is.
        #expect(state.automaticDenials == 1)
        _ = Console.update(&state, decided("d4", "rm -rf /", .deny, source: .human("ana"), age: -10))
        #expect(state.automaticDenials == 1, "a reviewer's deny is not automatic")
        _ = Console.update(&state, decided("d2", "npm install left-pad", .deny, source: .fallback, age: 0))
        #expect(state.automaticDenials == 1, "each decision once, however often it is told")
        #expect(try renderText(state).contains("1 denied (R)"))
    }

    @Test func theViewListsNewestFirstAndFilters() throws {
        var state = withDecisions()
        press(&state, .character("R"))
        #expect(recentView(state)?.cursorID == "d3")
        let text = try renderText(state)
        #expect(text.contains("Recent decisions 3"))
        #expect(text.contains("DENY  fallback"))
        #expect(text.contains("npm install left-pad"))
        type(&state, "/deny")
        #expect(recentView(state)?.filter == "deny")
        #expect(recentView(state)?.cursorID == "d2")
        press(&state, .enter)
        #expect(recentView(state)?.isFiltering == false)
        press(&state, .escape)
        #expect(recentView(state)?.filter == "")
        press(&state, .escape)
        #expect(state.interaction == .browsing)
    }

    @Test func theDecisionPaneWrapsEveryLineInsteadOfCuttingIt() throws {
        var state = withDecisions()
        press(&state, .character("R"))
        let text = try renderText(state)
        // Side by side at 120 columns the detail starts after the queue's column.
        let detail = text.split(separator: "\n").map { String($0.dropFirst(Screen.queueWidth(columns: 120))) }
        #expect(detail.contains { $0.contains("ALLOWED") })
        #expect(!detail.contains { $0.contains("…") }, "\(detail.joined(separator: "\n"))")
        #expect(detail.joined().contains("refused"))
    }

    @Test func fromADeniedDecisionOneKeyMakesAnAllowException() {
        var state = withDecisions()
        press(&state, .character("R"))
        type(&state, "/npm")
        press(&state, .enter)
        press(&state, .character("t"))
        let made = draft(state)
        #expect(made?.effect == .allow)
        #expect(made?.source.action.kind == .shell(command: "npm install left-pad"))
        #expect(made?.binding == .session("7f3c9a2e-51"))
        // Its coverage counts the broker's recent decisions: this one, once.
        #expect(made?.coveredRecent?.matched == 1)
    }

    @Test func grantingFromTheViewSendsAGrantNotADecision() {
        var state = withDecisions()
        press(&state, .character("R"))
        press(&state, .character("j"))  // d2, the denied install
        press(&state, .character("t"))
        let sent = requests(press(&state, .character("y")))
        guard case .grant(let params)? = sent.first else {
            Issue.record("no grant sent: \(sent)")
            return
        }
        #expect(params.exception.effect == .allow)
        #expect(params.exception.scope == .exactAction("shell:npm install left-pad"))
    }

    @Test func fromAnAllowedDecisionItIsADenyException() {
        var state = withDecisions()
        press(&state, .character("R"))
        press(&state, .character("t"))  // d3, the allowed git status
        #expect(draft(state)?.effect == .deny)
        #expect(draft(state)?.isEditingReason == true)
    }

    @Test func aTrustChangeIsShownButNoExceptionIsMadeFromIt() {
        var state = console()
        let record = DecisionRecord(
            time: t0, actionID: "tr1", harness: "airlock", workspace: "/home/dev/src/api",
            summary: "airlock trust /home/dev/src/api", categories: [], risk: .low, verdict: .allow,
            source: .human("ana"), reviewer: "ana", reason: "Trusted by ana (no remote).")
        _ = Console.update(&state, .notification(.actionDecided(ActionDecided(decision: record))))
        press(&state, .character("R"))
        press(&state, .character("t"))
        #expect(draft(state) == nil)
        #expect(state.flash?.text.contains("not an agent's action") == true)
    }

    @Test func aLoggedDecisionIsReclassifiedFromItsKind() throws {
        for kind in [
            Action.Kind.shell(command: "git push --force origin main"), .fileRead(path: "/home/dev/api/.env"),
            .mcp(MCPCall(server: "github", tool: "create_issue")), .web(url: "https://example.com/docs"),
        ] {
            let record = DecisionRecord(
                time: t0, actionID: "s-1", harness: "claude", session: "s", workspace: "/home/dev/api",
                summary: "whatever the summary says", subject: kind, categories: [.vcsRewrite], risk: .high,
                verdict: .deny, source: .human("alice"), reason: "no")
            let recent = try #require(RecentDecisions.action(record, host: HostFacts()))
            #expect(recent.action.kind == kind)
            #expect(recent.action.workspaceRoot == "/home/dev/api")
            #expect(recent.verdict == .deny)
            #expect(recent.assessment == Classifier.assess(recent.action))
        }
    }

    func renderText(_ state: ConsoleState) throws -> String {
        let theme = try #require(Theme.builtIn("monochrome", depth: .monochrome))
        return SnapshotText.text(Console.render(state, theme: theme))
    }
}

/// `w`: trust the selected action's repository after a confirmation.
@Suite struct TrustKeyTests {
    static func untrusted(_ workspace: String = "/home/dev/src/api") -> BoundaryReport {
        BoundaryReport(
            workspace: workspace,
            boundaries: BoundaryKind.allCases.map {
                Boundary(kind: $0, state: $0 == .repositoryTrust ? .fuzzy : .clear, reasons: ["r"], fixes: ["f"])
            }, isTrusted: false, remote: "git@github.com:acme/api.git", recommendationIfTrusted: .interactive)
    }

    @Test func theConfirmationShowsTheRepositoryItsRemoteAndWhatChanges() throws {
        var state = console([shell("p1", "touch notes.txt")])
        _ = Console.update(
            &state,
            .notification(
                .boundariesMeasured(BoundariesMeasured(workspace: "/home/dev/src/api", report: Self.untrusted()))))
        press(&state, .character("w"))
        guard case .confirmingTrust(let draft) = state.interaction else {
            Issue.record("no confirmation")
            return
        }
        #expect(draft.workspace == "/home/dev/src/api")
        let theme = try #require(Theme.builtIn("monochrome", depth: .monochrome))
        let text = SnapshotText.text(Console.render(state, theme: theme))
        for words in [
            "Trust this repository?", "repository /home/dev/src/api", "remote     git@github.com:acme/api.git",
            "now        read-only", "after      workspace-edit", "y trusts it",
        ] {
            #expect(text.contains(words), "missing \(words)")
        }
        let sent = requests(press(&state, .character("y")))
        #expect(
            sent == [
                .trust(TrustParams(workspace: "/home/dev/src/api", reviewer: "ana", reason: "trusted in the console"))
            ])
        #expect(state.interaction == .browsing)
    }

    @Test func escBacksOutAndAnAlreadyTrustedRepositoryIsSaidSo() {
        var state = console([shell("p1", "touch notes.txt")])
        press(&state, .character("w"))
        press(&state, .escape)
        #expect(state.interaction == .browsing)
        var trusted = Self.untrusted()
        trusted.isTrusted = true
        _ = Console.update(
            &state,
            .notification(.boundariesMeasured(BoundariesMeasured(workspace: "/home/dev/src/api", report: trusted))))
        #expect(requests(press(&state, .character("w"))).isEmpty)
        #expect(state.interaction == .browsing)
        #expect(state.flash?.text.contains("already trusted") == true)
    }

    @Test func theBrokersReportWinsOverTheConsolesOwn() {
        var state = console([shell("p1", "touch notes.txt")])
        var own = Self.untrusted()
        own.isTrusted = true
        _ = Console.update(&state, .boundaries(own))
        _ = Console.update(
            &state,
            .notification(
                .boundariesMeasured(BoundariesMeasured(workspace: "/home/dev/src/api", report: Self.untrusted()))))
        #expect(state.report(for: "/home/dev/src/api")?.isTrusted == false)
    }
}
