import AirlockCore

/// The one-screen text form of `airlock doctor`: the five boundaries with reasons and fixes, the
/// mode, hook health, the MCP inventory, broker and store.
extension DoctorReport {
    var text: String {
        var lines = ["airlock doctor: \(workspace)", ""]
        for boundary in boundaries {
            let mark =
                switch boundary.state {
                case .clear: "ok   "
                case .fuzzy: "FUZZY"
                case .open: "OPEN "
                }
            let title = boundary.kind.rawValue.replacingOccurrences(of: "_", with: " ")
            lines.append("\(mark) \(title)")
            for reason in boundary.reasons { lines.append("        \(reason)") }
            // The one thing that would clear it first, then the other fixes.
            if let next = boundary.nextStep { lines.append("        to clear it: \(next)") }
            for fix in boundary.fixes where fix != boundary.nextStep { lines.append("        also: \(fix)") }
        }
        lines.append("")
        let mode = effectiveMode.map(\.rawValue) ?? "stop: only low-risk reads pass"
        lines.append("mode     \(mode) (chosen \(chosenMode.rawValue); recommendation \(recommendation.rawValue))")
        if !isTrusted {
            lines.append(
                "trust    not trusted: reads run, the rest asks you; after inspecting it: airlock trust \(workspace)")
        }

        let relevant = hooks.filter { $0.isInstalled || !$0.notes.isEmpty }
        if relevant.isEmpty {
            lines.append("hooks    none installed: airlock install <claude|codex|cursor|gemini|copilot>")
        } else {
            for hook in relevant {
                var line = "hook     \(hook.harness) \(hook.path): "
                line += hook.isInstalled ? "installed, \(hook.timeout ?? "no timeout")" : "not installed"
                if hook.isInstalled && !hook.isTimeoutLongEnough { line += " (TOO SHORT)" }
                lines.append(line)
                for note in hook.notes { lines.append("           \(note)") }
            }
        }

        if mcpServers.isEmpty { lines.append("mcp      no servers configured") }
        for server in mcpServers {
            var line = "mcp      \(server.name) (\(server.harness), \(server.transport)): "
            if server.isDisabled {
                line += "disabled"
            } else if server.isInventoried {
                let classes = Dictionary(grouping: server.tools.flatMap(\.categories), by: \.rawValue)
                    .map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", ")
                line += "\(server.tools.count) tools" + (classes.isEmpty ? "" : " (\(classes))")
            } else {
                line += server.isBehindAirlock ? "behind airlock mcp, not inventoried yet" : "NOT inventoried"
            }
            lines.append(line)
        }

        lines.append(
            broker.isRunning
                ? "broker   running on \(broker.socket) (mode \(broker.mode ?? "?"))"
                : "broker   not running (\(broker.socket)): start it with airlock serve")
        if let team = broker.teamStore { lines.append("team     \(team)") }
        for rejected in broker.rejectedExceptions ?? [] {
            lines.append("store    REFUSED \(rejected.subject): \(rejected.reason)")
        }
        switch store.state {
        case "verified": lines.append("store    decision log intact (\(store.records ?? 0) records)")
        case "missing": lines.append("store    none yet: airlock serve creates it")
        default: lines.append("store    BROKEN: \(store.detail ?? "")")
        }
        lines.append("deploy   \(deployment.summary)")
        for check in deployment.checks {
            var line = "         \(check.isMet ? "ok  " : "NO  ") \(check.name): \(check.detail)"
            if !check.isMet, let fix = check.fix { line += " (fix: \(fix))" }
            lines.append(line)
        }
        for problem in problems { lines.append("problem  \(problem)") }
        return lines.joined(separator: "\n")
    }
}
