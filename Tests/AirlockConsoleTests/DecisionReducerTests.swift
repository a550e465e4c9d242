import AirlockCore
import AirlockWire
import FoundationEssentials
import Testing

@testable import AirlockConsole

@Suite struct DecisionReducerTests {
    @Test func aApprovesTheActionUnderTheCursor() {
        var state = console([shell("n1", "npm install left-pad")])
        let sent = decisions(press(&state, .character("a")))
        #expect(sent == [DecideParams(ids: ["n1"], verdict: .allow)])
    }

    @Test func nothingIsApprovedOnAPaneTooSmallToShowIt() {
        var state = console([shell("n1", "npm install left-pad")], size: ScreenSize(columns: 50, rows: 12))
        #expect(requests(press(&state, .character("a"))).isEmpty)
        #expect(requests(press(&state, .character("t"))).isEmpty)
        #expect(state.interaction == .browsing)
        #expect(state.flash?.text.contains("too small") == true)
        _ = Console.update(&state, .resize(ScreenSize(columns: 60, rows: 15)))
        #expect(decisions(press(&state, .character("a"))).count == 1)
    }

    @Test func enterNeverApproves() {
        var state = console(sampleQueue())
        #expect(requests(press(&state, .enter)).isEmpty)
        // Not while denying: Enter sends a deny, never an allow.
        press(&state, .character("d"))
        #expect(decisions(press(&state, .enter)).allSatisfy { $0.verdict == .deny })
        // Not in the hard-floor confirmation, even after the word is half typed.
        var floor = console([shell("f1", "kubectl --context prod-eu delete ns payments")])
        press(&floor, .character("a"))
        type(&floor, "appro")
        #expect(requests(press(&floor, .enter)).isEmpty)
        // Not in the exception panel.
        var panel = console([shell("n1", "npm install left-pad")])
        press(&panel, .character("t"))
        #expect(requests(press(&panel, .enter)).isEmpty)
        // Not in the revoke picker or help.
        var other = console(sampleQueue(), exceptions: [exception("x1")])
        press(&other, .character("x"))
        #expect(requests(press(&other, .enter)).isEmpty)
        press(&other, .escape)
        press(&other, .character("?"))
        #expect(requests(press(&other, .enter)).isEmpty)
    }

    @Test func denyWithTypedReasonEnterSendsEscBacksOut() {
        var state = console([shell("n1", "npm install left-pad")])
        press(&state, .character("d"))
        type(&state, "use the vendored copyx")
        press(&state, .backspace)
        #expect(state.interaction == .denying(ids: ["n1"], reason: "use the vendored copy"))
        let sent = decisions(press(&state, .enter))
        #expect(sent == [DecideParams(ids: ["n1"], verdict: .deny, reason: "use the vendored copy")])
        #expect(state.interaction == .browsing)

        var backed = console([shell("n1", "npm install left-pad")])
        press(&backed, .character("d"))
        type(&backed, "a reason")
        #expect(requests(press(&backed, .escape)).isEmpty)
        #expect(backed.interaction == .browsing)
    }

    @Test func denyWithoutReasonSendsNilReason() {
        var state = console([shell("n1", "npm install left-pad")])
        press(&state, .character("d"))
        type(&state, "   ")
        #expect(decisions(press(&state, .enter)).first?.reason == nil)
    }

    @Test func batchApproveAndDenyTheMarkedActions() {
        var state = console([
            shell("p1", "npm install a", session: "s1", age: 30), shell("p2", "npm install a", session: "s2", age: 20),
            shell("p3", "npm install b", session: "s3", age: 10),
        ])
        #expect(decisions(press(&state, .character("A"))).isEmpty)
        #expect(state.flash?.isError == true)
        press(&state, .character("g"))
        #expect(state.marked == ["p1", "p2"])
        let sent = decisions(press(&state, .character("A")))
        #expect(sent == [DecideParams(ids: ["p1", "p2"], verdict: .allow)])
        #expect(state.marked.isEmpty)

        var denying = console([shell("p1", "npm install a"), shell("p2", "npm install b")])
        press(&denying, .character(" "))
        press(&denying, .character(" "))
        press(&denying, .character("D"))
        type(&denying, "no new dependencies")
        let denied = decisions(press(&denying, .enter))
        #expect(denied.first?.ids.count == 2)
        #expect(denied.first?.verdict == .deny)
        #expect(denied.first?.reason == "no new dependencies")
    }

    @Test func decideReplyRemovesResolvedAndFlashes() {
        var state = console([shell("n1", "npm install a"), shell("n2", "npm install b")])
        guard let tag = sentTag(press(&state, .character("a"))) else {
            Issue.record("no request")
            return
        }
        _ = Console.update(&state, .reply(tag: tag, .decide(DecideResult(resolved: ["n1"]))))
        #expect(state.queue["n1"] == nil)
        #expect(state.cursorID == "n2")
        #expect(state.flash?.text == "approved 1")
        #expect(state.flash?.isError == false)
    }

