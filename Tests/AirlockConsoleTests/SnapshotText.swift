import Foundation
import Testing

@testable import AirlockConsole

/// A frame as text rows plus style runs (ratatui's test backend): readable in review,
/// exact enough that any change of a glyph or a style fails.
enum SnapshotText {
    /// The rows, continuation cells of wide characters skipped.
    static func text(_ buffer: CellBuffer) -> String {
        rows(buffer).joined(separator: "\n")
    }

    static func rows(_ buffer: CellBuffer) -> [String] {
        (0..<buffer.size.rows).map { row in
            (0..<buffer.size.columns).map { buffer[$0, row].text }.joined()
        }
    }

    /// Rows framed by `|`, then every run of equal style as `row: from-to style`.
    static func render(_ buffer: CellBuffer) -> String {
        var out = "size \(buffer.size.columns)x\(buffer.size.rows)\n"
        for row in rows(buffer) { out += "|" + row + "|\n" }
        out += "--- styles (row: columns style)\n"
        for row in 0..<buffer.size.rows {
            var start = 0
            for column in 1...buffer.size.columns {
                let ended = column == buffer.size.columns || buffer[column, row].style != buffer[start, row].style
                guard ended else { continue }
                out += "\(row): \(start)-\(column - 1) \(describe(buffer[start, row].style))\n"
                start = column
            }
        }
        return out
    }

    static func describe(_ style: CellStyle) -> String {
        var words = ["fg=\(describe(style.foreground))", "bg=\(describe(style.background))"]
        if style.attributes.contains(.bold) { words.append("bold") }
        if style.attributes.contains(.dim) { words.append("dim") }
        if style.attributes.contains(.underline) { words.append("underline") }
        if style.attributes.contains(.reverse) { words.append("reverse") }
        return words.joined(separator: " ")
    }

    static func describe(_ color: TerminalColor) -> String {
        switch color {
        case .default: "default"
        case .ansi(let n): "ansi\(n)"
        case .indexed(let n): "idx\(n)"
        case .rgb(let r, let g, let b): "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// Compares with `Snapshots/<name>.txt`; `RECORD_SNAPSHOTS=1` writes it instead. A missing
    /// file fails too, so a snapshot can never pass by not existing.
    static func assertMatches(
        _ buffer: CellBuffer, named name: String, filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
        let file = directory.appendingPathComponent(name + ".txt")
        let actual = render(buffer)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do {
                try actual.write(to: file, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not record \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "missing snapshot \(file.path); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ =
                firstDifference.map { "line \($0.offset + 1):\n- \($0.element.0)\n+ \($0.element.1)" }
                ?? "length differs"
            Issue.record(
                "snapshot \(name) differs at \(where_)\n(RECORD_SNAPSHOTS=1 re-records)", sourceLocation: sourceLocation
            )
        }
    }
}
