import AirlockCore
import ArgumentParser
import Foundation

/// `airlock rules`: every rule the classifier can raise, from the program registry.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule Airlock's classifier can raise: id, category, risk, what it recognises, an example.",
        discussion: """
            Every finding `airlock check` prints names its rule. The same table, with the programs
            Airlock knows, is docs/programs.md.

            Examples:
              airlock rules
              airlock rules git
              airlock rules --json
            """
    )

    @Flag(help: "Print one JSON object per rule.")
    var json = false

    @Argument(help: "Show only rules whose id contains this text.")
    var filter: String?

    func run() throws {
        let rules = RuleCatalog.all.filter { rule in filter.map { rule.id.contains($0) } ?? true }
            .sorted { $0.id < $1.id }
        if json {
            for rule in rules {
                print(
                    Checker.encode([
                        "id": rule.id, "category": rule.category.rawValue, "risk": rule.risk.name,
                        "summary": rule.summary, "example": rule.example,
                    ]))
            }
            return
        }
        let width = min(rules.map(\.id.count).max() ?? 10, 40)
        for rule in rules {
            let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let risk = rule.risk.name.padding(toLength: 8, withPad: " ", startingAt: 0)
            print("\(id)  \(risk)  \(rule.category.rawValue): \(rule.summary)")
            print(String(repeating: " ", count: width + 12) + "e.g. \(HiddenCharacters.visible(rule.example))")
        }
        if rules.isEmpty { print("no rule matches \(filter ?? "")") }
    }
}
