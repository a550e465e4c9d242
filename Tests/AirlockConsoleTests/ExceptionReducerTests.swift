import AirlockCore
import AirlockWire
import FoundationEssentials
import Testing

@testable import AirlockConsole

@Suite struct ExceptionReducerTests {
    /// Three pending `npm test` runs in two sessions plus an unrelated one.
    func npmQueue() -> [QueuedAction] {
        [
            shell("n1", "npm test", session: "s1", age: 30),
            shell("n2", "npm test -- --watch=false", session: "s1", age: 20),
            shell("n3", "npm test", session: "s2", age: 10), shell("r1", "rm -rf build", session: "s1", age: 5),
        ]
    }

    /// The broker tells the console of each decision it makes; the coverage preview counts them.
    func recent(_ state: inout ConsoleState, _ commands: [String], session: String = "s1") {
        for (index, command) in commands.enumerated() {
            _ = Console.update(&state, decided("log-\(index)", command, session: session))
        }
    }

    func draft(_ state: ConsoleState) -> ExceptionDraft? {
        if case .exception(let draft) = state.interaction { draft } else { nil }
    }

    @Test func allowExceptionPreviewsCoverageAndGrantsWithDecide() {
        var state = console(npmQueue())
        recent(&state, ["npm test", "npm test", "ls", "npm run build"])
        while state.cursorID != "n1" { press(&state, .character("j")) }
        let effects = press(&state, .character("t"))
        #expect(effects.isEmpty, "the coverage comes from the broker's decisions, not a read of the store")
        #expect(draft(state)?.effect == .allow)
        #expect(draft(state)?.choices.map(\.label).first == "this exact action")
        // Exact action in session s1: only n1.
        #expect(draft(state)?.coveredPending == 1)
        #expect(draft(state)?.coveredRecent?.matched == 2)
        #expect(draft(state)?.coveredRecent?.of == 4)
        // Command prefix `npm test`: n1 and n2 in s1.
        press(&state, .tab)
        #expect(draft(state)?.choice.scope == .commandPrefix(["npm", "test"]))
        #expect(draft(state)?.coveredPending == 2)
        // Bound to the repository: all three npm tests.
        press(&state, .character("b"))
        #expect(draft(state)?.binding == .repository("/home/dev/src/api"))
        #expect(draft(state)?.coveredPending == 3)
        press(&state, .character("3"))
        #expect(draft(state)?.ttlSeconds == 3600)
        let sent = decisions(press(&state, .character("y")))
        #expect(sent.count == 1)
        #expect(sent.first?.ids == ["n1"])
        #expect(sent.first?.verdict == .allow)
        #expect(sent.first?.grant?.scope == .commandPrefix(["npm", "test"]))
        #expect(sent.first?.grant?.binding == .repository("/home/dev/src/api"))
        #expect(sent.first?.grant?.ttlSeconds == 3600)
        #expect(sent.first?.grant?.effect == .allow)
        #expect(state.interaction == .browsing)
    }

    @Test func ttlPresetsAndScopeCycling() {
        var state = console(npmQueue())
        press(&state, .character("t"))
        for (key, seconds) in [("1", 300), ("2", 900), ("3", 3600), ("4", 14_400), ("5", 28_800)] {
            type(&state, key)
            #expect(draft(state)?.ttlSeconds == seconds)
        }
        let count = draft(state)?.choices.count ?? 0
        #expect(count >= 3)
        for _ in 0..<count { press(&state, .tab) }
        #expect(draft(state)?.scopeIndex == 0)
        press(&state, .backTab)
        #expect(draft(state)?.scopeIndex == count - 1)
        press(&state, .escape)
        #expect(state.interaction == .browsing)
    }

    @Test func categoryScopeIsAlwaysBoundToTheRepository() {
        var state = console([shell("n1", "npm install left-pad", session: "s1")])
        press(&state, .character("t"))
        press(&state, .tab)
        #expect(draft(state)?.choice.scope == .commandPrefix(["npm", "install"]))
        press(&state, .tab)
        #expect(draft(state)?.choice.scope == .category(.packageInstall))
        #expect(draft(state)?.binding == .repository("/home/dev/src/api"))
    }

