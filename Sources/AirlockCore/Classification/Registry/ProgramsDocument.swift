/// Renders the registry as `docs/programs.md`: one table a reviewer audits. A test keeps the
/// checked-in file equal to this (`AIRLOCK_REGENERATE_DOCS=1 swift test --filter ProgramsDoc`).
public enum ProgramsDocument {
    public static func markdown(registry: ProgramRegistry = .shared, rules: [Rule] = RuleCatalog.all) -> String {
        var lines = [
            "# Programs Airlock knows",
            "",
            "Generated from the program registry (`Sources/AirlockCore/Classification/Registry/` and",
            "`Classification/Programs/`); do not edit by hand. Regenerate with",
            "`AIRLOCK_REGENERATE_DOCS=1 swift test --filter ProgramsDoc`.",
            "",
            "\(registry.specs.count) program names, \(rules.count) rules. A program's **role** is what the",
            "analyses that need only its kind use (pipes, file targets, exception scopes): *data* (arguments",
            "are only text), *reader* (reads the files named), *writer* (writes them), *wrapper* (runs another",
            "command, peeled by one unwrapping routine), *shell*, *interpreter*, *fetcher* (its output comes",
            "from the network), *decoder* (its output hides what went in), *custom* (its own handler).",
            "A program not listed here is `unknown`: a human decides.",
            "",
        ]
        var sections: [String] = []
        var bySection: [String: [ProgramSpec]] = [:]
        for spec in registry.specs {
            if bySection[spec.section] == nil { sections.append(spec.section) }
            bySection[spec.section, default: []].append(spec)
        }
        for section in sections {
            lines += ["## \(section)", "", "| programs | role | what it does | options that matter | example |", "|---|---|---|---|---|"]
            // Programs that share a role, a summary and option facts share a row.
            var rows: [(key: String, names: [String], spec: ProgramSpec)] = []
            // By name, so the page does not change with the order the catalog registers in.
            for spec in (bySection[section] ?? []).sorted(by: { $0.name < $1.name }) {
                let key = "\(spec.role.rawValue)|\(spec.summary)|\(options(spec))"
                if let index = rows.firstIndex(where: { $0.key == key }) {
                    rows[index].names.append(spec.name)
                } else {
                    rows.append((key, [spec.name], spec))
                }
            }
            for row in rows {
                let names = row.names.map { "`\(escape($0))`" }.joined(separator: ", ")
                let example = row.names.lazy.compactMap { name in
                    registry.spec(for: name)?.examples.first ?? TableExamples.examples[name]?.first
                }.first
                    ?? row.spec.rules.first?.example ?? ""
                lines.append(
                    "| \(names) | \(row.spec.role.rawValue) | \(escape(row.spec.summary)) | \(escape(options(row.spec))) | "
                        + (example.isEmpty ? "" : "`\(escape(example))`") + " |")
            }
            lines.append("")
        }
        lines += [
            "## Rules",
            "",
            "Every finding carries one of these ids (`airlock check` shows it; `airlock rules` lists them).",
            "Rules named `<program>.<category>` belong to programs whose subcommand tables decide.",
            "",
            "| rule | category | risk | what it recognises | example |",
            "|---|---|---|---|---|",
        ]
        for rule in rules.sorted(by: { $0.id < $1.id }) {
            lines.append(
                "| `\(rule.id)` | \(rule.category.rawValue) | \(rule.risk.name) | \(escape(rule.summary)) | `\(escape(rule.example))` |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The option facts worth a reviewer's eye: what writes, runs code, edits in place, wraps.
    static func options(_ spec: ProgramSpec) -> String {
        var parts: [String] = []
        let facts = spec.arguments
        if !facts.writes.isEmpty { parts.append("writes: " + facts.writes.sorted().joined(separator: " ")) }
        if !facts.executes.isEmpty { parts.append("runs: " + facts.executes.sorted().joined(separator: " ")) }
        if !facts.inPlace.isEmpty { parts.append("in place: " + facts.inPlace.sorted().joined(separator: " ")) }
        if !facts.runsCode.isEmpty { parts.append("runs code: " + facts.runsCode.sorted().joined(separator: " ")) }
        if !facts.credentials.isEmpty { parts.append("uses a key: " + facts.credentials.sorted().joined(separator: " ")) }
        if let wrapper = spec.wrapper {
            var wraps = "wraps"
            if !wrapper.subcommands.isEmpty { wraps += " after " + wrapper.subcommands.sorted().joined(separator: "/") }
            if !wrapper.scriptOptions.isEmpty { wraps += "; shell code: " + wrapper.scriptOptions.sorted().joined(separator: " ") }
            if wrapper.effect != .none { wraps += " (\(wrapper.effect.rawValue))" }
            parts.append(wraps)
        }
        return parts.joined(separator: "; ")
    }

    private static func escape(_ text: String) -> String {
        String(text.flatMap { character -> [Character] in
            switch character {
            case "|": return ["\\", "|"]
            case "\n": return [" "]
            case "`": return ["'"]
            default: return [character]
            }
        })
    }
}
