import AirlockCore
import AirlockWire
import FoundationEssentials

/// The recent view: the broker's decisions, newest first, in the queue's place; the one under
/// the cursor in full in the detail's place.
extension Screen {
    static func drawRecent(_ canvas: inout Canvas, _ state: ConsoleState, _ view: RecentView, layout: Layout) {
        let (list, cursor) = Console.recentWindow(state, view)
        var title = "Recent decisions \(list.count)"
        if !view.filter.isEmpty { title += "/\(state.decisions.count) “\(view.filter)”" }
        title += " · \(state.automaticDenials) denied automatically since you opened"
        let inside = canvas.box(layout.queue, title: title, focused: true)
        guard inside.height > 0, inside.width > 0 else { return }
        if list.isEmpty {
            let text =
                state.decisions.count == 0
                ? "no decisions yet: the broker's answers appear here as they are made" : "nothing matches the filter"
            canvas.write(
                text, column: inside.column + 1, row: inside.row, limit: inside.right,
                style: canvas.theme.style(.textDim))
        } else {
            var first = 0
            if cursor >= inside.height { first = min(cursor - inside.height / 3, list.count - inside.height) }
            first = max(0, first)
            for (offset, record) in list.dropFirst(first).prefix(inside.height).enumerated() {
                drawRecentRow(
                    &canvas, record, row: inside.row + offset, column: inside.column, width: inside.width,
                    isCursor: first + offset == cursor)
            }
        }
        let record = list.indices.contains(cursor) ? list[cursor] : nil
        drawRecentDetail(&canvas, state, record, in: layout.detail)
    }

    static func drawRecentRow(
        _ canvas: inout Canvas, _ record: DecisionRecord, row: Int, column: Int, width: Int, isCursor: Bool
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
        var x = canvas.write(
            isCursor ? "▸ " : "  ", column: column, row: row, limit: limit, style: style(.selectionMarked))
        x = canvas.write(timeOfDay(record.time) + " ", column: x, row: row, limit: limit, style: style(.countdown))
        let allowed = record.verdict == .allow
        x = canvas.write(
            allowed ? "ALLOW " : "DENY  ", column: x, row: row, limit: limit,
            style: style(allowed ? .decisionAllow : .decisionDeny))
        x = canvas.write(
            pad(record.source.description, 16) + " ", column: x, row: row, limit: limit, style: style(.textDim))
        if width >= 70 {
            x = canvas.write(pad(record.harness, 7) + " ", column: x, row: row, limit: limit, style: style(.textDim))
        }
        canvas.write(record.summary, column: x, row: row, limit: limit, style: style(.command))
    }

    static func drawRecentDetail(
        _ canvas: inout Canvas, _ state: ConsoleState, _ record: DecisionRecord?, in rect: Rect
    ) {
        guard let record else {
            canvas.box(rect, title: "Decision")
            return
        }
        let inside = canvas.box(rect, title: "Decision \(record.actionID) · \(record.harness)")
        let width = inside.width - 1
        let allowed = record.verdict == .allow
        var lines: [StyledLine] = []
        lines += StyledLine.wrap(
            VisibleText.singleLine(record.summary), width: width, role: .command, firstPrefix: "$ ", prefix: "  ")
        var verdict = StyledLine(allowed ? "ALLOWED" : "DENIED", allowed ? .decisionAllow : .decisionDeny)
        verdict.append(" by \(record.source) at \(timeOfDay(record.time))", .text)
        if record.verdict == .deny, record.source.isAutomatic { verdict.append(" (automatic)", .textDim) }
        lines.append(verdict)
        lines += (StyledLine("why ", .textDim) + StyledLine(record.reason, .text)).wrapped(width: width)
        if let workspace = record.workspace {
            lines += StyledLine("where \(workspace)", .textDim).wrapped(width: width)
        }
        if let session = record.session {
            lines += StyledLine("session \(record.harness)·\(session)", .textDim).wrapped(width: width)
        }
        if !record.categories.isEmpty {
            lines +=
                (StyledLine(record.categories.map(\.rawValue).joined(separator: " · "), .category)
                + StyledLine(" · risk \(record.risk.name)", .textDim)).wrapped(width: width)
        }
        if record.subject == nil {
            lines += StyledLine("not an agent's action: no exception to make from it", .textDim).wrapped(width: width)
        } else {
            lines += StyledLine(
                allowed
                    ? "t: a time-boxed DENY exception, so the next such action is refused"
                    : "t: a time-boxed ALLOW exception, so the next such action runs", .key
            ).wrapped(width: width)
        }
        for (offset, line) in lines.prefix(inside.height).enumerated() {
            line.draw(on: &canvas, column: inside.column + 1, row: inside.row + offset, limit: inside.right)
        }
    }

    /// "14:05:09Z": the time of day in UTC, as the status line writes expiries.
    static func timeOfDay(_ date: FoundationDate) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(day / 3600)):\(two(day % 3600 / 60)):\(two(day % 60))Z"
    }
}