    @Test func mcpAndPathScopesAreOffered() {
        let mcp = queued("m1", .mcp(MCPCall(server: "github", tool: "create_issue")))
        let edit = queued("e1", .fileEdit(path: "src/app.ts", edits: [FileEdit(oldText: "a", newText: "b")]))
        #expect(ScopeChoice.choices(for: mcp).contains { $0.scope == .mcpTool(server: "github", tool: "create_issue") })
        #expect(ScopeChoice.choices(for: edit).contains { $0.scope == .paths(["src/app.ts"]) })
    }

    @Test func allowExceptionIsRefusedForHardFloorWithTheReasonShown() {
        var state = console([shell("f1", "kubectl --context prod-eu delete namespace payments")])
        press(&state, .character("t"))
        #expect(draft(state)?.problem(now: t0, reviewer: "ana") != nil)
        let effects = press(&state, .character("y"))
        #expect(requests(effects).isEmpty)
        #expect(state.flash?.isError == true)
        #expect(state.flash?.text.contains("hard floor") == true)
        #expect(draft(state) != nil)
        let screen = SnapshotText.text(Console.render(state, theme: Theme.fallback(depth: .trueColor)))
        #expect(screen.contains("REFUSED"))
    }

    @Test func denyExceptionAsksForAReasonFirstThenGrants() {
        var state = console([shell("f1", "kubectl --context prod-eu delete namespace payments", session: "s1")])
        press(&state, .character("T"))
        #expect(draft(state)?.isEditingReason == true)
        // The keys of the panel are typed while the reason is edited.
        type(&state, "no prod deletes 1y")
        #expect(draft(state)?.reason == "no prod deletes 1y")
        #expect(draft(state)?.ttlIndex == 0)
        press(&state, .backspace)
        press(&state, .backspace)
        press(&state, .backspace)
        press(&state, .enter)
        #expect(draft(state)?.isEditingReason == false)
        press(&state, .character("2"))
        #expect(draft(state)?.problem(now: t0, reviewer: "ana") == nil)
        let sent = decisions(press(&state, .character("y")))
        #expect(sent.first?.verdict == .deny)
        #expect(sent.first?.reason == "no prod deletes")
        #expect(sent.first?.grant?.effect == .deny)
        #expect(sent.first?.grant?.reason == "no prod deletes")
        #expect(sent.first?.grant?.ttlSeconds == 900)
    }

    @Test func denyExceptionNeedsAReason() {
        var state = console([shell("n1", "npm install a")])
        press(&state, .character("T"))
        press(&state, .enter)
        #expect(draft(state)?.isEditingReason == true)
        #expect(state.flash?.isError == true)
    }

    @Test func grantAfterTheSourceWasResolvedUsesGrant() {
        var state = console([shell("n1", "npm install a"), shell("n2", "npm install a", session: "s9")])
        press(&state, .character("t"))
        let source = draft(state)?.source.id ?? ""
        _ = Console.update(
            &state,
            .notification(.actionResolved(ActionResolved(id: source, decision: .deny, reason: "x", source: .timeout))))
        let sent = requests(press(&state, .character("y")))
        guard case .grant(let params)? = sent.first else {
            Issue.record("expected grant, got \(sent)")
            return
        }
        #expect(params.reviewer == "ana")
        #expect(params.exception.effect == .allow)
    }

    @Test func grantedRevokedAndExpiredNotifications() {
        var state = console(npmQueue())
        let granted = exception("x1", scope: .commandPrefix(["npm", "test"]))
        _ = Console.update(
            &state, .notification(.exceptionGranted(ExceptionGranted(exception: granted, resolved: ["n1", "n3"]))))
        #expect(state.activeExceptions.map(\.id) == ["x1"])
        #expect(state.queue["n1"] == nil && state.queue["n3"] == nil)
        _ = Console.update(
            &state, .notification(.exceptionGranted(ExceptionGranted(exception: exception("x2", expiresIn: 60)))))
        #expect(state.activeExceptions.map(\.id) == ["x2", "x1"])
        _ = Console.update(&state, .notification(.exceptionRevoked(ExceptionRevoked(exception: granted))))
        #expect(state.activeExceptions.map(\.id) == ["x2"])
        #expect(state.flash?.text.hasPrefix("revoked") == true)
        _ = Console.update(&state, .notification(.exceptionExpired(ExceptionExpired(exception: exception("x2")))))
        #expect(state.activeExceptions.isEmpty)
        #expect(state.flash?.text.hasPrefix("expired") == true)
    }

