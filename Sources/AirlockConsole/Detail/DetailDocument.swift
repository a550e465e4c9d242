import AirlockCore
import AirlockWire
import FoundationEssentials

/// The selected action's detail as lines of the pane's width: the exact text with every hidden
/// character shown, what it would touch, why it was stopped, the diff, patch or MCP call. Every
/// field is wrapped, nothing cut. Built by the reducer when the selection, the width or what is
/// known about the action changes, so a frame only draws the lines in the window and the
/// reducer can tell which part of the exact text has been on screen.
///
/// The exact text (a command, MCP arguments, a patch) is one block, `exactLines`, and each of its
/// lines knows where in the text it ends: `a` approves only once all of it has been shown.
struct DetailDocument: Sendable {
    /// What the lines were built from; another key means build again.
    struct Key: Equatable, Sendable {
        var actionID: String
        var width: Int
        var hasBlast: Bool
        var filesVersion: Int
    }

    /// Where one line of the exact text ends in the text, and which of its lines it is on.
    struct SourcePosition: Equatable, Sendable {
        /// Scalars of the exact text up to the end of this screen line.
        var end: Int
        /// Its line in the text (1-based; a long line wraps into several screen lines).
        var line: Int
    }

    var key: Key
    var lines: [StyledLine]
    /// The screen lines of the exact text.
    var exactLines: Range<Int>
    /// Per line of `exactLines`, where it ends in the text.
    var positions: [SourcePosition]
    /// Scalars and lines in the exact text.
    var exactLength: Int
    var exactLineCount: Int
    /// Long or many-lined text: findings, categories and why come first, then the text.
    var isLong: Bool

    /// More than this many lines or characters makes a text long: the facts go above it.
    static let longLines = 12
    static let longCharacters = 600

    /// The first line of the exact text that holds something past `seen` scalars, if any.
    func firstLine(after seen: Int) -> Int? {
        guard seen < exactLength else { return nil }
        let index = positions.firstIndex { $0.end > seen } ?? (positions.count - 1)
        return exactLines.lowerBound + index
    }
}

extension DetailDocument {
    /// The exact text of an action: what runs, what is fetched, what is sent, as the agent gave it.
    struct Exact {
        var text: String
        var firstPrefix: String
        var prefix: String
        /// A role per line of the text (a patch colours its lines as a diff).
        var role: (Substring) -> Role = { _ in .command }
    }

    static func exact(of action: Action) -> Exact {
        switch action.kind {
        case .shell(let command): Exact(text: command, firstPrefix: "$ ", prefix: "  ")
        case .fileRead(let path): Exact(text: path, firstPrefix: "read ", prefix: "     ")
        case .fileWrite(let path, _): Exact(text: path, firstPrefix: "write ", prefix: "      ")
        case .fileEdit(let path, _): Exact(text: path, firstPrefix: "edit ", prefix: "     ")
        case .patch(let text):
            Exact(text: text, firstPrefix: "", prefix: "") { line in
                line.hasPrefix("+")
                    ? .diffAdded
                    : line.hasPrefix("-")
                        ? .diffRemoved : line.hasPrefix("@@") || line.hasPrefix("***") ? .diffHunk : .diffContext
            }
        case .mcp(let call): Exact(text: call.arguments.canonicalText, firstPrefix: "args ", prefix: "     ")
        case .web(let url): Exact(text: url, firstPrefix: "fetch ", prefix: "      ")
        case .other(let tool, let input):
            Exact(text: input, firstPrefix: "\(tool) ", prefix: String(repeating: " ", count: min(tool.count + 1, 12)))
        }
    }

    /// Whether a text counts as long or many-lined (it is read before it can be approved in bulk).
    static func isLong(_ text: String) -> Bool {
        var lines = 1
        var characters = 0
        for scalar in text.unicodeScalars {
            characters += 1
            if scalar == "\n" { lines += 1 }
            if lines > longLines || characters > longCharacters { return true }
        }
        return false
    }

