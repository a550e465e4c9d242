import AirlockCore
import AirlockWire

/// The five-boundary panel for the selected action's workspace. From 100 columns it names each
/// boundary with its state word, the mode they recommend against the chosen one, and under
/// them why each one not clear is so and what would clear it; below 100 columns, one line of
/// marks and the recommended mode.
extension Screen {
    static func drawBoundaries(_ canvas: inout Canvas, _ state: ConsoleState, in rect: Rect, compact: Bool) {
        let workspace = state.cursorEntry.flatMap { ConsoleState.workspace(of: $0.item.action) }
        let inside = canvas.box(rect, title: workspace.map { "Boundaries: \($0)" } ?? "Boundaries")
        for (offset, line) in boundaryLines(state, width: inside.width - 1, compact: compact, rows: inside.height)
            .enumerated()
        {
            line.draw(on: &canvas, column: inside.column + 1, row: inside.row + offset, limit: inside.right)
        }
    }

    /// Rows the boundary panel takes, borders included.
    static func boundaryPanelHeight(_ state: ConsoleState, width: Int, compact: Bool) -> Int {
        let most = maximumBoundaryLines(rows: state.size.rows, compact: compact)
        return 2 + boundaryLines(state, width: width - 3, compact: compact, rows: most).count
    }

    static func maximumBoundaryLines(rows: Int, compact: Bool) -> Int {
        compact ? 1 : rows >= 40 ? 6 : rows >= 30 ? 4 : 2
    }

    /// The panel's lines, at most `rows` of them; what does not fit is counted in the last.
    static func boundaryLines(_ state: ConsoleState, width: Int, compact: Bool, rows: Int) -> [StyledLine] {
        guard let workspace = state.cursorEntry.flatMap({ ConsoleState.workspace(of: $0.item.action) }) else {
            return [StyledLine("no workspace selected", .textDim)]
        }
        guard let report = state.report(for: workspace) else { return [StyledLine("measuring…", .textDim)] }
        let chosen = state.mode ?? .workspaceEdit
        if compact {
            var line = StyledLine()
            for kind in BoundaryKind.allCases {
                let (mark, _, role) = boundaryMark(report.boundary(kind)?.state)
                line.append("\(mark) \(boundaryName(kind))  ", role)
            }
            return [recommendation(report, chosen: chosen, compact: true).reduce(line + StyledLine(" ", .text), +)]
        }
        // The five with their state words and the recommendation, flowed onto as few lines as fit.
        var items = BoundaryKind.allCases.map { kind -> (line: StyledLine, gap: Int) in
            let (mark, word, role) = boundaryMark(report.boundary(kind)?.state)
            return (StyledLine("\(mark) \(boundaryName(kind)) ", role) + StyledLine(word, role), 2)
        }
        let advice = recommendation(report, chosen: chosen, compact: false)
        items += advice.enumerated().map { ($0.element, $0.offset == 0 ? 3 : 1) }
        var lines: [StyledLine] = []
        var current = StyledLine()
        for (index, (item, gap)) in items.enumerated() {
            if current.width > 0, current.width + gap + item.width > width {
                // The note on the chosen mode only goes beside the mode, never on a line of its own.
                if index == items.count - 1, advice.count > 1 { break }
                lines.append(current)
                current = StyledLine()
            }
            if current.width > 0 { current.append(String(repeating: " ", count: gap), .text) }
            current = current + item
        }
        lines.append(current)
        // Why each boundary not clear is so, and what would clear it.
        for boundary in report.boundaries where boundary.state != .clear {
            var line = StyledLine(boundaryName(boundary.kind) + ": ", boundaryMark(boundary.state).role)
            line.append(boundary.reasons.first ?? boundary.state.rawValue)
            if boundary.reasons.count > 1 { line.append(" (+\(boundary.reasons.count - 1) more)", .textDim) }
            if boundary.kind == .repositoryTrust, !report.isTrusted {
                // The one thing to do here is a key away.
                line.append(" — after inspecting it, press w to trust it", .key)
            } else if let step = boundary.nextStep {
                line.append(" — to clear it: " + step, .textDim)
            }
            lines += line.wrapped(width: width)
        }
        guard lines.count > rows else { return lines }
        let hidden = lines.count - rows + 1
        return Array(lines.prefix(rows - 1))
            + [StyledLine("+\(hidden) more line\(hidden == 1 ? "" : "s"): airlock doctor shows all of it", .textDim)]
    }

    static func boundaryMark(_ state: BoundaryState?) -> (mark: String, word: String, role: Role) {
        switch state {
        case .clear: ("✓", "clear", .boundaryClear)
        case .fuzzy: ("~", "fuzzy", .boundaryFuzzy)
        case .open: ("✗", "OPEN", .boundaryOpen)
        case nil: ("?", "not measured", .boundaryFuzzy)
        }
    }

    /// "→ recommended mode: read-only" and a note on the chosen mode, or STOP; two pieces the
    /// panel flows onto its lines.
    static func recommendation(_ report: BoundaryReport, chosen: Mode, compact: Bool) -> [StyledLine] {
        let recommendation = report.recommendation
        let role: Role =
            recommendation == .chosenMode ? .boundaryClear : recommendation == .stop ? .boundaryOpen : .boundaryFuzzy
        let word = recommendation.effectiveMode(chosen: chosen)?.rawValue ?? "STOP"
        if compact { return [StyledLine("→ ", .textDim) + StyledLine(word, role)] }
        let note: String =
            switch recommendation {
            case .chosenMode: "(the chosen mode stands)"
            case .interactive: word == chosen.rawValue ? "(keep approvals interactive)" : "(chosen \(chosen.rawValue))"
            case .readOnly: report.isTrusted ? "(chosen \(chosen.rawValue))" : "(untrusted: edits ask you; w trusts it)"
            case .stop: "(an open boundary: fix it first)"
            }
        return [StyledLine("→ recommended mode: ", .textDim) + StyledLine(word, role), StyledLine(note, .textDim)]
    }

    static func boundaryName(_ kind: BoundaryKind) -> String {
        switch kind {
        case .repositoryTrust: "repo"
        case .filesAndSecrets: "secrets"
        case .commandExecution: "commands"
        case .mcpToolScope: "mcp"
        case .loggingAndRollback: "log"
        }
    }
}
