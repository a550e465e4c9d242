import Foundation
import Testing

@testable import AirlockCore

/// The program registry: one spec per name, a builder that refuses inconsistency, and rules
/// whose examples really raise them.
struct RegistryTests {
    /// The slug table is written out for speed; it must say what the raw value says.
    @Test func ruleSlugsAreTheRawValuesWithDashes() {
        for category in Category.allCases {
            #expect(category.ruleSlug == category.rawValue.replacingOccurrences("_", with: "-"), "\(category)")
        }
    }

    static let context = RuleCatalog.exampleContext

    @Test func theBuilderRefusesADuplicateName() {
        var builder = RegistryBuilder()
        builder.add(ProgramSpec("cat", role: .reader, section: "a", summary: "reads"))
        builder.add(ProgramSpec("cat", role: .data, section: "b", summary: "prints"))
        #expect(throws: RegistryBuilder.Problem.duplicateName("cat")) { try builder.build() }
    }

    @Test func theBuilderRefusesADuplicateAlias() {
        var builder = RegistryBuilder()
        builder.add(ProgramSpec("fly", role: .custom, section: "a", summary: "x"), aliases: ["flyctl"])
        builder.add(ProgramSpec("flyctl", role: .custom, section: "a", summary: "y"))
        #expect(throws: RegistryBuilder.Problem.duplicateName("flyctl")) { try builder.build() }
    }

    @Test func theBuilderRefusesADuplicateRuleID() {
        var builder = RegistryBuilder()
        let rule = Rule("x.y", .read, .low, "reads", example: "x")
        builder.add(ProgramSpec("x", role: .custom, section: "a", summary: "x", rules: [rule]))
        builder.addCoreRules([rule])
        #expect(throws: RegistryBuilder.Problem.duplicateRule("x.y")) { try builder.build() }
    }

    @Test func theBuilderRefusesAWrapperWithoutAGrammarAndAnInterpreterWithoutALanguage() {
        var wrapper = RegistryBuilder()
        wrapper.add(ProgramSpec("w", role: .wrapper, section: "a", summary: "runs"))
        #expect(throws: RegistryBuilder.Problem.wrapperWithoutGrammar("w")) { try wrapper.build() }
        var interpreter = RegistryBuilder()
        interpreter.add(ProgramSpec("py", role: .interpreter, section: "a", summary: "runs"))
        #expect(throws: RegistryBuilder.Problem.interpreterWithoutLanguage("py")) { try interpreter.build() }
    }

    /// The real catalog builds (the builder would stop Airlock at start-up otherwise).
    @Test func theCatalogBuildsAndNamesEveryProgramOnce() throws {
        let registry = try ProgramCatalog.builder().build()
        let names = registry.specs.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.count > 700)
        for spec in registry.specs {
            #expect(!spec.summary.isEmpty, "\(spec.name)")
            if spec.role == .wrapper { #expect(spec.wrapper != nil, "\(spec.name)") }
        }
    }

    @Test(arguments: [
        ("python3.12", "python"), ("mkfs.ext4", "mkfs"), ("ruby3.2", "ruby"), ("perl5.36", "perl"), ("fsck.vfat", "fsck"),
    ])
    func suffixedNamesFindTheirFamily(name: String, family: String) {
        #expect(ProgramRegistry.shared.spec(for: name)?.name == family)
    }

    @Test func unknownNamesAreNotGuessed() {
        for name in ["foo.py", "deploy.sh", "x11", "frobnicate"] {
            #expect(ProgramRegistry.shared.spec(for: name) == nil, "\(name)")
        }
    }

    /// Every rule's example, classified, raises that rule.
    @Test func everyRuleExampleRaisesItsRule() {
        var checked = 0
        for rule in RuleCatalog.all {
            guard let action = RuleExample.action(rule.example) else { continue }
            let assessment = Classifier.assess(action, host: Self.context.host)
            let rules = assessment.findings.map(\.rule)
            #expect(rules.contains(rule.id), "\(rule.id): `\(rule.example)` raised \(rules)")
            checked += 1
        }
        #expect(checked > 300)
    }

    @Test func ruleIDsAreUniqueAndWellFormed() {
        let ids = RuleCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.contains("."), "\(id)")
            #expect(!id.contains(" ") && id == id.lowercased() || id.first?.isUppercase == true, "\(id)")
        }
    }

    /// Every finding a classified command yields carries a rule id that `airlock rules` lists.
    @Test func everyFindingCarriesAListedRule() throws {
        let commands =
            ShellClassifierTests.dangerous.map(\.command) + ShellClassifierTests.harmless.map(\.command)
            + ClassTable.cases.map(\.command) + (try CorpusTests.loadCases().map(\.command))
            + InfraCase.infra.map { $0.argv.joined(separator: " ") } + InfraCase.services.map { $0.argv.joined(separator: " ") }
        var missing: [String: String] = [:]
        for command in commands {
            for finding in Classifier.assess(command: command, context: Self.context).findings
            where finding.rule.isEmpty || RuleCatalog.rule(finding.rule) == nil {
                missing[finding.rule] = command
            }
        }
        #expect(missing.isEmpty, "rules not in the catalog: \(missing.sorted { $0.key < $1.key }.prefix(20))")
    }
}

/// Turns a rule's example text into the action it describes.
enum RuleExample {
    static func action(_ example: String) -> Action? {
        let context = RuleCatalog.exampleContext
        func action(_ kind: Action.Kind) -> Action {
            Action(cwd: context.cwd, workspaceRoot: context.workspaceRoot, kind: kind)
        }
        if example.hasPrefix("(") { return nil }
        if example.hasPrefix("read: ") { return action(.fileRead(path: String(example.dropFirst(6)))) }
        if example.hasPrefix("web: ") { return action(.web(url: String(example.dropFirst(5)))) }
        if example.hasPrefix("patch: ") {
            return action(.patch(text: String(example.dropFirst(7)).replacingOccurrences("\\n", with: "\n")))
        }
        if example.hasPrefix("write: ") {
            let rest = example.dropFirst(7)
            let path = rest.prefix { $0 != " " }
            return action(.fileWrite(path: String(path), content: String(rest.dropFirst(path.count))))
        }
        if example.hasPrefix("mcp: ") {
            let parts = example.dropFirst(5).split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count >= 2 else { return nil }
            let arguments = parts.count > 2 ? (try? JSONValue.parse(Array(parts[2].utf8))) ?? .object([:]) : .object([:])
            return action(.mcp(MCPCall(server: parts[0], tool: parts[1], arguments: arguments)))
        }
        return action(.shell(command: example))
    }
}
