/// What approving an action takes, from the trusted policy's `[[require]]` tables: how many
/// distinct people, of which group, and whether the person whose agent submitted it counts.
/// Every requirement that matches an action applies (all must be met); an action no
/// requirement matches needs one approval by any reviewer the broker accepts, as without a
/// `reviewers` section.
public struct ApprovalRequirement: Equatable, Sendable {
    /// Which actions: any of `scopes` (like allow and deny rules), or any hard-floor action.
    public var scopes: [Scope]
    public var hardFloor: Bool
    /// Distinct people who must approve (at least 1).
    public var approvals: Int
    /// Only members of this group count, when set.
    public var group: String?
    /// The person whose agent submitted the action does not count.
    public var notOwnAgent: Bool
    /// Where it was written (`policy.toml:12`), for messages.
    public var id: String

    public init(
        scopes: [Scope] = [], hardFloor: Bool = false, approvals: Int = 1, group: String? = nil,
        notOwnAgent: Bool = false, id: String = ""
    ) {
        self.scopes = scopes
        self.hardFloor = hardFloor
        self.approvals = max(1, approvals)
        self.group = group
        self.notOwnAgent = notOwnAgent
        self.id = id
    }

    /// Whether the requirement applies. Broad where allow rules are narrow (`Scope.covers`):
    /// a requirement only makes approving harder, so it applies when *any* command of the line,
    /// any category, or any path it names matches, whatever else the line does.
    public func covers(_ action: Action, _ assessment: Assessment) -> Bool {
        if hardFloor, assessment.categories.contains(where: \.isHardFloor) { return true }
        return scopes.contains { Self.touches($0, action, assessment) }
    }

    static func touches(_ scope: Scope, _ action: Action, _ assessment: Assessment) -> Bool {
        switch scope {
        case .category(let category):
            return assessment.categories.contains(category)
        case .commandPrefix(let prefix):
            guard case .shell(let command) = action.kind, let program = prefix.first else { return false }
            let named = assessment.commands.contains { argv in
                guard let first = argv.first else { return false }
                return baseName(first) == baseName(program) && argv.dropFirst().starts(with: prefix.dropFirst())
            }
            // A line the parser could not take apart is judged by its words.
            return named || (assessment.commands.isEmpty && command.contains(prefix.joined(separator: " ")))
        case .paths(let globs):
            guard let paths = action.filePaths else { return false }
            return paths.contains { path in
                let normalised = PathClassifier.resolve(path, cwd: nil, host: HostFacts())
                return globs.contains { Glob.matches($0, normalised) }
            }
        case .mcpTool, .exactAction:
            return scope.covers(action, assessment)
        }
    }

    private static func baseName(_ word: String) -> Substring {
        word.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(word)
    }
}