    static func build(
        _ item: QueuedAction, width: Int, blast: BlastMeasurement?, onDisk: FileOnDisk?, filesVersion: Int
    ) -> DetailDocument {
        let action = item.action
        // A 2,000-line file costs milliseconds to diff: done here, once, never in a frame.
        let diff = DiffPreview.target(of: action).map { _ in DiffPreview.rows(for: action, onDisk: onDisk) }
        let exact = exact(of: action)
        var exactLines: [StyledLine] = []
        var positions: [SourcePosition] = []
        var offset = 0
        let length = exact.text.unicodeScalars.count
        let textLines = VisibleText.lines(exact.text)
        let sourceLines = exact.text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in textLines.enumerated() {
            let role = exact.role(index < sourceLines.count ? sourceLines[index] : "")
            let first = index == 0 ? exact.firstPrefix : (exact.firstPrefix.isEmpty ? "" : "↵ ")
            for piece in StyledLine.wrapCountingSource(
                line, width: width, role: role, firstPrefix: first, prefix: exact.prefix)
            {
                exactLines.append(piece.line)
                positions.append(SourcePosition(end: offset + piece.sourceEnd, line: index + 1))
            }
            // The newline belongs to the line it ends.
            offset += line.segments.reduce(0) { $0 + $1.sourceScalars } + 1
            if let last = positions.indices.last { positions[last].end = min(offset, length) }
        }
        let isLong = isLong(exact.text)

        var lines: [StyledLine] = []
        var exactStart = 0
        let heading = headingLines(item, width: width)
        let facts = factLines(item, blast: blast, width: width)
        let hidden = hiddenCharacterLines(item.assessment, width: width)
        if isLong {
            let count = textLines.count
            var note = StyledLine("⚠ long text: ", .hardFloor)
            note.append(
                "\(Numbers.grouped(count)) line\(count == 1 ? "" : "s"), \(Numbers.grouped(length)) characters. "
                    + "Read it all before approving (J/K scroll); a takes you to what you have not seen yet.",
                .text)
            lines += heading + note.wrapped(width: width) + hidden + facts + [StyledLine()]
            exactStart = lines.count
            lines += exactLines
        } else {
            lines += heading
            exactStart = lines.count
            lines += exactLines
            lines += hidden + [StyledLine()] + facts
        }
        let exactRange = exactStart..<(exactStart + exactLines.count)
        lines += changeLines(action, diff: diff, width: width)
        return DetailDocument(
            key: Key(actionID: item.id, width: width, hasBlast: blast != nil, filesVersion: filesVersion),
            lines: lines, exactLines: exactRange, positions: positions, exactLength: length,
            exactLineCount: textLines.count, isLong: isLong)
    }

    /// Lines before the exact text: an MCP call's server and tool.
    static func headingLines(_ item: QueuedAction, width: Int) -> [StyledLine] {
        guard case .mcp(let call) = item.action.kind else { return [] }
        var lines: [StyledLine] = []
        lines += StyledLine([.init(text: VisibleText.singleLine("mcp \(call.server).\(call.tool)"), role: .command)])
            .wrapped(width: width)
        lines += StyledLine(
            "server \(call.isServerTrusted ? "inventoried and trusted" : "NOT inventoried: annotations are only hints")",
            call.isServerTrusted ? .textDim : .boundaryFuzzy
        ).wrapped(width: width)
        var words: [String] = []
        if let annotations = call.annotations {
            if let title = annotations.title { words.append("“\(title)”") }
            if let value = annotations.readOnlyHint { words.append("readOnly=\(value)") }
            if let value = annotations.destructiveHint { words.append("destructive=\(value)") }
            if let value = annotations.idempotentHint { words.append("idempotent=\(value)") }
            if let value = annotations.openWorldHint { words.append("openWorld=\(value)") }
        }
        let annotationText =
            call.annotations == nil ? "none declared" : words.isEmpty ? "none" : words.joined(separator: " ")
        lines += StyledLine("annotations " + annotationText, .textDim).wrapped(width: width)
        return lines
    }

