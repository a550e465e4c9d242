/// Facts about the machine the classifier needs but may not read itself (it does no I/O):
/// the home directory and where Airlock keeps its own files. The edges fill these in.
public struct HostFacts: Sendable, Equatable {
    /// The user's home directory, for `~` and `$HOME`.
    public var home: String?
    /// Airlock's own config, state and socket paths: touching them is self-modification.
    public var airlockPaths: [String]
    /// What the edge read about the files this action names (symlinks, patch files, archives,
    /// git steps, Airlock's executable); empty when nobody looked.
    public var edge: EdgeFacts

    public init(home: String? = nil, airlockPaths: [String] = [], edge: EdgeFacts = EdgeFacts()) {
        self.home = home
        self.airlockPaths = airlockPaths
        self.edge = edge
    }
}
