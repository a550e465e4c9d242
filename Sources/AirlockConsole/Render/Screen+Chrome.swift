/// The header (counts, mode, broker), the status line (typing, countdowns, flashes) and the
/// footer of key hints made from the keymap.
extension Screen {
    static func drawHeader(_ canvas: inout Canvas, _ state: ConsoleState) {
        let width = canvas.size.columns
        let style = canvas.theme.style(.header)
        canvas.fill(Rect(column: 0, row: 0, width: width, height: 1), style: style)
        // The broker's state comes right after the count: it must survive a narrow pane.
        var x = canvas.write(
            " Airlock ─ \(state.queue.count) pending ─ ", column: 0, row: 0, limit: width - 8, style: style)
        let brokerText: String
        let brokerRole: Role
        switch state.broker {
        case .connected where state.store?.state == .degraded:
            (brokerText, brokerRole) = ("broker DEGRADED: store unreachable", .statusLost)
        case .connected: (brokerText, brokerRole) = ("broker ok", .statusOK)
        case .connecting: (brokerText, brokerRole) = ("broker connecting…", .statusLost)
        case .lost(let reason): (brokerText, brokerRole) = ("broker LOST: \(reason)", .statusLost)
        }
        x = canvas.write(brokerText, column: x, row: 0, limit: width - 8, style: canvas.theme.style(brokerRole))
        // Right after the broker: an agent refused with nobody asked must not go unseen.
        let denied = state.automaticDenials
        if denied > 0 {
            x = canvas.write(" ─ ", column: x, row: 0, limit: width - 8, style: style)
            var deniedStyle = canvas.theme.style(.decisionDeny)
            deniedStyle.background = style.background
            x = canvas.write("\(denied) denied (R)", column: x, row: 0, limit: width - 8, style: deniedStyle)
        }
        var parts: [String] = []
        if !state.filterText.isEmpty { parts.append("\(state.queue.visibleCount) shown") }
        if !state.marked.isEmpty { parts.append("\(state.marked.count) marked") }
        let exceptionCount = state.activeExceptions.count
        parts.append("\(exceptionCount) exception\(exceptionCount == 1 ? "" : "s")")
        parts.append("mode \(state.mode?.rawValue ?? "?")")
        canvas.write(" ─ " + parts.joined(separator: " ─ "), column: x, row: 0, limit: width - 8, style: style)
        canvas.writeRight("? help ", row: 0, limit: width, style: style)
    }

    static func drawStatusLine(_ canvas: inout Canvas, _ state: ConsoleState, row: Int) {
        let width = canvas.size.columns
        let input = canvas.theme.style(.input)
        var line = StyledLine()
        switch state.interaction {
        case .filtering:
            line.append(" filter: ", .key)
            line.spans.append(.init(text: VisibleText.singleLine(state.filterText + "▏"), role: .input))
            line.append("  Enter keeps · Esc clears", .textDim)
        case .denying(let ids, let reason):
            line.append(
                " deny \(ids.count == 1 ? "this action" : "\(ids.count) actions") — reason for the agent: ",
                .decisionDeny)
            line.spans.append(.init(text: VisibleText.singleLine(reason + "▏"), role: .input))
            line.append("  Enter sends · Esc backs out", .textDim)
        case .confirmingHardFloor(let ids, let typed):
            line.append(
                " HARD FLOOR: type “\(Interaction.confirmationWord)” to approve \(ids.count == 1 ? "it" : "all \(ids.count)"): ",
                .hardFloor)
            line.spans.append(.init(text: VisibleText.singleLine(typed + "▏"), role: .input))
            line.append("  Esc cancels", .textDim)
        case .enteringPassphrase(let request, _, let typed):
            if case .trust = request {
                line.append(" passphrase to trust the repository (asked again: trust loosens Airlock): ", .hardFloor)
            } else {
                line.append(" passphrase to approve (asked again for high risk): ", .hardFloor)
            }
            line.spans.append(
                .init(text: VisibleText.singleLine(String(repeating: "•", count: typed.count) + "▏"), role: .input))
            line.append("  Enter sends · Esc cancels", .textDim)
        case .vetoCountdown(let ids, let sendAt):
            let left = Durations.countdown(sendAt.timeIntervalSince(state.now))
            line.append(
                " approving \(ids.count == 1 ? "hard-floor action" : "\(ids.count) actions") in \(left) — Esc cancels",
                .countdown)
        case .recent(let view) where view.isFiltering:
            line.append(" filter decisions: ", .key)
            line.spans.append(.init(text: VisibleText.singleLine(view.filter + "▏"), role: .input))
            line.append("  Enter keeps · Esc clears", .textDim)
        default:
            if let flash = state.flash {
                line.append(" " + flash.text, flash.isError ? .flashError : .flashInfo)
            } else if !state.filterText.isEmpty {
                line.append(" filter “\(state.filterText)” · Esc clears", .textDim)
            } else if let first = state.rejectedExceptions.first {
                let more = state.rejectedExceptions.count > 1 ? " (and \(state.rejectedExceptions.count - 1) more)" : ""
                line.append(
                    " store: \(first.subject) refused: \(first.reason)\(more) — airlock status", .flashError)
            }
        }
        _ = input
        line.draw(on: &canvas, column: 0, row: row, limit: width)
    }

    static func drawFooter(_ canvas: inout Canvas, _ state: ConsoleState, row: Int) {
        let width = canvas.size.columns
        var x = 1
        for binding in Keymap.footer(for: state.interaction.keyContext) {
            let entryWidth = DisplayWidth.of(binding.keyLabel) + DisplayWidth.of(binding.name) + 3
            guard x + entryWidth <= width else { break }
            x = canvas.write(
                binding.keyLabel, column: x, row: row, limit: width,
                style: canvas.theme.style(binding.isDangerous ? .keyDangerous : .key))
            x = canvas.write(
                " " + binding.name + "  ", column: x, row: row, limit: width, style: canvas.theme.style(.textDim))
        }
    }
}
