import AirlockCore
import AirlockWire
import FoundationEssentials
import Testing

@testable import AirlockConsole

@Suite struct QueueReducerTests {
    @Test func subscriptionSortsByRiskThenAge() {
        let state = console(sampleQueue())
        let risks = state.queue.visibleIDs.compactMap { state.queue[$0]?.item.assessment.risk }
        #expect(risks == risks.sorted(by: >))
        #expect(state.queue.count == 6)
        // Among equal risk the older comes first.
        for (a, b) in zip(state.queue.visibleIDs, state.queue.visibleIDs.dropFirst()) {
            guard let x = state.queue[a]?.item, let y = state.queue[b]?.item else { continue }
            if x.assessment.risk == y.assessment.risk { #expect(x.queuedAt <= y.queuedAt) }
        }
        #expect(state.cursorID == state.queue.visibleIDs.first)
    }

    @Test func jAndKAndArrowsMoveAndStopAtTheEnds() {
        var state = console(sampleQueue())
        let order = state.queue.visibleIDs
        press(&state, .character("j"))
        #expect(state.cursorID == order[1])
        press(&state, .down)
        #expect(state.cursorID == order[2])
        press(&state, .character("k"))
        press(&state, .up)
        press(&state, .up)
        #expect(state.cursorID == order[0])
        press(&state, .end)
        #expect(state.cursorID == order.last)
        press(&state, .character("j"))
        #expect(state.cursorID == order.last)
        press(&state, .home)
        #expect(state.cursorID == order[0])
    }

    @Test func selectionSurvivesArrivalsAndMovesToTheNeighbourWhenResolved() {
        var state = console([shell("low1", "ls -la", age: 50), shell("low2", "cat README.md", age: 40)])
        press(&state, .character("j"))
        let selected = state.cursorID
        _ = Console.update(
            &state, .notification(.actionQueued(ActionQueued(item: shell("hi", "rm -rf /tmp/x", age: 1)))))
        #expect(state.cursorID == selected)
        let index = state.queue.visibleIndex(of: selected ?? "")
        _ = Console.update(
            &state,
            .notification(
                .actionResolved(
                    ActionResolved(id: selected ?? "", decision: .allow, reason: "ok", source: .human("reviewer"))))
        )
        #expect(state.queue[selected ?? ""] == nil)
        #expect(state.cursorID != nil)
        #expect(state.queue.visibleIndex(of: state.cursorID ?? "") == min(index ?? 0, state.queue.visibleIDs.count - 1))
    }

    @Test func newPendingActionRingsTheBellOnlyWhenConfiguredAndNew() {
        var state = console([])
        let item = shell("n1", "rm -rf out")
        #expect(Console.update(&state, .notification(.actionQueued(ActionQueued(item: item)))).contains(.bell))
        #expect(!Console.update(&state, .notification(.actionQueued(ActionQueued(item: item)))).contains(.bell))
        var quiet = console([], bell: false)
        #expect(!Console.update(&quiet, .notification(.actionQueued(ActionQueued(item: item)))).contains(.bell))
    }

    @Test func expiredAndWithdrawnActionsLeaveTheQueueWithAFlash() {
        var state = console(sampleQueue())
        _ = Console.update(&state, .notification(.actionExpired(ActionExpired(id: "a2", cause: .timeout, reason: "t"))))
        #expect(state.queue["a2"] == nil)
        #expect(state.flash?.text.contains("timed out") == true)
        _ = Console.update(
            &state, .notification(.actionExpired(ActionExpired(id: "a1", cause: .withdrawn, reason: "t"))))
        #expect(state.queue["a1"] == nil)
        #expect(state.flash?.text.contains("withdrawn") == true)
    }

    @Test func filterNarrowsAsTypedEnterKeepsEscClears() {
        var state = console(sampleQueue())
        press(&state, .character("/"))
        #expect(state.interaction == .filtering)
        type(&state, "git")
        #expect(state.queue.visibleIDs == ["a3", "a5"])  // git push, and github.create_issue
        type(&state, " p")
        #expect(state.queue.visibleIDs == ["a3"])
        #expect(state.cursorID == "a3")
        for _ in 0..<5 { press(&state, .backspace) }
        #expect(state.queue.visibleIDs.count == 6)
        type(&state, "PUSH")
        #expect(state.queue.visibleIDs == ["a3"])
        // j types into the filter, it does not move.
        type(&state, "j")
        #expect(state.filterText == "PUSHj")
        #expect(state.queue.visibleIDs.isEmpty)
        press(&state, .backspace)
        press(&state, .enter)
        #expect(state.interaction == .browsing)
        #expect(state.queue.visibleIDs == ["a3"])
        press(&state, .escape)
        #expect(state.filterText.isEmpty)
        #expect(state.queue.visibleIDs.count == 6)
    }

    @Test func filterTypedIsCaseInsensitiveAndKeepsNewArrivalsFiltered() {
        var state = console(sampleQueue())
        press(&state, .character("/"))
        type(&state, "rm")
        press(&state, .enter)
        let before = state.queue.visibleIDs
        _ = Console.update(
            &state, .notification(.actionQueued(ActionQueued(item: shell("z1", "npm install left-pad")))))
        _ = Console.update(&state, .notification(.actionQueued(ActionQueued(item: shell("z2", "RM -rf cache")))))
        #expect(state.queue.visibleIDs.contains("z2"))
        #expect(!state.queue.visibleIDs.contains("z1"))
        #expect(state.queue.visibleIDs.count == before.count + 1)
    }

    @Test func spaceMarksAndMovesGroupMarksSimilarAcrossSessions() {
        var state = console([
            shell("p1", "npm test", session: "s1", age: 30), shell("p2", "npm  test", session: "s2", age: 20),
            shell("p3", "npm test", session: "s3", age: 10), shell("p4", "rm -rf build", session: "s1", age: 5),
        ])
        let cursor = state.cursorID
        press(&state, .character(" "))
        #expect(state.marked == [cursor ?? ""])
        #expect(state.cursorID != cursor)
        press(&state, .escape)
        #expect(state.marked.isEmpty)
        // Put the cursor on an npm test and group.
        #expect(state.queue.visibleIDs.first == "p4")
        if state.cursorID == "p4" { press(&state, .character("j")) }
        press(&state, .character("g"))
        #expect(state.marked == ["p1", "p2", "p3"])
        #expect(state.flash?.text.contains("marked 3 similar") == true)
        press(&state, .character("g"))
        #expect(state.marked.isEmpty)
    }

    @Test func probesAreRequestedOnceForTheSelectedAction() {
        var state = ConsoleState(
            configuration: ConsoleConfiguration(reviewer: "ana", size: ScreenSize(columns: 120, rows: 40), now: t0))
        let edit = queued("e1", .fileEdit(path: "src/app.ts", edits: [FileEdit(oldText: "a", newText: "b")]))
        let effects = Console.update(&state, subscribed([edit]))
        #expect(effects.contains(.measureBoundaries(workspace: "/home/dev/src/api")))
        #expect(effects.contains(.measureBlastRadius(actionID: "e1", action: edit.action)))
        #expect(effects.contains(.readFile(path: "/home/dev/src/api/src/app.ts")))
        #expect(Console.update(&state, .tick(t0)).isEmpty)
        _ = Console.update(&state, .notification(.actionQueued(ActionQueued(item: shell("s1", "rm -rf /", age: 1)))))
        press(&state, .home)
        let second = Console.update(&state, .key(.character("j")))
        #expect(!second.contains(.measureBoundaries(workspace: "/home/dev/src/api")))
    }

    @Test func measurementsAreStoredForTheDetail() {
        var state = console(sampleQueue())
        let report = BoundaryReport(
            workspace: "/home/dev/src/api",
            boundaries: BoundaryKind.allCases.map {
                Boundary(kind: $0, state: $0 == .filesAndSecrets ? .open : .clear)
            },
            isTrusted: true)
        _ = Console.update(&state, .boundaries(report))
        _ = Console.update(&state, .blastMeasured(actionID: "a1", BlastMeasurement(facts: ["1,204 files"])))
        _ = Console.update(&state, .fileOnDisk(path: "/x", .missing))
        #expect(state.boundaries["/home/dev/src/api"] == report)
        #expect(state.blast["a1"]?.facts == ["1,204 files"])
        #expect(state.files["/x"] == .missing)
    }

    @Test func quitAndHelp() {
        var state = console(sampleQueue())
        press(&state, .character("?"))
        #expect(state.interaction == .help)
        press(&state, .character("q"))
        #expect(state.interaction == .browsing)
        #expect(!state.wantsQuit)
        #expect(press(&state, .character("q")) == [.quit])
        #expect(state.wantsQuit)
    }

    @Test func resizeAndTick() {
        var state = console(sampleQueue())
        _ = Console.update(&state, .resize(ScreenSize(columns: 70, rows: 20)))
        #expect(state.size == ScreenSize(columns: 70, rows: 20))
        press(&state, .character("x"))
        _ = Console.update(&state, .tick(t0.addingTimeInterval(10)))
        #expect(state.flash == nil)
        #expect(state.now == t0.addingTimeInterval(10))
    }

    @Test func connectionStates() {
        var state = console(sampleQueue())
        _ = Console.update(&state, .connection(.lost("broker went away")))
        #expect(state.broker == .lost("broker went away"))
        #expect(decisions(press(&state, .character("a"))).isEmpty)
        #expect(state.flash?.text.contains("not connected") == true)
        _ = Console.update(&state, .connection(.connecting))
        #expect(state.broker == .connecting)
        _ = Console.update(&state, subscribed([shell("b1", "rm -rf out")]))
        #expect(state.broker == .connected)
        #expect(state.queue.orderedIDs == ["b1"])
    }
}

@Suite struct PagingTests {
    @Test func pageKeysMoveAScreenAtATime() {
        let pending = (0..<100).map { shell("p\($0)", "npm install pkg\($0)", age: Double(1000 - $0)) }
        var state = console(pending, size: ScreenSize(columns: 80, rows: 24))
        let order = state.queue.visibleIDs
        press(&state, .pageDown)
        #expect(state.cursorID == order[18])
        press(&state, .pageDown)
        #expect(state.cursorID == order[36])
        press(&state, .pageUp)
        #expect(state.cursorID == order[18])
        // The cursor stays on screen after a long move.
        press(&state, .end)
        let text = SnapshotText.text(Console.render(state, theme: Theme.fallback(depth: .monochrome)))
        #expect(text.contains("▸"))
    }
}
