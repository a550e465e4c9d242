import FoundationEssentials

/// The queue: one line per pending action, the cursor kept in view.
extension Screen {
    static func drawQueue(_ canvas: inout Canvas, _ state: ConsoleState, in rect: Rect) {
        let visibleCount = state.queue.visibleCount
        let title =
            state.filterText.isEmpty
            ? "Queue \(visibleCount)" : "Queue \(visibleCount)/\(state.queue.count) “\(state.filterText)”"
        let inside = canvas.box(rect, title: title, focused: state.interaction == .browsing)
        guard inside.height > 0, inside.width > 0 else { return }
        if visibleCount == 0 {
            let text =
                state.queue.count == 0
                ? "nothing waiting — agents are running free within policy" : "nothing matches the filter"
            canvas.write(
                text, column: inside.column + 1, row: inside.row, limit: inside.right,
                style: canvas.theme.style(.textDim))
            return
        }
        let cursor = state.cursorID.flatMap { state.queue.visibleIndex(of: $0) } ?? 0
        // Keep the cursor on screen, roughly a third from the top when scrolling.
        var first = 0
        if cursor >= inside.height { first = min(cursor - inside.height / 3, visibleCount - inside.height) }
        first = max(0, first)
        for offset in 0..<min(inside.height, visibleCount - first) {
            let index = first + offset
            let entry = state.queue.visibleEntry(at: index)
            drawQueueRow(
                &canvas, state, entry, row: inside.row + offset, column: inside.column, width: inside.width,
                isCursor: index == cursor, isMarked: state.marked.contains(entry.item.id))
        }
    }

    static func drawQueueRow(
        _ canvas: inout Canvas, _ state: ConsoleState, _ entry: QueueEntry, row: Int, column: Int, width: Int,
        isCursor: Bool, isMarked: Bool
    ) {
        let theme = canvas.theme
        let limit = column + width
        let base = isCursor ? theme.style(.selectionCursor) : theme.style(.text)
        if isCursor { canvas.fill(Rect(column: column, row: row, width: width, height: 1), style: base) }
        func style(_ role: Role) -> CellStyle {
            guard isCursor else { return theme.style(role) }
            var style = theme.style(role)
            style.background = base.background
            style.attributes.formUnion(base.attributes)
            return style
        }
        let item = entry.item
        let mark = (isCursor ? "▸" : " ") + (isMarked ? "●" : " ")
        var x = canvas.write(mark, column: column, row: row, limit: limit, style: style(.selectionMarked))
        let risk = item.assessment.risk
        x = canvas.write(
            pad(RiskMarks.shape(risk), 4), column: x, row: row, limit: limit, style: style(RiskMarks.role(risk)))
        x = canvas.write(
            " " + pad(RiskMarks.word(risk), 4), column: x, row: row, limit: limit, style: style(RiskMarks.role(risk)))
        x = canvas.write(
            item.assessment.isHardFloor ? " ‼" : "  ", column: x, row: row, limit: limit, style: style(.hardFloor))
        // Right side: age and time left before the deadline denies it.
        let age = Durations.short(state.now.timeIntervalSince(item.queuedAt))
        let left = Durations.short(item.deadline.timeIntervalSince(state.now))
        let times = " \(pad(age, 3, right: true)) \(pad(left, 3, right: true)) "
        let timesStart = limit - DisplayWidth.of(times)
        canvas.write(times, column: timesStart, row: row, limit: limit, style: style(.countdown))
        // Columns give way in steps as the pane narrows: category, then harness, then place.
        let roomy = width >= 74
        if width >= 56 {
            x = canvas.write(
                " " + pad(item.action.harness, 6), column: x, row: row, limit: timesStart, style: style(.textDim))
        }
        if width >= 44 {
            x = canvas.write(
                " " + pad(entry.place, roomy ? 12 : 9), column: x, row: row, limit: timesStart, style: style(.textDim))
        }
        if roomy {
            x = canvas.write(
                " " + pad(entry.categoryMark, 10), column: x, row: row, limit: timesStart, style: style(.category))
        }
        x = canvas.write(" " + pad(entry.tool, 5) + " ", column: x, row: row, limit: timesStart, style: style(.title))
        let summaryEnd = timesStart
        x = canvas.write(
            entry.summary, column: x, row: row, limit: summaryEnd, style: style(.command),
            markerStyle: style(.hiddenCharacter))
        _ = x
    }

    /// Pads or cuts to exactly `width` cells.
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        var text = text
        while DisplayWidth.of(text) > width, !text.isEmpty { text.removeLast() }
        let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
        return right ? padding + text : text + padding
    }
}
