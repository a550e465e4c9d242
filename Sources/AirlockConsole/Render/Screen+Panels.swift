import AirlockCore
import AirlockWire
import FoundationEssentials

/// Active exceptions, the exception panel, the revoke picker and help.
extension Screen {
    static func exceptionLine(_ exception: PolicyException, now: FoundationDate) -> StyledLine {
        var line = StyledLine(
            exception.effect == .allow ? "ALLOW " : "DENY  ",
            exception.effect == .allow ? .decisionAllow : .decisionDeny)
        line.append(Durations.countdown(exception.expiresAt.timeIntervalSince(now)) + " ", .countdown)
        line.append(exception.scope.summary, .text)
        line.append(" · " + exception.binding.summary, .textDim)
        if let uses = exception.usesLeft { line.append(" · \(uses) uses left", .textDim) }
        return line
    }

    static func drawExceptions(_ canvas: inout Canvas, _ state: ConsoleState, in rect: Rect) {
        let active = state.activeExceptions
        let inside = canvas.box(rect, title: "Exceptions \(active.count)")
        for (offset, exception) in active.prefix(inside.height).enumerated() {
            exceptionLine(exception, now: state.now).draw(
                on: &canvas, column: inside.column + 1, row: inside.row + offset, limit: inside.right)
        }
    }

    static func drawRevokePicker(_ canvas: inout Canvas, _ state: ConsoleState, index: Int, in rect: Rect) {
        let inside = canvas.box(rect, title: "Revoke which exception?", focused: true)
        let active = state.activeExceptions
        let first = max(0, index - inside.height + 1)
        for (offset, exception) in active.dropFirst(first).prefix(inside.height).enumerated() {
            let row = inside.row + offset
            let isCursor = first + offset == index
            if isCursor {
                canvas.fill(
                    Rect(column: inside.column, row: row, width: inside.width, height: 1),
                    style: canvas.theme.style(.selectionCursor))
            }
            (StyledLine(isCursor ? "▸ " : "  ", .selectionMarked) + exceptionLine(exception, now: state.now))
                .draw(on: &canvas, column: inside.column, row: row, limit: inside.right)
        }
    }

    static func drawExceptionDraft(
        _ canvas: inout Canvas, _ state: ConsoleState, _ draft: ExceptionDraft, in rect: Rect
    ) {
        let isAllow = draft.effect == .allow
        let inside = canvas.box(rect, title: "Time-boxed \(isAllow ? "ALLOW" : "DENY") exception", focused: true)
        var lines: [StyledLine] = []
        let entry = QueueEntry(draft.source)
        lines.append(StyledLine("from ", .textDim) + StyledLine([.init(text: entry.summary, role: .command)]))
        var ttl = StyledLine("lasts ", .textDim)
        for (index, preset) in ExceptionDraft.ttlPresets.enumerated() {
            ttl.append(
                index == draft.ttlIndex ? "[\(index + 1) \(preset.label)]" : " \(index + 1) \(preset.label) ",
                index == draft.ttlIndex ? .selectionMarked : .textDim)
            ttl.append(" ", .text)
        }
        lines.append(ttl)
        lines.append(StyledLine("scope (Tab / j k)", .textDim))
        for (index, choice) in draft.choices.enumerated() {
            let chosen = index == draft.scopeIndex
            lines.append(
                StyledLine(chosen ? " ▸ " : "   ", .selectionMarked)
                    + StyledLine(choice.label, chosen ? .selectionMarked : .text))
        }
        lines.append(
            StyledLine("bound to ", .textDim) + StyledLine(draft.binding.summary, .text)
                + StyledLine(
                    draft.choice.forcesRepository ? " (a category is per repo)" : " (b switches session/repo)", .textDim
                ))
        var reason = StyledLine("reason ", .textDim)
        reason.spans.append(
            .init(
                text: VisibleText.singleLine(draft.reason + (draft.isEditingReason ? "▏" : "")),
                role: draft.isEditingReason ? .input : .text))
        if draft.isEditingReason { reason.append("  (typing; Enter keeps it)", .textDim) }
        lines.append(reason)
        var coverage = StyledLine("covers \(draft.coveredPending) pending now · ", .text)
        if let recent = draft.coveredRecent {
            coverage.append(
                "would have \(isAllow ? "allowed" : "denied") \(recent.matched) of the last \(recent.of) logged actions",
                .text)
        } else {
            coverage.append("reading the log…", .textDim)
        }
        lines.append(coverage)
        if let problem = draft.problem(now: state.now, reviewer: state.configuration.reviewer) {
            lines.append(StyledLine("REFUSED: \(problem)", .hardFloor))
        } else {
            lines.append(
                StyledLine("y grants it for \(ExceptionDraft.ttlPresets[draft.ttlIndex].label) · Esc backs out", .key))
        }
        var row = inside.row
        for line in lines {
            for wrapped in wrapLine(line, width: inside.width - 1) where row < inside.bottom {
                wrapped.draw(on: &canvas, column: inside.column + 1, row: row, limit: inside.right)
                row += 1
            }
        }
    }

    /// A styled line cut into pieces that fit (coverage and refusal lines can be long).
    static func wrapLine(_ line: StyledLine, width: Int) -> [StyledLine] {
        let total = line.spans.reduce(0) { $0 + DisplayWidth.of($1.text.string) }
        guard total > width, line.spans.count == 1, let span = line.spans.first else { return [line] }
        return StyledLine.wrap(span.text, width: width, role: span.role)
    }

    static func drawHelp(_ canvas: inout Canvas, _ state: ConsoleState, in rect: Rect) {
        let inside = canvas.box(rect, title: "Keys (Esc closes) — Enter never approves", focused: true)
        var row = inside.row
        var column = inside.column + 1
        let columnWidth = inside.width >= 110 ? inside.width / 2 - 1 : inside.width - 1
        for context in KeyContext.allCases where context != .help {
            let bindings = Keymap.help(for: context)
            guard !bindings.isEmpty else { continue }
            if row + 2 > inside.bottom {
                guard column == inside.column + 1, columnWidth < inside.width - 1 else { break }
                column += columnWidth + 1
                row = inside.row
            }
            canvas.write(
                context.title, column: column, row: row, limit: column + columnWidth, style: canvas.theme.style(.title))
            row += 1
            for binding in bindings where row < inside.bottom {
                let key = pad(binding.keyLabel, 8)
                var line = StyledLine(key, binding.isDangerous ? .keyDangerous : .key)
                line.append(binding.help, .text)
                line.draw(on: &canvas, column: column + 1, row: row, limit: column + columnWidth)
                row += 1
            }
        }
    }
}

typealias FoundationDate = FoundationEssentials.Date