    /// What approving still takes and the approvals so far, when the policy asks several.
    static func approvalLines(_ item: QueuedAction, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        if let needs = item.needs {
            lines += (StyledLine("needs ", .textDim) + StyledLine(needs, .hardFloor)).wrapped(width: width)
        }
        for approval in item.approvals ?? [] {
            var line = StyledLine("✓ approved by ", .textDim)
            line.append(approval.name.map { "\($0) (\(approval.reviewer))" } ?? approval.reviewer, .text)
            if let reason = approval.reason { line.append(": " + reason, .text) }
            lines += line.wrapped(width: width)
        }
        return lines
    }

    static func hiddenCharacterLines(_ assessment: Assessment, width: Int) -> [StyledLine] {
        guard !assessment.hiddenCharacters.isEmpty else { return [] }
        let names = Array(Set(assessment.hiddenCharacters.map(\.name))).sorted().joined(separator: ", ")
        return StyledLine("⚠ \(assessment.hiddenCharacters.count) hidden character(s): \(names)", .hardFloor)
            .wrapped(width: width)
    }

    /// Classification, findings, blast radius, reversibility, why, session and place: all wrapped.
    static func factLines(_ item: QueuedAction, blast measurement: BlastMeasurement?, width: Int) -> [StyledLine] {
        let action = item.action
        let assessment = item.assessment
        var lines: [StyledLine] = []
        func add(_ line: StyledLine) { lines += line.wrapped(width: width) }
        var facts = StyledLine(assessment.categories.map(\.rawValue).joined(separator: " · "), .category)
        facts.append(" · risk ", .textDim)
        facts.append(
            "\(RiskMarks.shape(assessment.risk)) \(RiskMarks.word(assessment.risk))", RiskMarks.role(assessment.risk))
        facts.append(" · hard floor ", .textDim)
        facts.append(assessment.isHardFloor ? "YES" : "no", assessment.isHardFloor ? .hardFloor : .textDim)
        add(facts)
        var why = StyledLine("why ", .textDim)
        why.append(item.reason, .text)
        why.append(" (\(item.source))", .textDim)
        add(why)
        lines += approvalLines(item, width: width)
        let groups = findingGroups(assessment.findings)
        for (finding, count) in groups.prefix(maximumFindings) {
            var line = StyledLine("• ", .textDim)
            line.append(RiskMarks.word(finding.risk) + " ", RiskMarks.role(finding.risk))
            line.append(finding.reason, .text)
            if count > 1 { line.append(" ×\(Numbers.grouped(count))", .text) }
            line.append(" [" + finding.categories.map(\.rawValue).joined(separator: ",") + "]", .category)
            if !finding.targets.isEmpty { line.append(" → " + finding.targets.joined(separator: " "), .textDim) }
            if finding.isUnsure { line.append(" (unsure)", .boundaryFuzzy) }
            add(line)
        }
        if groups.count > maximumFindings {
            let rest = groups.dropFirst(maximumFindings)
            let byRisk = Risk.allCases.reversed().compactMap { risk -> String? in
                let count = rest.filter { $0.finding.risk == risk }.reduce(0) { $0 + $1.count }
                return count == 0 ? nil : "\(Numbers.grouped(count)) \(RiskMarks.word(risk))"
            }
            add(
                StyledLine(
                    "+ \(Numbers.grouped(rest.count)) more kinds of finding, less or as risky (\(byRisk.joined(separator: ", ")))",
                    .textDim))
        }
        let radius = max(assessment.blastRadius, measurement?.blastRadius ?? assessment.blastRadius)
        var blast = StyledLine("blast radius ", .textDim)
        blast.append(
            RiskMarks.blastBar(radius) + " " + radius.name.replacingUnderscores, radius >= .external ? .riskHigh : .text
        )
        add(blast)
        if let measurement {
            for fact in measurement.facts { add(StyledLine("  " + fact, .text)) }
            for marker in measurement.productionMarkers { add(StyledLine("  production: " + marker, .riskCritical)) }
            for missing in measurement.notMeasured { add(StyledLine("  " + missing, .textDim)) }
        } else {
            add(StyledLine("  measuring…", .textDim))
        }
        for marker in assessment.productionMarkers { add(StyledLine("  production marker: " + marker, .riskCritical)) }
        var reversibility = StyledLine("reversibility ", .textDim)
        reversibility.append(
            assessment.reversibility.rawValue, assessment.reversibility == .irreversible ? .riskHigh : .text)
        if let rollback = assessment.rollback { reversibility.append(" · rollback: " + rollback, .textDim) }
        add(reversibility)
        if let session = action.session { add(StyledLine("session ", .textDim) + StyledLine(session, .text)) }
        if let cwd = action.cwd ?? action.workspaceRoot { add(StyledLine("cwd ", .textDim) + StyledLine(cwd, .text)) }
        if let root = action.workspaceRoot, root != action.cwd {
            add(StyledLine("workspace ", .textDim) + StyledLine(root, .text))
        }
        return lines
    }

