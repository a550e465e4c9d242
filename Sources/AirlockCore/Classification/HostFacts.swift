/// Facts about the machine the classifier needs but may not read itself (it does no I/O):
/// the home directory and where Airlock keeps its own files. The edges fill these in.
public struct HostFacts: Sendable, Equatable {
    /// The user's home directory, for `~` and `$HOME`.
    public var home: String?
    /// Airlock's own config, state and socket paths: touching them is self-modification.
    public var airlockPaths: [String]
    /// What the edge read about the files this action names (symlinks, patch files, archives,
    /// git steps, Airlock's executable); empty when nobody looked.
    public var edge: EdgeFacts {
        get { edgeBox?.facts ?? EdgeFacts() }
        set { edgeBox = newValue.isEmpty ? nil : EdgeFactsBox(newValue) }
    }
    /// One reference, nil when empty: host facts are copied with every command's context, and
    /// six collections would cost six retains per copy on the hot path.
    private var edgeBox: EdgeFactsBox?

    /// Where `path` leads through symlinks, when the edge found it leads elsewhere; checked for
    /// every path classified, so without building an empty `EdgeFacts`.
    func realPath(of path: String) -> String? {
        guard let box = edgeBox, !box.facts.realPaths.isEmpty else { return nil }
        return box.facts.realPaths[path]
    }

    /// Whether the edge has looked at anything for this action.
    var hasEdgeFacts: Bool { edgeBox != nil }

    public init(home: String? = nil, airlockPaths: [String] = [], edge: EdgeFacts = EdgeFacts()) {
        self.home = home
        self.airlockPaths = airlockPaths
        self.edge = edge
    }
}

/// Immutable storage for `HostFacts.edge`.
final class EdgeFactsBox: Sendable, Equatable {
    let facts: EdgeFacts

    init(_ facts: EdgeFacts) { self.facts = facts }

    static func == (lhs: EdgeFactsBox, rhs: EdgeFactsBox) -> Bool { lhs === rhs || lhs.facts == rhs.facts }
}
