import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockConsole

/// The console uses its space: the command column takes what the others do not need, the
/// detail wraps every field, the boundary panel names all five, the cursor stays put.
@Suite struct ReadsWellTests {
    static func text(_ state: ConsoleState) -> String {
        SnapshotText.text(Console.render(state, theme: Theme.fallback(depth: .monochrome)))
    }

    static let longCommand = "kubectl --context prod-eu --namespace payments rollout restart deployment/checkout-api"

    @Test(arguments: [(120, 40, 30), (100, 30, 24), (80, 24, 30), (60, 15, 24)])
    func theCommandColumnTakesTheWidthTheOthersDoNotNeed(columns: Int, rows: Int, atLeast: Int) {
        let state = console(
            [shell("k", Self.longCommand), shell("n", "npm test")], size: ScreenSize(columns: columns, rows: rows))
        let queueRow = Self.text(state).split(separator: "\n").first { $0.contains("▸") }.map(String.init) ?? ""
        // The longest run of the command shown in the row.
        let shown =
            (0...Self.longCommand.count).reversed().first { queueRow.contains(String(Self.longCommand.prefix($0))) }
            ?? 0
        #expect(shown >= atLeast, "\(columns)×\(rows): the queue shows \(shown) characters of the command")
    }

    @Test func columnsAreDroppedMostUsefulLast() {
        let rows = [QueueEntry(shell("k", Self.longCommand))]
        let wide = QueueColumns(width: 118, rows: rows)
        #expect(wide.place != nil && wide.harness != nil && wide.category != nil && wide.showsRiskWord)
        let narrow = QueueColumns(width: 58, rows: rows)
        #expect(narrow.place != nil && narrow.harness == nil && narrow.category == nil && !narrow.showsRiskWord)
        #expect(narrow.summary == 58 - QueueColumns.fixedWidth - "api·7f3c ".count)
        let narrowest = QueueColumns(width: 50, rows: rows)
        #expect(narrowest.place == nil && narrowest.summary == 50 - QueueColumns.fixedWidth)
        let middle = QueueColumns(width: 78, rows: rows)
        #expect(middle.place != nil)
        #expect(middle.summary >= 78 * 40 / 100 || middle.harness == nil)
    }

    @Test func theFullCommandIsAlwaysInTheDetail() {
        for size in [ScreenSize(columns: 120, rows: 40), ScreenSize(columns: 60, rows: 15)] {
            let state = console([shell("k", Self.longCommand)], size: size)
            // The detail box's text, line after line, spaces (and so wrap indents) left out.
            let detail = Self.text(state).split(separator: "\n").map { line -> String in
                let parts = line.split(separator: "│", omittingEmptySubsequences: false)
                return parts.count >= 3 ? String(parts[parts.count - 2]) : ""
            }.joined().filter { $0 != " " }
            #expect(detail.contains(Self.longCommand.filter { $0 != " " }), "\(size)")
        }
    }

