import AirlockCore
import AirlockWire
import FoundationEssentials
import Testing

@testable import AirlockConsole

/// A dangerous part hidden far down a long command (after hundreds of newlines, past 20,000
/// characters, behind escape, zero-width and bidi characters) must have been on screen before
/// `a`, `A` or `t` can let it through. Frames are "shown" with `.frameShown`, as the console's
/// loop does after each draw.
@Suite struct LongTextApprovalTests {
    static let tail = "rm -rf ~/\u{202E}txt.nimda\u{202C} \u{1B}[8m# hidden\u{1B}[0m\u{200B}"

    /// 300 harmless lines, then the tail.
    static var manyLines: String {
        (1...300).map { "echo step \($0) \u{200B}\u{200B}\u{200B}" }.joined(separator: "\n") + "\n" + tail
    }

    /// One line of 25,000 harmless characters, then the tail.
    static var longLine: String { "echo " + String(repeating: "a", count: 25_000) + "; " + tail }

    static func frameText(_ state: ConsoleState) -> String {
        SnapshotText.text(Console.render(state, theme: Theme.fallback(depth: .monochrome)))
    }

    /// Presses `a` until it sends a decision (or gives up); returns how many presses it took and
    /// whether a frame showing the tail was on screen before the decision went out.
    static func approveByPressingA(_ state: inout ConsoleState, limit: Int = 500) -> (presses: Int, sawTail: Bool)? {
        var sawTail = false
        for press in 1...limit {
            // The loop: a frame is drawn (and shown), then the key is read.
            // Markers are never split over two lines: this one is the last hidden character.
            if frameText(state).contains("⟨POP DIRECTIONAL FORMATTING U+202C⟩ ⟨ESC⟩[8m#") { sawTail = true }
            _ = Console.update(&state, .frameShown)
            if !decisions(Console.update(&state, .key(.character("a")))).isEmpty { return (press, sawTail) }
        }
        return nil
    }

    @Test(arguments: ["many lines", "a long line"])
    func aTakesTheReviewerToTheUnseenPartUntilAllOfItHasBeenShown(label: String) throws {
        let command = label == "many lines" ? Self.manyLines : Self.longLine
        for size in [
            ScreenSize(columns: 120, rows: 40), ScreenSize(columns: 80, rows: 24), ScreenSize(columns: 60, rows: 15),
        ] {
            var state = console([shell("long", command)], size: size)
            _ = Console.update(&state, .frameShown)
            let first = decisions(Console.update(&state, .key(.character("a"))))
            #expect(first.isEmpty, "\(label) at \(size): approved on the first a")
            #expect(state.flash?.text.contains("not sent, read it all first") == true)
            let result = try #require(Self.approveByPressingA(&state), "\(label) at \(size): never approved")
            #expect(result.presses > 2)
            #expect(result.sawTail, "\(label) at \(size): approved without the tail ever on screen")
        }
    }

    @Test func theFirstFrameSaysWhatIsNotShownYetAndPutsTheFactsFirst() {
        let state = console([shell("long", Self.manyLines)])
        let text = Self.frameText(state)
        #expect(text.contains("⚠ long text: 301 lines"))
        #expect(text.contains("⋯ lines 3–301, characters 33–5,330 not shown yet"))
        #expect(text.contains(" not shown yet"))
        #expect(text.contains("• LOW echo only prints ×300 [read]"))
        // Findings, categories and why come before the command.
        let lines = text.split(separator: "\n").map(String.init)
        let why = lines.firstIndex { $0.contains("why asks a human") } ?? Int.max
        let command = lines.firstIndex { $0.contains("$ echo step 1 ") } ?? -1
        #expect(why < command)
        // The zero-width spaces are there, counted, not invisible.
        #expect(text.contains("⟨ZERO WIDTH SPACE U+200B ×3⟩"))
    }

    @Test func aLongLineSaysWhichCharactersAreNotShown() {
        let state = console([shell("long", Self.longLine)])
        let text = Self.frameText(state)
        #expect(text.contains("⋯ line 1, characters "))
        #expect(text.contains("–25,0"))
    }

    @Test func jAndKScrollHalfAPaneAndStopAtTheEnds() {
        var state = console([shell("long", Self.manyLines)])
        let height = Screen.layout(state)?.detailText.height ?? 0
        press(&state, .character("J"))
        #expect(state.detailScroll == height / 2)
        press(&state, .character("K"))
        press(&state, .character("K"))
        #expect(state.detailScroll == 0)
        for _ in 0..<200 { press(&state, .character("J")) }
        let count = state.detail?.lines.count ?? 0
        #expect(state.detailScroll == count - height)
        #expect(Self.frameText(state).contains("txt.nimda"))
        // Having scrolled through it all, a approves at once.
        #expect(decisions(press(&state, .character("a"))).count == 1)
    }

