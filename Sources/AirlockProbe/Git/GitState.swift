/// What a repository would lose to `reset --hard`, `checkout -- .`, `clean -fd`, a force-push
/// or a branch deletion, and where it is pushed.
public struct GitState: Sendable, Equatable, Codable {
    public var topLevel: String
    /// The current branch; nil when HEAD is detached.
    public var branch: String?
    public var upstream: String?
    /// Tracked files with changes (staged or not): `reset --hard` and `checkout -- .` lose them.
    public var dirtyFiles: [String]
    /// Untracked, not ignored files: `clean -fd` loses them.
    public var untrackedFiles: [String]
    /// Commits on HEAD that no remote has: a force-push over them or deleting the branch loses them.
    public var unpushedCommits: Int
    /// Remote names and URLs, credentials removed.
    public var remotes: [Remote]

    public struct Remote: Sendable, Equatable, Codable {
        public var name: String
        public var url: String

        public init(name: String, url: String) {
            self.name = name
            self.url = url
        }
    }

    public var isClean: Bool { dirtyFiles.isEmpty && untrackedFiles.isEmpty }

    public init(
        topLevel: String, branch: String? = nil, upstream: String? = nil, dirtyFiles: [String] = [],
        untrackedFiles: [String] = [], unpushedCommits: Int = 0, remotes: [Remote] = []
    ) {
        self.topLevel = topLevel
        self.branch = branch
        self.upstream = upstream
        self.dirtyFiles = dirtyFiles
        self.untrackedFiles = untrackedFiles
        self.unpushedCommits = unpushedCommits
        self.remotes = remotes
    }
}
