/// Every rule Airlock can raise, for `airlock rules` and `docs/programs.md`: the rules the
/// registry names, plus one per program and category for handlers that name none
/// (`aws.data-delete`), derived by classifying that program's examples.
public enum RuleCatalog {
    /// Built once, on first use (it classifies a few thousand example commands).
    public static let all: [Rule] = build(registry: .shared)

    /// Where the derived examples are classified: a workspace inside a home.
    static let exampleContext = ClassificationContext(
        cwd: "/home/dev/project", workspaceRoot: "/home/dev/project", host: HostFacts(home: "/home/dev"))

    /// Subcommand words tried on every program beside its own examples.
    private static let probeVerbs = [
        "", "--help", "list", "get x", "describe x", "create x", "update x", "delete x", "rm x", "remove x",
        "apply", "deploy", "run x", "exec x", "test", "build", "install x", "publish", "destroy", "push",
        "secrets get x", "login", "start", "stop x", "x --force", "config set x y",
    ]

    static func build(registry: ProgramRegistry) -> [Rule] {
        let named = registry.rules
        var known = Set(named.map(\.id))
        var derived: [Rule] = []
        for spec in registry.specs {
            let prefix = spec.name + "."
            var seen: [String: Int] = [:]
            let probes = spec.examples + (TableExamples.examples[spec.name] ?? [])
                + probeVerbs.map({ $0.isEmpty ? spec.name : spec.name + " " + $0 })
            for probe in probes {
                let assessment = Classifier.assess(command: probe, context: exampleContext)
                for finding in assessment.findings where finding.rule.hasPrefix(prefix) && !known.contains(finding.rule) {
                    if let index = seen[finding.rule] {
                        // The rule's risk is the highest its examples show.
                        if finding.risk > derived[index].risk {
                            derived[index] = Rule(
                                finding.rule, derived[index].category, finding.risk, derived[index].summary,
                                example: probe)
                        }
                        continue
                    }
                    let category = finding.categories.first ?? .unknown
                    seen[finding.rule] = derived.count
                    derived.append(
                        Rule(finding.rule, category, finding.risk, "\(spec.name): \(category.summary)", example: probe))
                }
            }
            for id in seen.keys { known.insert(id) }
        }
        return named + derived
    }

    /// The rule with this id. A program's `<program>.<category>` id that no example showed is
    /// described from the program and the category.
    public static func rule(_ id: String) -> Rule? {
        if let rule = index[id] { return rule }
        guard let dot = id.lastIndex(of: "."), let spec = ProgramRegistry.shared.spec(for: String(id[..<dot])),
            let category = Category.allCases.first(where: { $0.ruleSlug == id[id.index(after: dot)...] })
        else { return nil }
        return Rule(
            id, category, .medium, "\(spec.name): \(category.summary)", example: spec.examples.first ?? spec.name)
    }

    private static let index: [String: Rule] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
}
