import AirlockCore

/// The confirmation before `w` trusts a repository: which one, where it came from, and what
/// its mode becomes.
extension Screen {
    static func drawTrustDraft(_ canvas: inout Canvas, _ state: ConsoleState, _ draft: TrustDraft, in rect: Rect) {
        let inside = canvas.box(rect, title: "Trust this repository?", focused: true)
        let width = inside.width - 1
        let chosen = state.mode ?? .workspaceEdit
        var lines: [StyledLine] = []
        lines += (StyledLine("repository ", .textDim) + StyledLine(draft.workspace, .command)).wrapped(width: width)
        let remote = draft.report.map { $0.remote ?? "none: you are its only witness" } ?? "not measured yet"
        lines += (StyledLine("remote     ", .textDim) + StyledLine(remote, .text)).wrapped(width: width)
        if let report = draft.report {
            let now = report.recommendation.effectiveMode(chosen: chosen)
            let after = (report.recommendationIfTrusted ?? report.recommendation).effectiveMode(chosen: chosen)
            lines += modeLine("now        ", now).wrapped(width: width, indent: 11)
            lines += modeLine("after      ", after).wrapped(width: width, indent: 11)
            let other = report.boundaries.filter { $0.kind != .repositoryTrust && $0.state != .clear }
            if !other.isEmpty {
                let names = other.map { "\(boundaryName($0.kind)) \($0.state.rawValue)" }.joined(separator: ", ")
                lines += StyledLine("still not clear: \(names) (airlock doctor)", .textDim).wrapped(width: width)
            }
        } else {
            lines.append(
                StyledLine("its boundaries are being measured; trusting it takes it out of read-only", .textDim))
        }
        lines += StyledLine(
            "Written to the trusted list and logged under \(state.configuration.reviewer). Actions already "
                + "waiting stay for you to decide.", .textDim
        ).wrapped(width: width)
        lines.append(StyledLine("y trusts it · Esc backs out", .key))
        for (offset, line) in lines.prefix(inside.height).enumerated() {
            line.draw(on: &canvas, column: inside.column + 1, row: inside.row + offset, limit: inside.right)
        }
    }

    static func modeLine(_ label: String, _ mode: Mode?) -> StyledLine {
        let (word, role, what): (String, Role, String) =
            switch mode {
            case .readOnly?:
                ("read-only", .boundaryFuzzy, "reads run; every edit, test, install and network call asks you")
            case .workspaceEdit?:
                (
                    "workspace-edit", .boundaryClear,
                    "edits inside it run; tests, installs, network and destructive commands ask you"
                )
            case .autoLoop?: ("auto-loop", .boundaryClear, "edits, format, lint, test and build run; the rest asks you")
            case nil: ("STOP", .boundaryOpen, "an open boundary: only low-risk reads pass until it is fixed")
            }
        return StyledLine(label, .textDim) + StyledLine(word, role) + StyledLine(" — " + what, .text)
    }
}
