import AirlockCore
import Testing

@testable import AirlockConsole

/// A diff says what it leaves out and why; a hunk header never counts lines nobody can see
/// without a row that says where they went.
@Suite struct DiffPreviewTests {
    static let secretLine = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

    /// Lines the hunk headers promise (old plus new side), against the rows that show or
    /// account for them (a context line, shown or hidden, counts on both sides).
    static func accountedLines(_ rows: [DiffPreview.Row]) -> (promised: Int, accounted: Int) {
        var promised = 0
        var accounted = 0
        for row in rows {
            switch row {
            case .hunk(let text):
                // "@@ -a,b +c,d @@": b old lines and d new lines.
                let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
                if numbers.count == 4 { promised += numbers[1] + numbers[3] }
            case .line(.same): accounted += 2
            case .line(.added), .line(.removed): accounted += 1
            case .omitted(.secret(let lines, let removed, _)): accounted += removed ? lines : 2 * lines
            case .omitted(.tooLong(let lines, _)): accounted += lines
            default: break
            }
        }
        return (promised, accounted)
    }

    @Test func secretLinesOfTheFileOnDiskAreCountedNotShown() {
        let old = ["a", "b", Self.secretLine, "c", "d", "e", "f"].joined(separator: "\n")
        let new = old.replacingFirst("c", with: "C")
        let rows = DiffPreview.unified(old: old, new: new, context: 2)
        #expect(!rows.contains(.line(.same(Self.secretLine))))
        #expect(rows.contains { if case .omitted(.secret(lines: 1, removed: false, _)) = $0 { true } else { false } })
        let text = rows.map { if case .omitted(let omission) = $0 { omission.text } else { "" } }.joined()
        #expect(text.contains("⋯ 1 unchanged line not shown: it holds a secret"))
        #expect(!text.contains("wJalrXUtnFEMI"))
    }

    @Test func aRemovedSecretLineSaysItIsRemoved() {
        let rows = DiffPreview.unified(old: "a\n\(Self.secretLine)\nb\n", new: "a\nb\n", context: 2)
        #expect(rows.contains { if case .omitted(.secret(lines: 1, removed: true, _)) = $0 { true } else { false } })
        #expect(!rows.contains(.line(.removed(Self.secretLine))))
    }

    @Test func whatTheAgentWouldWriteIsShownEvenWithASecret() {
        let rows = DiffPreview.unified(old: "a\nb\n", new: "a\n\(Self.secretLine)\nb\n", context: 2)
        #expect(rows.contains(.line(.added(Self.secretLine))))
    }

    @Test func aLongDiffSaysHowManyLinesItLeavesOut() {
        let new = (0..<(DiffPreview.maximumLines + 250)).map { "line \($0)" }.joined(separator: "\n")
        let rows = DiffPreview.unified(old: "", new: new, context: 2)
        #expect(rows.last == .omitted(.tooLong(lines: 250, shown: DiffPreview.maximumLines)))
        #expect(
            rows.last.map { if case .omitted(let o) = $0 { o.text } else { "" } }
                == "⋯ 250 more diff lines not shown: too long (the first 4,000 are)")
        let counts = Self.accountedLines(rows)
        #expect(counts.promised == counts.accounted)
    }

    @Test(arguments: [
        (FileOnDisk.binary(bytes: 12_345), "binary (12.3 kB)"),
        (FileOnDisk.tooLarge(bytes: 5_200_000), "too large to diff (5.2 MB)"),
        (FileOnDisk.unreadable, "could not be read"),
    ])
    func aFileWithoutTextSaysWhyAndShowsWhatWouldBeWritten(file: FileOnDisk, words: String) {
        let write = Action(cwd: "/r", kind: .fileWrite(path: "x.bin", content: "new\ncontent"))
        let rows = DiffPreview.rows(for: write, onDisk: file)
        #expect(rows.first == .omitted(.file(file)))
        #expect(rows.first.map { if case .omitted(let o) = $0 { o.text } else { "" } }?.contains(words) == true)
        #expect(rows.contains(.line(.added("content"))))
        #expect(!rows.contains(.note("new file")))
        let edit = Action(cwd: "/r", kind: .fileEdit(path: "x.bin", edits: [FileEdit(oldText: "a", newText: "b")]))
        let editRows = DiffPreview.rows(for: edit, onDisk: file)
        #expect(editRows.first == .omitted(.file(file)))
        #expect(editRows.contains(.line(.added("b"))))
    }

    @Test func hunkHeadersNeverPromiseMoreThanTheRowsAccountFor() {
        let old = (1...60).map { $0 % 7 == 0 ? Self.secretLine + "\($0)" : "line \($0)" }.joined(separator: "\n")
        var new = old.replacingFirst("line 10", with: "line ten")
        new = new.replacingFirst("line 30", with: "line thirty")
        let rows = DiffPreview.unified(old: old, new: new, context: 3)
        let counts = Self.accountedLines(rows)
        #expect(counts.promised == counts.accounted)
        #expect(rows.contains { if case .omitted(.secret) = $0 { true } else { false } })
    }

    @Test func numbersReadWell() {
        #expect(Numbers.grouped(0) == "0")
        #expect(Numbers.grouped(999) == "999")
        #expect(Numbers.grouped(1000) == "1,000")
        #expect(Numbers.grouped(100_000) == "100,000")
        #expect(Numbers.grouped(-1_234_567) == "-1,234,567")
        #expect(Numbers.bytes(512) == "512 bytes")
        #expect(Numbers.bytes(12_345) == "12.3 kB")
    }
}
