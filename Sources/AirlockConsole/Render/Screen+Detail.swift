import AirlockCore
import AirlockWire

/// The selected action in full: the exact command with every hidden character shown, what it
/// would touch, why it was stopped, and the diff, patch or MCP call.
extension Screen {
    static func drawDetail(_ canvas: inout Canvas, _ state: ConsoleState, in rect: Rect) {
        guard let entry = state.cursorEntry else {
            canvas.box(rect, title: "Detail")
            return
        }
        let inside = canvas.box(rect, title: "\(entry.tool) · \(entry.item.action.harness) · \(entry.place)")
        guard inside.width > 2, inside.height > 0 else { return }
        let lines = detailLines(state, entry, width: inside.width - 1)
        for (offset, line) in lines.prefix(inside.height).enumerated() {
            line.draw(on: &canvas, column: inside.column + 1, row: inside.row + offset, limit: inside.right)
        }
        if lines.count > inside.height {
            canvas.writeRight(
                "+\(lines.count - inside.height) more", row: inside.bottom, limit: inside.right - 1,
                style: canvas.theme.style(.textDim))
        }
    }

    static func detailLines(_ state: ConsoleState, _ entry: QueueEntry, width: Int) -> [StyledLine] {
        let item = entry.item
        let action = item.action
        let assessment = item.assessment
        var lines: [StyledLine] = []
        // The exact text, first.
        switch action.kind {
        case .shell(let command):
            lines += exactText(command, width: width, firstPrefix: "$ ")
        case .fileRead(let path):
            lines += exactText(path, width: width, firstPrefix: "read ")
        case .fileWrite(let path, let content):
            lines += exactText(path, width: width, firstPrefix: "write ")
            lines.append(
                StyledLine("\(content.split(separator: "\n", omittingEmptySubsequences: false).count) lines", .textDim))
        case .fileEdit(let path, let edits):
            lines += exactText(path, width: width, firstPrefix: "edit ")
            lines.append(StyledLine("\(edits.count) replacement\(edits.count == 1 ? "" : "s")", .textDim))
        case .patch:
            lines.append(StyledLine("apply_patch: " + (action.filePaths ?? []).joined(separator: ", "), .command))
        case .mcp(let call):
            lines += exactText("\(call.server).\(call.tool)", width: width, firstPrefix: "mcp ")
            lines.append(
                StyledLine(
                    "server \(call.isServerTrusted ? "inventoried and trusted" : "NOT inventoried: annotations are only hints")",
                    call.isServerTrusted ? .textDim : .boundaryFuzzy))
            if let annotations = call.annotations {
                var words: [String] = []
                if let title = annotations.title { words.append("“\(title)”") }
                if let value = annotations.readOnlyHint { words.append("readOnly=\(value)") }
                if let value = annotations.destructiveHint { words.append("destructive=\(value)") }
                if let value = annotations.idempotentHint { words.append("idempotent=\(value)") }
                if let value = annotations.openWorldHint { words.append("openWorld=\(value)") }
                lines.append(
                    StyledLine("annotations " + (words.isEmpty ? "none" : words.joined(separator: " ")), .textDim))
            } else {
                lines.append(StyledLine("annotations none declared", .textDim))
            }
            lines += exactText(call.arguments.canonicalText, width: width, firstPrefix: "args ", prefix: "     ")
        case .web(let url):
            lines += exactText(url, width: width, firstPrefix: "fetch ")
        case .other(let tool, let input):
            lines += exactText(input, width: width, firstPrefix: "\(tool) ")
        }
        if !assessment.hiddenCharacters.isEmpty {
            let names = Array(Set(assessment.hiddenCharacters.map(\.name))).sorted().prefix(4).joined(separator: ", ")
            lines.append(StyledLine("⚠ \(assessment.hiddenCharacters.count) hidden character(s): \(names)", .hardFloor))
        }
        lines.append(StyledLine())
        // Classification.
        var facts = StyledLine(assessment.categories.map(\.rawValue).joined(separator: " · "), .category)
        facts.append(" · risk ", .textDim)
        facts.append(
            "\(RiskMarks.shape(assessment.risk)) \(RiskMarks.word(assessment.risk))", RiskMarks.role(assessment.risk))
        facts.append(" · hard floor ", .textDim)
        facts.append(assessment.isHardFloor ? "YES" : "no", assessment.isHardFloor ? .hardFloor : .textDim)
        lines.append(facts)
        let measurement = state.blast[item.id]
        let radius = max(assessment.blastRadius, measurement?.blastRadius ?? assessment.blastRadius)
        var blast = StyledLine("blast radius ", .textDim)
        blast.append(
            RiskMarks.blastBar(radius) + " " + radius.name.replacingUnderscores, radius >= .external ? .riskHigh : .text
        )
        lines.append(blast)
        if let measurement {
            for fact in measurement.facts { lines.append(StyledLine("  " + fact, .text)) }
            for marker in measurement.productionMarkers {
                lines.append(StyledLine("  production: " + marker, .riskCritical))
            }
            for missing in measurement.notMeasured { lines.append(StyledLine("  " + missing, .textDim)) }
        } else {
            lines.append(StyledLine("  measuring…", .textDim))
        }
        for marker in assessment.productionMarkers {
            lines.append(StyledLine("  production marker: " + marker, .riskCritical))
        }
        var reversibility = StyledLine("reversibility ", .textDim)
        reversibility.append(
            assessment.reversibility.rawValue, assessment.reversibility == .irreversible ? .riskHigh : .text)
        if let rollback = assessment.rollback { reversibility.append(" · rollback: " + rollback, .textDim) }
        lines.append(reversibility)
        var why = StyledLine("why ", .textDim)
        why.append(item.reason, .text)
        why.append(" (\(item.source))", .textDim)
        lines.append(why)
        if !assessment.summary.isEmpty { lines.append(StyledLine("    " + assessment.summary, .textDim)) }
        let age = Durations.short(state.now.timeIntervalSince(item.queuedAt))
        let left = Durations.short(item.deadline.timeIntervalSince(state.now))
        let where_ = [action.session.map { "session \($0.prefix(8))" }, action.cwd ?? action.workspaceRoot].compactMap {
            $0
        }
        lines.append(StyledLine((where_ + ["\(age) ago", "\(left) left"]).joined(separator: " · "), .textDim))
        // The change itself.
        switch action.kind {
        case .fileEdit, .fileWrite:
            lines.append(StyledLine())
            let rows: [DiffPreview.Row]
            if let cache = state.diffCache, cache.actionID == item.id, cache.filesVersion == state.filesVersion {
                rows = cache.rows
            } else {
                rows = DiffPreview.rows(for: action, onDisk: DiffPreview.target(of: action).flatMap { state.files[$0] })
            }
            for row in rows { lines += diffLines(row, width: width) }
        case .patch(let text):
            lines.append(StyledLine())
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let role: Role =
                    line.hasPrefix("+")
                    ? .diffAdded
                    : line.hasPrefix("-")
                        ? .diffRemoved : line.hasPrefix("@@") || line.hasPrefix("***") ? .diffHunk : .diffContext
                lines.append(StyledLine([.init(text: VisibleText.singleLine(String(line)), role: role)]))
            }
        default:
            break
        }
        return lines
    }

    /// The exact text, wrapped, every hidden character as a visible marker.
    /// The exact text, wrapped, every hidden character as a visible marker. Past `limit`
    /// scalars it says how much is not shown rather than spend the frame on it.
    static func exactText(
        _ text: String, width: Int, firstPrefix: String, prefix: String = "  ", limit: Int = 20_000
    ) -> [StyledLine] {
        var shown = text
        var hidden = 0
        let count = text.unicodeScalars.count
        if count > limit {
            shown = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit)))
            hidden = count - limit
        }
        var lines: [StyledLine] = []
        for (index, line) in VisibleText.lines(shown).enumerated() {
            lines += StyledLine.wrap(
                line, width: width, role: .command, firstPrefix: index == 0 ? firstPrefix : "↵ ", prefix: prefix)
        }
        if hidden > 0 { lines.append(StyledLine("… and \(hidden) more characters not shown here", .hardFloor)) }
        return lines
    }

    static func diffLines(_ row: DiffPreview.Row, width: Int) -> [StyledLine] {
        switch row {
        case .hunk(let text): return [StyledLine(text, .diffHunk)]
        case .note(let text): return [StyledLine(text, .textDim)]
        case .omitted(let omission): return [StyledLine(omission.text, .hardFloor)]
        case .line(.same(let text)):
            return [StyledLine([.init(text: VisibleText.singleLine(" " + text), role: .diffContext)])]
        case .line(.added(let text)):
            return [StyledLine([.init(text: VisibleText.singleLine("+" + text), role: .diffAdded)])]
        case .line(.removed(let text)):
            return [StyledLine([.init(text: VisibleText.singleLine("-" + text), role: .diffRemoved)])]
        }
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
