import FoundationEssentials

/// The queue: one line per pending action, the cursor kept in view.
extension Screen {
    static func drawQueue(_ canvas: inout Canvas, _ state: ConsoleState, in rect: Rect) {
        let visibleCount = state.queue.visibleCount
        var title =
            state.filterText.isEmpty
            ? "Queue \(visibleCount)" : "Queue \(visibleCount)/\(state.queue.count) “\(state.filterText)”"
        if !state.newAbove.isEmpty { title += " · \(state.newAbove.count) new above (Home)" }
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
        let rows = (first..<min(visibleCount, first + inside.height)).map { state.queue.visibleEntry(at: $0) }
        // Each row's summary once: the widest decides the columns, then it is drawn (and cut).
        let summaries = rows.map { $0.summary(limit: QueueColumns.summaryLimit) }
        let columns = QueueColumns(width: inside.width, rows: rows, summaries: summaries)
        for (offset, entry) in rows.enumerated() {
            drawQueueRow(
                &canvas, state, entry, summary: summaries[offset], columns: columns, row: inside.row + offset,
                column: inside.column, isCursor: first + offset == cursor,
                isMarked: state.marked.contains(entry.item.id))
        }
        // Where the window is, on the bottom border, when not everything fits.
        let above = first
        let below = visibleCount - first - rows.count
        if above > 0 || below > 0 {
            let marks = [above > 0 ? "▲ \(above)" : nil, below > 0 ? "▼ \(below)" : nil].compactMap { $0 }
            let text = " \(marks.joined(separator: " ")) "
            canvas.writeRight(text, row: rect.bottom - 1, limit: rect.right - 1, style: canvas.theme.style(.textDim))
        }
    }

    static func drawQueueRow(
        _ canvas: inout Canvas, _ state: ConsoleState, _ entry: QueueEntry, summary: VisibleText,
        columns: QueueColumns, row: Int, column: Int, isCursor: Bool, isMarked: Bool
    ) {
        let theme = canvas.theme
        let limit = column + columns.width
        let base = isCursor ? theme.style(.selectionCursor) : theme.style(.text)
        if isCursor { canvas.fill(Rect(column: column, row: row, width: columns.width, height: 1), style: base) }
        func style(_ role: Role) -> CellStyle {
            guard isCursor else { return theme.style(role) }
            var style = theme.style(role)
            style.background = base.background
            style.attributes.formUnion(base.attributes)
            return style
        }
        let item = entry.item
        let risk = item.assessment.risk
        var x = canvas.write(
            (isCursor ? "▸" : " ") + (isMarked ? "●" : " "), column: column, row: row, limit: limit,
            style: style(.selectionMarked))
        x = canvas.write(
            pad(RiskMarks.shape(risk), 4), column: x, row: row, limit: limit, style: style(RiskMarks.role(risk)))
        if columns.showsRiskWord {
            x = canvas.write(
                " " + pad(RiskMarks.word(risk), 4), column: x, row: row, limit: limit,
                style: style(RiskMarks.role(risk)))
        }
        x = canvas.write(
            item.assessment.isHardFloor ? " ‼" : "  ", column: x, row: row, limit: limit, style: style(.hardFloor))
        // Right side: age and time left before the deadline denies it.
        let age = Durations.short(state.now.timeIntervalSince(item.queuedAt))
        let left = Durations.short(item.deadline.timeIntervalSince(state.now))
        let times = " \(pad(age, 3, right: true)) \(pad(left, 3, right: true)) "
        let timesStart = limit - DisplayWidth.of(times)
        canvas.write(times, column: timesStart, row: row, limit: limit, style: style(.countdown))
        if let width = columns.harness {
            x = canvas.write(
                " " + pad(item.action.harness, width), column: x, row: row, limit: timesStart, style: style(.textDim))
        }
        if let width = columns.place {
            x = canvas.write(
                " " + pad(entry.place, width), column: x, row: row, limit: timesStart, style: style(.textDim))
        }
        if let width = columns.category {
            x = canvas.write(
                " " + pad(entry.categoryMark, width), column: x, row: row, limit: timesStart, style: style(.category))
        }
        x = canvas.write(
            " " + pad(entry.tool, QueueColumns.toolWidth) + " ", column: x, row: row, limit: timesStart,
            style: style(.title))
        if item.needs != nil {
            // Approvals so far, of an action that needs several: the detail says what is left.
            x = canvas.write(
                "✓\(item.approvals?.count ?? 0) ", column: x, row: row, limit: timesStart, style: style(.hardFloor))
        }
        // The command takes what is left; the detail pane always has all of it.
        canvas.write(
            summary, column: x, row: row, limit: timesStart, style: style(.command),
            markerStyle: style(.hiddenCharacter))
    }

    /// Pads or cuts to exactly `width` cells.
    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        var text = text
        while DisplayWidth.of(text) > width, !text.isEmpty { text.removeLast() }
        let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
        return right ? padding + text : text + padding
    }
}

/// Which queue columns a row of `width` cells shows and how wide each is. The command column
/// takes the width the others do not need: each optional column is shown, in order of use to
/// a reviewer (place, harness, category, the risk word beside its shape), only while the
/// commands on screen keep 40% of the row, and each is as wide as its widest value on screen,
/// not a fixed guess.
struct QueueColumns: Equatable {
    var width: Int
    var showsRiskWord = false
    var harness: Int?
    var place: Int?
    var category: Int?
    var summary: Int

    static let toolWidth = 5
    /// Cursor and mark, risk shape, hard-floor mark, tool with a space either side, the two times.
    static let fixedWidth = 2 + 4 + 2 + (toolWidth + 2) + 9

    /// A summary is worked out to at most this many scalars: no queue row is wider.
    static let summaryLimit = 200

    init(width: Int, rows: [QueueEntry], summaries: [VisibleText]? = nil) {
        self.width = width
        var available = width - Self.fixedWidth
        let widest =
            (summaries ?? rows.map { $0.summary(limit: Self.summaryLimit) }).map { DisplayWidth.of($0.string) }.max()
            ?? 0
        let target = min(widest, max(24, width * 40 / 100))
        func fits(_ cells: Int) -> Bool {
            guard available - cells >= target else { return false }
            available -= cells
            return true
        }
        func widestValue(_ value: (QueueEntry) -> String, cap: Int) -> Int {
            min(cap, rows.map { DisplayWidth.of(value($0)) }.max() ?? 0)
        }
        // In order; the first that does not fit ends it, so a narrow column never shows while
        // a more useful one is left out.
        repeat {
            let place = widestValue(\.place, cap: 16)
            guard fits(place + 1) else { break }
            self.place = place
            let harness = widestValue(\.item.action.harness, cap: 8)
            guard fits(harness + 1) else { break }
            self.harness = harness
            let category = widestValue(\.categoryMark, cap: 16)
            guard fits(category + 1) else { break }
            self.category = category
            guard fits(5) else { break }
            showsRiskWord = true
        } while false
        summary = max(0, available)
    }
}
