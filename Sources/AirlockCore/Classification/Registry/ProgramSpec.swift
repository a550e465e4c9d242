/// Classifies one program's invocation with access to the analyser, for programs that run
/// other code (`find -exec`, `ssh host cmd`, `tar --to-command`).
typealias ProgramHandler = @Sendable (_ invocation: Invocation, _ analyzer: inout ShellAnalyzer, _ depth: Int) -> [Finding]

/// Everything Airlock knows about one program: its role, what its options mean, how it wraps
/// other commands, how to classify it, and the rules it can raise. One spec per name.
///
/// A class: the registry hands out references, so a lookup on the hot path copies nothing.
public final class ProgramSpec: Sendable {
    /// The name the shell runs (`git`); aliases are specs of their own built from one entry.
    public let name: String
    public let role: ProgramRole
    public let arguments: ArgumentFacts
    /// Set for wrappers, and for programs that wrap behind a subcommand (`uv run`).
    public let wrapper: WrapperGrammar?
    /// Set for interpreters.
    let language: InterpreterCode.Language?
    /// One line for `docs/programs.md`.
    public let summary: String
    /// Where it is listed in `docs/programs.md` ("Files", "Git", "Cloud and infra", …).
    public let section: String
    /// Also matches names that add a suffix: `mkfs.ext4`, `python3.12`, `gcc-13`.
    public let matchesSuffixes: Bool
    /// What it does with the paths its operands name (secrets are checked where it reads content).
    public let access: OperandAccess
    /// The rules its findings carry.
    public let rules: [Rule]
    /// Commands that show what it does: `airlock rules` derives the rules of handlers that name
    /// none from them (`<program>.<category>`), and `docs/programs.md` shows the first. Made on
    /// demand: a hook's cold start builds the registry and never needs them.
    public var examples: [String] { exampleSource() }
    let exampleSource: @Sendable () -> [String]
    /// For builds, tests, linters and installers: the files that decide what they run
    /// (`Classifier.runnerFiles`).
    let definedBy: RunnerDefinition?
    let handler: ProgramHandler?

    init(
        _ name: String, role: ProgramRole, section: String, summary: String, arguments: ArgumentFacts = .none,
        wrapper: WrapperGrammar? = nil, language: InterpreterCode.Language? = nil, matchesSuffixes: Bool = false,
        access: OperandAccess? = nil, rules: [Rule] = [], examples: [String] = [],
        exampleSource: (@Sendable () -> [String])? = nil, definedBy: RunnerDefinition? = nil,
        handler: ProgramHandler? = nil
    ) {
        self.name = name
        self.role = role
        self.section = section
        self.summary = summary
        self.arguments = arguments
        self.wrapper = wrapper
        self.language = language
        self.matchesSuffixes = matchesSuffixes
        self.access = access ?? OperandAccess.default(for: role)
        self.rules = rules
        self.exampleSource = exampleSource ?? { examples }
        self.definedBy = definedBy
        self.handler = handler
    }

    /// The same spec under another name (an alias such as `flyctl` for `fly`).
    func named(_ alias: String) -> ProgramSpec {
        ProgramSpec(
            alias, role: role, section: section, summary: summary, arguments: arguments, wrapper: wrapper,
            language: language, matchesSuffixes: matchesSuffixes, access: access, rules: [], examples: [],
            definedBy: definedBy, handler: handler)
    }

    /// The rule id a finding of `category` from this program carries when its handler named none.
    func defaultRule(for category: Category) -> String {
        name + "." + category.ruleSlug
    }
}

extension Category {
    /// The category as it appears in rule ids: `data_delete` → `data-delete`.
    var ruleSlug: String {
        // A literal per case: rule ids are built for every finding, so no string is rebuilt here.
        switch self {
        case .formatLint: "format-lint"
        case .fileWrite: "file-write"
        case .packageInstall: "package-install"
        case .remoteExec: "remote-exec"
        case .destructiveFS: "destructive-fs"
        case .vcsRewrite: "vcs-rewrite"
        case .dbMigration: "db-migration"
        case .dbWrite: "db-write"
        case .dataDelete: "data-delete"
        case .secretsAccess: "secrets-access"
        case .billingMoney: "billing-money"
        case .selfModification: "self-modification"
        case .processControl: "process-control"
        case .envPoisoning: "env-poisoning"
        case .testFile: "test-file"
        case .envFile: "env-file"
        case .productionConfig: "production-config"
        case .customerData: "customer-data"
        case .buildOutput: "build-output"
        case .agentConfig: "agent-config"
        case .outsideWorkspace: "outside-workspace"
        case .ciConfig: "ci-config"
        case .codeExecConfig: "code-exec-config"
        case .readLookup: "read-lookup"
        case .docSearch: "doc-search"
        case .commentWrite: "comment-write"
        case .statusChange: "status-change"
        case .fileWriteAPI: "file-write-api"
        case .secretAccess: "secret-access"
        case .productionDBWrite: "production-db-write"
        case .deployTrigger: "deploy-trigger"
        case .unknownWrite: "unknown-write"
        default: rawValue
        }
    }
}

/// What a program does with the files its operands name.
public enum OperandAccess: String, Sendable {
    /// Reads and shows their content (`cat`, `grep`, `cp` from, `tar`, `base64`): a secret there is read.
    case content
    /// Looks at names, sizes or hashes only (`ls`, `stat`, `wc`, `sha256sum`).
    case metadata
    /// Operands are not files, or the handler reads them itself (`echo`, `git`, `kill`, `cp`).
    case ignored
    /// Creates or changes them (`touch`, `mkdir`, `tee`).
    case written

    static func `default`(for role: ProgramRole) -> OperandAccess {
        switch role {
        case .data: .ignored
        case .writer: .written
        case .wrapper, .shell: .ignored
        default: .content
        }
    }
}
