/// One thing the classifier recognised in an action, with what it means.
///
/// An action's assessment is the combination of its findings: the union of categories and
/// the worst risk, blast radius and reversibility.
public struct Finding: Codable, Sendable, Equatable {
    public var categories: [Category]
    public var risk: Risk
    public var blastRadius: BlastRadius
    public var reversibility: Reversibility
    /// A short phrase naming what was recognised, e.g. "rm -rf on a workspace directory".
    public var reason: String
    /// The paths, hosts or resources it touches, as written.
    public var targets: [String]
    /// True when the classifier could not see what will really run.
    public var isUnsure: Bool
    /// How to undo it, when there is a way ("git checkout -- src/").
    public var rollback: String?
    /// The stable id of the rule that recognised it (`git.reset-hard`); `airlock rules` lists them.
    public var rule: String

    public init(
        _ categories: [Category], risk: Risk, blast: BlastRadius,
        reversibility: Reversibility = .reversible, reason: String, targets: [String] = [],
        isUnsure: Bool = false, rollback: String? = nil, rule: String = ""
    ) {
        self.categories = categories
        self.risk = risk
        self.blastRadius = blast
        self.reversibility = reversibility
        self.reason = reason
        self.targets = targets
        self.isUnsure = isUnsure
        self.rollback = rollback
        self.rule = rule
    }

    /// The same finding under another rule id.
    public func ruled(_ id: String) -> Finding {
        var copy = self
        copy.rule = id
        return copy
    }
}