    /// Findings listed before the rest are summarised in one line (a script of 300 commands
    /// would otherwise push its own text off the screen).
    static let maximumFindings = 8

    /// Equal findings once, with how often, riskiest first.
    static func findingGroups(_ findings: [Finding]) -> [(finding: Finding, count: Int)] {
        var groups: [(finding: Finding, count: Int)] = []
        for finding in findings {
            if let index = groups.firstIndex(where: { $0.finding == finding }) {
                groups[index].count += 1
            } else {
                groups.append((finding, 1))
            }
        }
        return groups.enumerated().sorted {
            $0.element.finding.risk != $1.element.finding.risk
                ? $0.element.finding.risk > $1.element.finding.risk : $0.offset < $1.offset
        }.map(\.element)
    }

    /// The change itself: the diff of an edit or write (a patch is its exact text).
    static func changeLines(_ action: Action, diff: [DiffPreview.Row]?, width: Int) -> [StyledLine] {
        switch action.kind {
        case .fileWrite(_, let content):
            let count = content.lineCount
            var lines = [StyledLine()]
            lines.append(StyledLine("writes \(Numbers.grouped(count)) line\(count == 1 ? "" : "s"):", .textDim))
            for row in diff ?? [] { lines += diffLines(row, width: width) }
            return lines
        case .fileEdit(_, let edits):
            var lines = [StyledLine()]
            lines.append(StyledLine("\(edits.count) replacement\(edits.count == 1 ? "" : "s"):", .textDim))
            for row in diff ?? [] { lines += diffLines(row, width: width) }
            return lines
        default:
            return []
        }
    }

    /// One diff row, wrapped: a long line continues under its sign instead of being cut.
    static func diffLines(_ row: DiffPreview.Row, width: Int) -> [StyledLine] {
        let (sign, text, role): (String, String, Role)
        switch row {
        case .hunk(let header): return StyledLine(header, .diffHunk).wrapped(width: width)
        case .note(let note): return StyledLine(note, .textDim).wrapped(width: width)
        case .omitted(let omission): return StyledLine(omission.text, .hardFloor).wrapped(width: width)
        case .line(.same(let line)): (sign, text, role) = (" ", line, .diffContext)
        case .line(.added(let line)): (sign, text, role) = ("+", line, .diffAdded)
        case .line(.removed(let line)): (sign, text, role) = ("-", line, .diffRemoved)
        }
        var wrapped = StyledLine.wrap(
            VisibleText.singleLine(text), width: width, role: role, firstPrefix: sign, prefix: " ")
        if !wrapped.isEmpty, !wrapped[0].spans.isEmpty { wrapped[0].spans[0].role = role }
        return wrapped
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
