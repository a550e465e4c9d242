import Testing

@testable import AirlockConsole

@Suite struct TextTests {
    @Test(arguments: [
        ("a", 1), ("日", 2), ("ｱ", 1), ("Ａ", 2), ("한", 2), ("🚀", 2), ("👩‍💻", 2), ("☺️", 2), ("é", 1),
        ("e\u{301}", 1), ("\u{301}", 0), ("\u{200B}", 0), ("─", 1), ("■", 1),
    ])
    func characterWidths(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func hiddenCharactersBecomeNamedMarkers() {
        let visible = VisibleText.singleLine("a\u{1B}[31mb\u{200B}c\u{202E}d\te\nf\u{E0041}\u{0600}")
        #expect(
            visible.string
                == "a⟨ESC⟩[31mb⟨ZERO WIDTH SPACE U+200B⟩c⟨RIGHT-TO-LEFT OVERRIDE U+202E⟩d⟨TAB⟩e↵f⟨TAG CHARACTER U+E0041⟩⟨U+600⟩"
        )
        #expect(visible.segments.filter(\.isMarker).count == 7)
        #expect(VisibleText.lines("one\ntwo").count == 2)
    }

    @Test func wrappingNeverCutsAMarker() {
        let text = VisibleText.singleLine("abcdefgh\u{1B}ijklmnop")
        let lines = StyledLine.wrap(text, width: 10, role: .command)
        let strings = lines.map { $0.spans.map(\.text.string).joined() }
        #expect(strings.contains { $0.contains("⟨ESC⟩") })
        #expect(strings.joined() == text.string)
    }

    @Test func canvasClipsWithAnEllipsisAndKeepsWideCharactersWhole() {
        var canvas = Canvas(size: ScreenSize(columns: 6, rows: 1), theme: Theme.fallback(depth: .monochrome))
        canvas.write("ab日本語", column: 0, row: 0, limit: 6, style: .plain)
        #expect(SnapshotText.rows(canvas.buffer) == ["ab日… "])
        #expect(canvas.buffer[3, 0].isContinuation)
        #expect(canvas.buffer[5, 0].text == " ")
    }
}

@Suite struct LineDiffTests {
    @Test func myersFindsTheShortestScript() {
        let diff = LineDiff.diff(["a", "b", "c", "a", "b", "b", "a"], ["c", "b", "a", "b", "a", "c"])
        let edits = diff.count { if case .same = $0 { false } else { true } }
        #expect(edits == 5)
        let old = diff.compactMap { line -> String? in
            if case .added = line { return nil }; return line.text
        }
        let new = diff.compactMap { line -> String? in
            if case .removed = line { return nil }; return line.text
        }
        #expect(old == ["a", "b", "c", "a", "b", "b", "a"])
        #expect(new == ["c", "b", "a", "b", "a", "c"])
    }

    @Test func unifiedHunksWithContext() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n")
        let new = old.replacingFirst("line 10", with: "line ten")
        let rows = DiffPreview.unified(old: old, new: new, context: 2)
        #expect(rows.first == .hunk("@@ -8,5 +8,5 @@"))
        #expect(rows.contains(.line(.removed("line 10"))))
        #expect(rows.contains(.line(.added("line ten"))))
        #expect(rows.count == 7)
    }

    @Test func editsApplyLikeTheHarness() {
        #expect(DiffPreview.apply([.init(oldText: "x", newText: "y")], to: "x x") == "y x")
        #expect(DiffPreview.apply([.init(oldText: "x", newText: "y", replaceAll: true)], to: "x x") == "y y")
        #expect(DiffPreview.apply([.init(oldText: "z", newText: "y")], to: "x x") == nil)
    }

    @Test func hugeRewritesStayBounded() {
        let old = (0..<3000).map { "a\($0)" }
        let new = (0..<3000).map { "b\($0)" }
        let diff = LineDiff.diff(old, new, maximumEdits: 100)
        #expect(diff.count == 6000)
    }
}

extension LineDiff.Line {
    var text: String {
        switch self {
        case .same(let text), .added(let text), .removed(let text): text
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let parts = split(separator: target, maxSplits: 1, omittingEmptySubsequences: false)
        return parts.joined(separator: replacement)
    }
}