    @Test func skippingAheadDoesNotCountWhatWasSkipped() throws {
        var state = console([shell("long", Self.manyLines)])
        let document = try #require(state.detail)
        // Show only the end, as if the window had jumped there.
        state.detailScroll = document.lines.count
        _ = Console.update(&state, .frameShown)
        #expect((state.seen["long"] ?? 0) == 0)
        #expect(decisions(Console.update(&state, .key(.character("a")))).isEmpty)
        // The a took the reviewer back to the first part not seen.
        #expect(state.detailScroll < document.exactLines.lowerBound + 5)
    }

    @Test func whatWasReadSurvivesAResize() throws {
        var state = console([shell("long", Self.manyLines)])
        for _ in 0..<6 { press(&state, .character("J")) }
        _ = Console.update(&state, .frameShown)
        let read = try #require(state.seen["long"])
        #expect(read > 0)
        _ = Console.update(&state, .resize(ScreenSize(columns: 80, rows: 24)))
        #expect(state.seen["long"] == read)
        _ = Console.update(&state, .frameShown)
        _ = Console.update(&state, .key(.character("a")))
        // Taken to just before the first unread part, not back to the top.
        let document = try #require(state.detail)
        let firstUnread = try #require(document.firstLine(after: read))
        #expect(state.detailScroll == firstUnread - 1)
    }

    @Test func aKeyTypedBeforeTheFrameShowedTheNewSelectionSendsNothing() {
        var state = console([shell("n1", "npm test", age: 30), shell("n2", "rm -rf build", age: 20)])
        _ = Console.update(&state, .frameShown)
        // j and a arrive together: the frame with the new selection was never drawn.
        _ = Console.update(&state, .key(.character("j")))
        #expect(decisions(Console.update(&state, .key(.character("a")))).isEmpty)
        #expect(state.flash?.text.contains("changed before it was shown") == true)
        _ = Console.update(&state, .frameShown)
        #expect(decisions(Console.update(&state, .key(.character("a")))).map(\.ids) == [[state.cursorID ?? ""]])
    }

    @Test func theNeighbourThatTakesOverAfterAResolutionIsShownBeforeItCanBeApproved() {
        var state = console([shell("n1", "npm test", age: 30), shell("n2", "npm install left-pad", age: 20)])
        _ = Console.update(&state, .frameShown)
        let first = state.cursorID ?? ""
        _ = Console.update(
            &state,
            .notification(.actionResolved(ActionResolved(id: first, decision: .allow, reason: "ok", source: .rule("r")))))
        #expect(state.cursorID != first)
        #expect(decisions(Console.update(&state, .key(.character("a")))).isEmpty)
    }

    @Test func aTimeBoxedAllowMadeFromALongActionWaitsForItToBeRead() {
        var state = console([shell("long", Self.manyLines)])
        press(&state, .character("t"))
        #expect(state.interaction == .browsing)
        #expect(state.flash?.text.contains("not sent") == true)
        // A deny exception lets nothing through: no need to read first.
        press(&state, .character("T"))
        if case .exception = state.interaction {} else { Issue.record("T did not open the panel") }
    }

    @Test func approvingMarkedActionsWaitsForEachLongOneToBeRead() {
        var state = console([
            shell("short", "npm test", age: 30), shell("long", Self.manyLines, age: 20),
        ])
        // Mark both with space (the long one is below; the cursor starts on the riskiest).
        press(&state, .home)
        press(&state, .character(" "))
        press(&state, .character(" "))
        #expect(state.marked == ["short", "long"])
        press(&state, .home)
        #expect(decisions(press(&state, .character("A"))).isEmpty)
        #expect(state.cursorID == "long")
        #expect(state.flash?.text.contains("1 marked action has long text you have not read") == true)
        for _ in 0..<400 where (state.seen["long"] ?? 0) < Self.manyLines.unicodeScalars.count {
            press(&state, .character("J"))
        }
        let sent = decisions(press(&state, .character("A")))
        #expect(sent.first.map { Set($0.ids) } == ["short", "long"])
    }

    @Test func aMillionZeroWidthSpacesAreOneCountedMarker() throws {
        let command = "echo hi" + String(repeating: "\u{200B}", count: 1_000_000) + "; rm -rf ~"
        var state = console([shell("zw", command)])
        let document = try #require(state.detail)
        #expect(document.lines.count < 40)
        let text = Self.frameText(state)
        #expect(text.contains("⟨ZERO WIDTH SPACE U+200B ×1,000,000⟩"))
        #expect(text.contains("⟨ZERO WIDTH SPACE U+200B ×1,000,000⟩; rm -"))
        // All of it fits on screen: a approves at once.
        #expect(decisions(press(&state, .character("a"))).count == 1)
    }

    @Test func noRawControlCharacterReachesACellAnywhereInALongText() {
        var state = console([shell("long", Self.manyLines)])
        for _ in 0..<80 {
            for cell in Console.render(state, theme: Theme.fallback(depth: .trueColor)).cells {
                for scalar in cell.text.unicodeScalars {
                    #expect(VisibleText.marker(for: scalar) == nil, "raw U+\(String(scalar.value, radix: 16))")
                }
            }
            press(&state, .character("J"))
        }
    }
}
