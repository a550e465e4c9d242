/// What the paths and globs of one action cover, measured on disk and against git.
public struct PathCount: Sendable, Equatable, Codable {
    public var files = 0
    public var bytes: Int64 = 0
    /// Counts against git; nil when the files are not in a repository or git ran out of budget.
    public var tracked: Int?
    public var untracked: Int?
    public var ignored: Int?
    /// Files inside a `.git` directory (its objects and refs: history itself).
    public var insideGitDirectory = 0
    /// Targets outside the workspace, as resolved.
    public var outsideWorkspace: [String] = []
    /// Symbolic links whose target lies outside the workspace (`link → target`).
    public var symlinksPointingOut: [String] = []
    /// Patterns that matched nothing on disk.
    public var missing: [String] = []

    public init() {}

    /// Files git cannot give back: untracked and ignored ones.
    public var unrecoverable: Int? {
        guard let untracked, let ignored else { return nil }
        return untracked + ignored
    }
}