    @Test func exceptionsPastTheirExpiryDropOnTick() {
        var state = console([], exceptions: [exception("x1", expiresIn: 60), exception("x2", expiresIn: 600)])
        _ = Console.update(&state, .tick(t0.addingTimeInterval(61)))
        #expect(state.activeExceptions.map(\.id) == ["x2"])
    }

    @Test func xRevokesTheChosenException() {
        var state = console(npmQueue(), exceptions: [exception("x1", expiresIn: 60), exception("x2", expiresIn: 600)])
        press(&state, .character("x"))
        #expect(state.interaction == .revoking(index: 0))
        press(&state, .character("j"))
        press(&state, .character("j"))
        #expect(state.interaction == .revoking(index: 1))
        let sent = requests(press(&state, .character("y")))
        #expect(sent == [.revoke(RevokeParams(id: "x2", reviewer: "ana"))])
        #expect(state.interaction == .browsing)

        var none = console(npmQueue())
        press(&none, .character("x"))
        #expect(none.interaction == .browsing)
        #expect(none.flash?.isError == true)
    }

    @Test func revokeReplyRemovesTheException() {
        var state = console([], exceptions: [exception("x1")])
        press(&state, .character("x"))
        guard let tag = sentTag(press(&state, .character("x"))) else {
            Issue.record("no request")
            return
        }
        _ = Console.update(&state, .reply(tag: tag, .revoke(RevokeResult(exception: exception("x1")))))
        #expect(state.exceptions.isEmpty)
    }

    @Test func grantReplyAddsTheExceptionAndRemovesResolved() {
        var state = console(npmQueue())
        press(&state, .character("t"))
        guard let tag = sentTag(press(&state, .character("y"))) else {
            Issue.record("no request")
            return
        }
        let stored = exception("x9")
        _ = Console.update(
            &state, .reply(tag: tag, .decide(DecideResult(resolved: ["r1"], exception: stored, alsoResolved: ["n2"]))))
        #expect(state.exceptions.map(\.id) == ["x9"])
        #expect(state.queue["r1"] == nil && state.queue["n2"] == nil)
        #expect(state.flash?.text.contains("also resolved 1") == true)
    }
}

@Suite struct ExceptionReasonTests {
    @Test func allowExceptionReasonCanBeEditedAndEscReturnsToThePanel() {
        var state = console([shell("n1", "npm install a")])
        press(&state, .character("t"))
        press(&state, .character("r"))
        type(&state, "CI needs it y")
        guard case .exception(let typing) = state.interaction else {
            Issue.record("left the panel")
            return
        }
        // `y` was typed into the reason, not taken as "grant".
        #expect(typing.reason == "CI needs it y")
        press(&state, .escape)
        guard case .exception(let draft) = state.interaction else {
            Issue.record("Esc left the panel instead of the reason")
            return
        }
        #expect(!draft.isEditingReason)
        let sent = decisions(press(&state, .character("y")))
        #expect(sent.first?.grant?.reason == "CI needs it y")
    }
}

@Suite struct CoverageUpdateTests {
    @Test func coverageFollowsArrivalsAndDepartures() {
        var state = console([shell("n1", "npm test", session: "s1")])
        press(&state, .character("t"))
        press(&state, .tab)
        func covered() -> Int? {
            if case .exception(let draft) = state.interaction { draft.coveredPending } else { nil }
        }
        #expect(covered() == 1)
        _ = Console.update(
            &state, .notification(.actionQueued(ActionQueued(item: shell("n2", "npm test", session: "s1")))))
        _ = Console.update(
            &state, .notification(.actionQueued(ActionQueued(item: shell("o1", "npm ci", session: "s1")))))
        _ = Console.update(
            &state, .notification(.actionQueued(ActionQueued(item: shell("n3", "npm test", session: "s2")))))
        #expect(covered() == 2)
        _ = Console.update(
            &state,
            .notification(.actionResolved(ActionResolved(id: "n2", decision: .allow, reason: "", source: .human("x")))))
        _ = Console.update(
            &state,
            .notification(.actionResolved(ActionResolved(id: "o1", decision: .allow, reason: "", source: .human("x")))))
        #expect(covered() == 1)
    }
}
