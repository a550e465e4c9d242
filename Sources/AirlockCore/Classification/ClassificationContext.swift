/// Where an action runs: its working directory, the workspace, and facts about the host.
public struct ClassificationContext: Sendable, Equatable {
    public var cwd: String? {
        didSet { if workspaceRoot?.hasPrefix("/") == false { anchors = PathAnchors(self) } }
    }
    public var workspaceRoot: String? {
        didSet { anchors = PathAnchors(self) }
    }
    public var host: HostFacts {
        didSet { anchors = PathAnchors(self) }
    }
    /// The workspace root, home and Airlock paths normalised once, not once per path classified.
    private(set) var anchors: PathAnchors

    public init(cwd: String? = nil, workspaceRoot: String? = nil, host: HostFacts = HostFacts()) {
        self.cwd = cwd
        self.workspaceRoot = workspaceRoot ?? cwd
        self.host = host
        self.anchors = PathAnchors(cwd: cwd, workspaceRoot: workspaceRoot ?? cwd, host: host)
    }

    public func classify(path: String) -> PathClass {
        PathClassifier.classify(path, cwd: cwd, workspaceRoot: workspaceRoot, host: host, anchors: anchors)
    }

    /// Where `path` is, and whether it is a secret or Airlock's own, with the reason and risk
    /// that go with them (`PathClassifier`'s `secretsOnly`): the content classes (`ciConfig`,
    /// `productionConfig`, `testFile`, …) are not looked for. For operands a program reads and
    /// paths it deletes, checked for nearly every command.
    func classifySecrets(path: String) -> PathClass {
        PathClassifier.classify(
            path, cwd: cwd, workspaceRoot: workspaceRoot, host: host, anchors: anchors, secretsOnly: true)
    }
}

/// The fixed points every path is compared with, normalised. A class: contexts are copied for
/// every command, and one reference costs less to copy than the arrays inside.
final class PathAnchors: Sendable, Equatable {
    let root: NormalisedPath?
    let home: NormalisedPath?
    let airlock: [NormalisedPath]

    init(cwd: String?, workspaceRoot: String?, host: HostFacts) {
        root = workspaceRoot.map { NormalisedPath($0, base: cwd, home: host.home) }
        home = host.home.map { NormalisedPath($0, base: nil, home: nil) }
        airlock = host.airlockPaths.filter { !$0.isEmpty }.map { NormalisedPath($0, base: nil, home: host.home) }
    }

    convenience init(_ context: ClassificationContext) {
        self.init(cwd: context.cwd, workspaceRoot: context.workspaceRoot, host: context.host)
    }

    static func == (lhs: PathAnchors, rhs: PathAnchors) -> Bool {
        lhs === rhs || (lhs.root == rhs.root && lhs.home == rhs.home && lhs.airlock == rhs.airlock)
    }
}
