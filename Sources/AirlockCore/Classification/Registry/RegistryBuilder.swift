/// Assembles the registry and refuses an inconsistent one: a name given twice (two tables
/// that disagree about a program, which a dictionary merge would silently resolve), a rule
/// id given twice, a wrapper without a grammar, an interpreter without a language.
public struct RegistryBuilder: Sendable {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case duplicateName(String)
        case duplicateRule(String)
        case wrapperWithoutGrammar(String)
        case interpreterWithoutLanguage(String)
        case definitionWithoutProgram(String)

        public var description: String {
            switch self {
            case .duplicateName(let name): "the program \(name) is listed twice"
            case .duplicateRule(let id): "the rule id \(id) is used twice"
            case .wrapperWithoutGrammar(let name): "the wrapper \(name) has no grammar"
            case .interpreterWithoutLanguage(let name): "the interpreter \(name) has no language"
            case .definitionWithoutProgram(let name): "definition files are listed for \(name), which no spec names"
            }
        }
    }

    private var specs: [ProgramSpec] = []
    private var coreRules: [Rule] = []
    private var definitions: [String: RunnerDefinition] = [:]

    public init() {}

    /// Adds a program; aliases become specs of their own sharing its behaviour.
    mutating func add(_ spec: ProgramSpec, aliases: [String] = []) {
        specs.append(spec)
        for alias in aliases { specs.append(spec.named(alias)) }
    }

    /// Adds programs that share one spec shape, one per name (`cat`, `head`, `tail`, …).
    mutating func add(_ names: [String], _ make: (String) -> ProgramSpec) {
        for name in names { specs.append(make(name)) }
    }

    /// Adds rules that belong to no single program.
    public mutating func addCoreRules(_ rules: [Rule]) {
        coreRules += rules
    }

    /// Attaches the files that define what a program's steps run, by program name.
    mutating func define(_ table: [String: RunnerDefinition]) {
        definitions.merge(table) { _, new in new }
    }

    /// The registry, or the first problem found.
    public func build() throws(Problem) -> ProgramRegistry {
        // One pass over the specs (every hook's cold start runs this): names indexed, checked.
        var specs = specs
        var index: [String: Int] = [:]
        index.reserveCapacity(specs.count)
        var ruleIDs = Set<String>(minimumCapacity: 1024)
        for (position, spec) in specs.enumerated() {
            guard index.updateValue(position, forKey: spec.name) == nil else { throw .duplicateName(spec.name) }
            if spec.role == .wrapper, spec.wrapper == nil { throw .wrapperWithoutGrammar(spec.name) }
            if spec.role == .interpreter, spec.language == nil { throw .interpreterWithoutLanguage(spec.name) }
            for rule in spec.rules {
                guard ruleIDs.insert(rule.id).inserted else { throw .duplicateRule(rule.id) }
            }
        }
        for rule in coreRules {
            guard ruleIDs.insert(rule.id).inserted else { throw .duplicateRule(rule.id) }
        }
        for name in definitions.keys.sorted() {
            guard let position = index[name], let definition = definitions[name] else {
                throw .definitionWithoutProgram(name)
            }
            specs[position] = specs[position].defined(by: definition)
        }
        return ProgramRegistry(specs: specs, coreRules: coreRules)
    }
}
