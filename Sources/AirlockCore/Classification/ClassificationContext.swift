/// Where an action runs, for resolving the paths it names.
public struct ClassificationContext: Sendable, Equatable {
    public var cwd: String?
    public var workspaceRoot: String?
    public var host: HostFacts

    public init(cwd: String? = nil, workspaceRoot: String? = nil, host: HostFacts = HostFacts()) {
        self.cwd = cwd
        self.workspaceRoot = workspaceRoot ?? cwd
        self.host = host
    }

    public func classify(path: String) -> PathClass {
        PathClassifier.classify(path, cwd: cwd, workspaceRoot: workspaceRoot, host: host)
    }
}
