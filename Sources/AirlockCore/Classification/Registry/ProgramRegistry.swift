/// The one table of what Airlock knows about programs (DESIGN §14). The shell analyser, pipe
/// analysis, file targets and exception scopes all ask it; `airlock rules` and
/// `docs/programs.md` are rendered from it.
public struct ProgramRegistry: Sendable {
    /// Every spec, in the order the catalog lists them.
    public let specs: [ProgramSpec]
    /// Rules that belong to no single program: paths, redirections, flows, files, MCP.
    public let coreRules: [Rule]
    private let byName: [String: ProgramSpec]
    private let suffixFamilies: [String: ProgramSpec]

    init(specs: [ProgramSpec], coreRules: [Rule]) {
        self.specs = specs
        self.coreRules = coreRules
        var byName: [String: ProgramSpec] = [:]
        byName.reserveCapacity(specs.count)
        var suffixFamilies: [String: ProgramSpec] = [:]
        for spec in specs {
            byName[spec.name] = spec
            if spec.matchesSuffixes { suffixFamilies[spec.name] = spec }
        }
        self.byName = byName
        self.suffixFamilies = suffixFamilies
    }

    /// The registry Airlock runs with.
    public static let shared: ProgramRegistry = {
        do {
            return try ProgramCatalog.builder().build()
        } catch {
            preconditionFailure("the program catalog is inconsistent: \(error)")
        }
    }()

    /// The spec for a program name as the shell resolves it (`git`, `mkfs.ext4`, `python3.12`).
    public func spec(for name: String) -> ProgramSpec? {
        if let spec = byName[name] { return spec }
        guard !suffixFamilies.isEmpty, let base = Self.familyBase(name) else { return nil }
        return suffixFamilies[base]
    }

    /// True when `argv` (wrappers peeled) only prints, looks up or reads: a data program without
    /// side effects, or a reader given no option that writes, runs code or edits in place.
    public func isPlainRead(_ argv: [String]) -> Bool {
        guard let name = argv.first else { return true }
        guard let spec = spec(for: name) else { return false }
        switch spec.role {
        case .data:
            return spec.handler == nil || name == "echo" || name == "printf" || name == "cd"
        case .reader:
            guard spec.handler == nil else { return false }
            let facts = spec.arguments
            if facts.hasNoEffects { return true }
            let parsed = facts.parse(Array(argv.dropFirst()))
            return !parsed.options.contains {
                facts.writes.contains($0.name) || facts.executes.contains($0.name) || facts.inPlace.contains($0.name)
                    || facts.runsCode.contains($0.name)
            }
        default:
            return false
        }
    }

    /// Every rule: each program's, then the core rules.
    public var rules: [Rule] { specs.flatMap(\.rules) + coreRules }


    /// `mkfs.ext4` → `mkfs`, `python3.12` → `python`, `gcc-13` → `gcc`, `pip3` → `pip`.
    static func familyBase(_ name: String) -> String? {
        var utf8 = Substring(name)
        if let dot = utf8.firstIndex(of: "."), dot != utf8.startIndex,
            !utf8[utf8.index(after: dot)...].allSatisfy({ $0.isNumber || $0 == "." })
        {
            return String(utf8[..<dot])
        }
        while let last = utf8.last, last.isNumber || last == "." { utf8 = utf8.dropLast() }
        if utf8.last == "-" { utf8 = utf8.dropLast() }
        guard !utf8.isEmpty, utf8.count < name.count else { return nil }
        return String(utf8)
    }
}