    @Test func detailFieldsWrapInsteadOfBeingCut() {
        let longReason =
            "asks a human because the repository is not trusted and the command reaches production through a context named prod-eu"
        var item = shell("k", Self.longCommand)
        item.reason = longReason
        item.action.cwd = "/home/dev/src/a/very/deep/directory/structure/that/goes/on/and/on/for/a/while/api"
        let state = console([item])
        let text = Self.text(state)
        let detail = text.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: "│", omittingEmptySubsequences: false)
            return parts.count >= 4 ? String(parts[3]) : nil
        }
        #expect(
            !detail.contains { $0.replacingOccurrences(of: "measuring…", with: "").contains("…") },
            "a detail line was cut:\n\(detail.joined(separator: "\n"))")
        #expect(detail.joined(separator: " ").contains("prod-eu"))
        #expect(detail.joined(separator: " ").contains("and/on/for/a/while/api"))
    }

    static let report = BoundaryReport(
        workspace: "/home/dev/src/api",
        boundaries: [
            Boundary(
                kind: .repositoryTrust, state: .fuzzy, reasons: ["not a trusted repository"], fixes: ["airlock trust"]),
            Boundary(kind: .filesAndSecrets, state: .open, reasons: [".env readable"]),
            Boundary(kind: .commandExecution, state: .clear),
            Boundary(kind: .mcpToolScope, state: .clear),
            Boundary(kind: .loggingAndRollback, state: .clear),
        ], isTrusted: false)

    @Test(arguments: [(120, 40), (100, 30)])
    func theBoundaryPanelNamesAllFiveWithStateWordsAndTheRecommendedMode(columns: Int, rows: Int) {
        var state = console([shell("k", "rm -rf build")], size: ScreenSize(columns: columns, rows: rows))
        _ = Console.update(&state, .boundaries(Self.report))
        let text = Self.text(state)
        for words in ["~ repo fuzzy", "✗ secrets OPEN", "✓ commands clear", "✓ mcp clear", "✓ log clear"] {
            #expect(text.contains(words), "\(columns)×\(rows): missing \(words)")
        }
        // The note on the chosen mode goes beside it when there is room (the header names it too).
        // An open boundary (the readable .env) stops the agent, whatever the trust.
        #expect(text.contains("→ recommended mode: STOP"))
        #expect(text.contains("repo: not a trusted repository — after inspecting it, press w to trust it"))
    }

    @Test func belowAHundredColumnsTheBoundaryPanelIsOneLineOfMarks() {
        var state = console([shell("k", "rm -rf build")], size: ScreenSize(columns: 80, rows: 24))
        _ = Console.update(&state, .boundaries(Self.report))
        #expect(Self.text(state).contains("~ repo  ✗ secrets  ✓ commands  ✓ mcp  ✓ log   → STOP"))
    }

    @Test func theCursorStartsOnTheFirstItemAndStaysOnItsActionWhenTheListChanges() {
        var state = console([shell("low", "ls -la", age: 50), shell("high", "rm -rf build", age: 40)])
        #expect(state.cursorID == state.queue.visibleIDs.first)
        let selected = state.cursorID
        // An arrival above: the cursor stays, and the title says what waits above.
        _ = Console.update(
            &state,
            .notification(.actionQueued(ActionQueued(item: shell("crit", "kubectl --context prod delete ns x")))))
        #expect(state.cursorID == selected)
        #expect(state.newAbove == ["crit"])
        #expect(Self.text(state).contains("1 new above (Home)"))
        press(&state, .home)
        #expect(state.cursorID == "crit")
        #expect(state.newAbove.isEmpty)
        // A filter that hides the selected action puts the cursor on the first match; clearing
        // the filter keeps it where it is.
        press(&state, .character("/"))
        type(&state, "ls")
        #expect(state.cursorID == "low")
        press(&state, .escape)
        #expect(state.cursorID == "low")
        // A resolution elsewhere leaves it alone.
        _ = Console.update(
            &state,
            .notification(
                .actionResolved(ActionResolved(id: "high", decision: .allow, reason: "ok", source: .rule("r")))))
        #expect(state.cursorID == "low")
    }

    @Test func anEmptyQueueThatFillsPutsTheCursorOnTheFirstItem() {
        var state = console([])
        _ = Console.update(&state, .notification(.actionQueued(ActionQueued(item: shell("a", "npm install x")))))
        #expect(state.cursorID == "a")
        _ = Console.update(
            &state,
            .notification(.actionResolved(ActionResolved(id: "a", decision: .allow, reason: "ok", source: .rule("r")))))
        #expect(state.cursorID == nil)
        _ = Console.update(&state, .notification(.actionQueued(ActionQueued(item: shell("b", "npm install y")))))
        #expect(state.cursorID == "b")
    }

    @Test func aDiffSaysWhatItHidesOnScreen() {
        var state = console([
            queued("w", .fileWrite(path: "config/app.env", content: "MODE=prod\nNEW=1\n"))
        ])
        _ = Console.update(
            &state,
            .fileOnDisk(
                path: "/home/dev/src/api/config/app.env",
                .loaded("MODE=prod\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")))
        let text = Self.text(state)
        #expect(text.contains("⋯ 1 removed line not shown: it holds a secret"))
        #expect(!text.contains("wJalrXUtnFEMI"))
    }
}
