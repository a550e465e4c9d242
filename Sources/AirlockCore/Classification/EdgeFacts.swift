/// What only the file system knows about the files an action names, read by the edge (the
/// broker, `airlock check`) so the pure classifier judges real targets: where a path really
/// leads through symlinks, what a patch file changes, what an archive or a git step would
/// write, whether a program run by path is Airlock's own binary.
///
/// The classifier asks for these (`EdgeFactRequest`) in a first pass and judges with them in a
/// second. A fact missing from here is unknown: the classifier stays unsure, never allows more.
public struct EdgeFacts: Sendable, Equatable {
    /// What a look at a file or a git step found: names, or why there are none.
    public enum Listing: Sendable, Equatable {
        case names([String])
        case unknown(String)
    }

    /// What reading a file found: its text, or why there is none.
    public enum Content: Sendable, Equatable {
        case text(String)
        case unknown(String)
    }

    /// Absolute, normalised paths as written → the path they lead to through existing symlinks
    /// (only those that lead elsewhere).
    public var realPaths: [String: String]
    /// Patch files named on a command line, by absolute path: the text, or why it was not read.
    public var patches: [String: Content]
    /// Archives to unpack, by absolute path: member names as stored (`../x` and `/x` kept).
    public var archives: [String: Listing]
    /// Git steps (`GitStep.key`): the paths, relative to the repository's top level, they write.
    public var gitSteps: [String: Listing]
    /// Program words looked at (`EdgeFactRequest.executables`) …
    public var checkedExecutables: Set<String>
    /// … and those whose content is Airlock's own executable.
    public var airlockExecutables: Set<String>

    public init(
        realPaths: [String: String] = [:], patches: [String: Content] = [:], archives: [String: Listing] = [:],
        gitSteps: [String: Listing] = [:], checkedExecutables: Set<String> = [], airlockExecutables: Set<String> = []
    ) {
        self.realPaths = realPaths
        self.patches = patches
        self.archives = archives
        self.gitSteps = gitSteps
        self.checkedExecutables = checkedExecutables
        self.airlockExecutables = airlockExecutables
    }

    public var isEmpty: Bool {
        realPaths.isEmpty && patches.isEmpty && archives.isEmpty && gitSteps.isEmpty && checkedExecutables.isEmpty
    }
}

/// A git step whose written files only the repository knows.
public struct GitStep: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// `git checkout <ref>` / `git switch <ref>`: the files that differ from HEAD.
        case checkout
        /// `git stash pop|apply [<stash>]`: the files the stash holds.
        case stash
    }

    public var kind: Kind
    /// The directory the step runs in.
    public var directory: String
    /// The branch, commit or stash named (`stash@{0}` when none).
    public var ref: String

    public init(kind: Kind, directory: String, ref: String) {
        self.kind = kind
        self.directory = directory
        self.ref = ref
    }

    public var key: String { "\(kind.rawValue)\u{0}\(directory)\u{0}\(ref)" }
}

/// What the classifier would like the edge to look at for one action. Bounded: a line naming
/// more than `limit` of a kind gets the first ones looked at, the rest stay unknown.
public struct EdgeFactRequest: Sendable, Equatable {
    public enum ArchiveKind: String, Sendable, Hashable {
        case tar, zip
    }

    /// Absolute paths to follow through symlinks.
    public var paths: [String] = []
    /// The workspace root and home as written: a symlink above them (a home reached through
    /// `/home → /data/home`) is how the agent sees them, not a redirection of its writes.
    public var roots: [String] = []
    /// Absolute paths of patch files to read.
    public var patches: [String] = []
    public var archives: [(path: String, kind: ArchiveKind)] = []
    public var gitSteps: [GitStep] = []
    /// Program words to compare with Airlock's executable: absolute paths, or bare names to find
    /// on the search path.
    public var executables: [String] = []

    public static let limit = 32

    public init() {}

    public var isEmpty: Bool {
        paths.isEmpty && patches.isEmpty && archives.isEmpty && gitSteps.isEmpty && executables.isEmpty
    }

    mutating func add(path: String) {
        if path.hasPrefix("/"), !path.contains("$"), paths.count < Self.limit, !paths.contains(path) {
            paths.append(path)
        }
    }

    mutating func add(patch: String) {
        if patches.count < Self.limit, !patches.contains(patch) { patches.append(patch) }
    }

    mutating func add(archive: String, kind: ArchiveKind) {
        if archives.count < Self.limit, !archives.contains(where: { $0.path == archive }) {
            archives.append((archive, kind))
        }
    }

    mutating func add(_ step: GitStep) {
        if gitSteps.count < Self.limit, !gitSteps.contains(step) { gitSteps.append(step) }
    }

    mutating func add(executable: String) {
        if executables.count < Self.limit, !executables.contains(executable) { executables.append(executable) }
    }

    public static func == (lhs: EdgeFactRequest, rhs: EdgeFactRequest) -> Bool {
        lhs.paths == rhs.paths && lhs.roots == rhs.roots && lhs.patches == rhs.patches && lhs.gitSteps == rhs.gitSteps
            && lhs.executables == rhs.executables
            && lhs.archives.map(\.path) == rhs.archives.map(\.path)
            && lhs.archives.map(\.kind) == rhs.archives.map(\.kind)
    }
}