    /// An approval that counted but is not enough leaves the action in the queue and says what
    /// it still needs; pressing `a` again as the same person says why it did not count.
    @Test func anApprovalThatNeedsMoreStaysAndSaysWhy() {
        var state = console([shell("n1", "curl https://example.com/health"), shell("n2", "npm install b")])
        guard let tag = sentTag(press(&state, .character("a"))) else {
            Issue.record("no request")
            return
        }
        let waiting = DecideResult(resolved: [], waiting: [.init(id: "n1", needs: "1 of 2 approvals, needs a lead")])
        _ = Console.update(&state, .reply(tag: tag, .decide(waiting)))
        #expect(state.queue["n1"] != nil)
        #expect(state.flash?.text == "approval of n1 recorded; 1 of 2 approvals, needs a lead")
        #expect(state.flash?.isError == false)

        guard let again = sentTag(press(&state, .character("a"))) else {
            Issue.record("no second request: \(String(describing: state.flash?.text)) \(state.interaction)")
            return
        }
        // The broker answers an error (-32011) when the one approval did not count.
        let why = "n1 not counted: Bob Stone (bob@dev-4) already approved this; one person counts once"
        _ = Console.update(&state, .requestFailed(tag: again, message: why))
        #expect(state.queue["n1"] != nil)
        #expect(state.flash?.text == "approve of 1 failed: \(why)")
        #expect(state.flash?.isError == true)
    }

    @Test func replyToADenyAndPartialFailures() {
        var state = console([shell("n1", "npm install left-pad"), shell("n2", "npm install b")])
        press(&state, .character("d"))
        guard let tag = sentTag(press(&state, .enter)) else {
            Issue.record("no request")
            return
        }
        let failure = DecideResult.Failure(id: "n2", code: .invalidParams, message: "already decided")
        _ = Console.update(&state, .reply(tag: tag, .decide(DecideResult(resolved: ["n1"], failed: [failure]))))
        #expect(state.queue["n1"] == nil)
        #expect(state.flash?.text == "denied 1 · 1 failed: already decided")
        #expect(state.flash?.isError == true)
    }

    @Test func failedRequestIsShownNotRetried() {
        var state = console([shell("n1", "npm install left-pad")])
        guard let tag = sentTag(press(&state, .character("a"))) else {
            Issue.record("no request")
            return
        }
        let effects = Console.update(&state, .requestFailed(tag: tag, message: "broker closed\u{1B}[2J the socket"))
        #expect(requests(effects).isEmpty)
        #expect(state.flash?.text == "approve of 1 failed: broker closed⟨ESC⟩[2J the socket")
        #expect(state.queue["n1"] != nil)
    }
}

@Suite struct HardFloorTests {
    static let deploy = "kubectl --context prod-eu delete namespace payments"

    @Test func hardFloorNeedsTheTypedWordThenAVetoCountdown() {
        var state = console([shell("f1", Self.deploy)])
        #expect(state.cursorEntry?.item.assessment.isHardFloor == true)
        #expect(requests(press(&state, .character("a"))).isEmpty)
        #expect(state.interaction == .confirmingHardFloor(ids: ["f1"], typed: ""))
        #expect(requests(type(&state, "approvx")).isEmpty)
        press(&state, .backspace)
        #expect(requests(type(&state, "e")).isEmpty)
        #expect(state.interaction == .vetoCountdown(ids: ["f1"], sendAt: t0.addingTimeInterval(3)))
        // Ticks before the end send nothing.
        #expect(requests(Console.update(&state, .tick(t0.addingTimeInterval(1)))).isEmpty)
        #expect(requests(Console.update(&state, .tick(t0.addingTimeInterval(2.9)))).isEmpty)
        // Other keys do not hurry or stop it.
        #expect(requests(press(&state, .character("a"))).isEmpty)
        let sent = decisions(Console.update(&state, .tick(t0.addingTimeInterval(3))))
        #expect(sent == [DecideParams(ids: ["f1"], verdict: .allow)])
        #expect(state.interaction == .browsing)
    }

    @Test func escCancelsDuringTheVetoCountdown() {
        var state = console([shell("f1", Self.deploy)])
        press(&state, .character("a"))
        type(&state, "approve")
        press(&state, .escape)
        #expect(state.interaction == .browsing)
        #expect(state.flash?.text.contains("cancelled") == true)
        #expect(requests(Console.update(&state, .tick(t0.addingTimeInterval(10)))).isEmpty)
    }

    @Test func escCancelsTheTypedConfirmation() {
        var state = console([shell("f1", Self.deploy)])
        press(&state, .character("a"))
        type(&state, "appr")
        press(&state, .escape)
        #expect(state.interaction == .browsing)
    }

    @Test func batchWithAHardFloorActionNeedsTheConfirmationToo() {
        var state = console([shell("f1", Self.deploy), shell("n1", "npm install a")])
        press(&state, .character(" "))
        press(&state, .character(" "))
        #expect(requests(press(&state, .character("A"))).isEmpty)
        guard case .confirmingHardFloor(let ids, _) = state.interaction else {
            Issue.record("expected a confirmation, got \(state.interaction)")
            return
        }
        #expect(Set(ids) == ["f1", "n1"])
    }

    @Test func resolvedElsewhereDuringCountdownCancelsIt() {
        var state = console([shell("f1", Self.deploy)])
        press(&state, .character("a"))
        type(&state, "approve")
        _ = Console.update(
            &state,
            .notification(
                .actionResolved(ActionResolved(id: "f1", decision: .deny, reason: "x", source: .human("reviewer")))))
        #expect(state.interaction == .browsing)
        #expect(requests(Console.update(&state, .tick(t0.addingTimeInterval(5)))).isEmpty)
    }

    @Test func lostConnectionDuringCountdownSendsNothing() {
        var state = console([shell("f1", Self.deploy)])
        press(&state, .character("a"))
        type(&state, "approve")
        _ = Console.update(&state, .connection(.lost("gone")))
        #expect(state.flash?.isError == true)
        #expect(requests(Console.update(&state, .tick(t0.addingTimeInterval(5)))).isEmpty)
    }
}
