/// The part of a detail document a pane of `height` rows shows at a scroll offset. When the
/// exact text goes on below the window, the last row says what is not shown yet instead of
/// drawing one more line, so a cut is never silent. The renderer draws this, and the reducer
/// marks what it covered as seen once the frame has been shown: both use this one function.
struct DetailWindow: Equatable {
    /// The document lines drawn, top to bottom.
    var shown: Range<Int>
    /// Drawn in the row after `shown` when the exact text continues below.
    var marker: String?

    init(_ document: DetailDocument, scroll: Int, height: Int) {
        guard height > 0 else {
            shown = 0..<0
            marker = nil
            return
        }
        let count = document.lines.count
        let first = min(max(0, scroll), max(0, count - height))
        var end = min(count, first + height)
        marker = nil
        if end < count, end < document.exactLines.upperBound, height >= 3 {
            end -= 1
            marker = Self.notShown(document, from: end)
        }
        shown = first..<end
    }

    /// "⋯ lines 31–312, characters 1,741–100,000 not shown yet · J scrolls", shortened to fit.
    static func notShown(_ document: DetailDocument, from line: Int) -> String {
        let part = unseenPart(document, from: line)
        for text in ["⋯ \(part) not shown yet · J scrolls", "⋯ \(part) not shown yet"]
        where DisplayWidth.of(text) <= document.key.width {
            return text
        }
        return "⋯ \(part)"
    }

    /// "lines 31–312, characters 1,741–100,000": the exact text from screen line `line` on.
    static func unseenPart(_ document: DetailDocument, from line: Int) -> String {
        let index = max(line, document.exactLines.lowerBound) - document.exactLines.lowerBound
        let startCharacter = index == 0 ? 0 : document.positions[index - 1].end
        let firstLine = document.positions[index].line
        let lines =
            firstLine == document.exactLineCount
            ? "line \(Numbers.grouped(firstLine))"
            : "lines \(Numbers.grouped(firstLine))–\(Numbers.grouped(document.exactLineCount))"
        return "\(lines), characters \(Numbers.grouped(startCharacter + 1))–\(Numbers.grouped(document.exactLength))"
    }

    /// How far into the exact text a frame showing this window lets the reader have read,
    /// given they had read `seen` scalars: the text counts as read only from its start without
    /// a gap, so jumping ahead does not count what was skipped.
    func seen(_ document: DetailDocument, after seen: Int) -> Int {
        let exact = shown.clamped(to: document.exactLines)
        guard let last = exact.last else { return seen }
        let firstIndex = exact.lowerBound - document.exactLines.lowerBound
        let startsAt = firstIndex == 0 ? 0 : document.positions[firstIndex - 1].end
        guard startsAt <= seen else { return seen }
        return max(seen, document.positions[last - document.exactLines.lowerBound].end)
    }
}
