/// How badly an action could destroy, leak or spend something that matters.
/// It is the headline a reviewer reads first and it orders the queue.
public enum Risk: Int, Codable, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    case low = 0, medium, high, critical

    public static func < (lhs: Risk, rhs: Risk) -> Bool { lhs.rawValue < rhs.rawValue }

    public var name: String {
        switch self {
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .critical: "critical"
        }
    }

    public var description: String { name }

    public init?(name: String) {
        guard let risk = Risk.allCases.first(where: { $0.name == name }) else { return nil }
        self = risk
    }

    /// One level up, saturating at `critical`.
    public var raised: Risk { Risk(rawValue: min(rawValue + 1, Risk.critical.rawValue)) ?? .critical }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let risk = Risk(name: name) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown risk level"))
        }
        self = risk
    }
}

/// How far the damage of an action can reach, from nothing to production.
public enum BlastRadius: Int, Codable, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// Reads inside the workspace.
    case none = 0
    /// Writes that git can undo.
    case workspace
    /// Untracked or ignored files lost.
    case workspaceUnrecoverable
    /// Outside the workspace: packages, processes, the home directory.
    case machine
    /// Network, remotes, tickets, chat.
    case external
    /// Production data, infrastructure, deploys, money, secrets leaving.
    case production

    public static func < (lhs: BlastRadius, rhs: BlastRadius) -> Bool { lhs.rawValue < rhs.rawValue }

    public var name: String {
        switch self {
        case .none: "none"
        case .workspace: "workspace"
        case .workspaceUnrecoverable: "workspace_unrecoverable"
        case .machine: "machine"
        case .external: "external"
        case .production: "production"
        }
    }

    public var description: String { name }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let level = BlastRadius.allCases.first(where: { $0.name == name }) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "unknown blast radius"))
        }
        self = level
    }
}

/// Whether the effect of an action can be undone.
public enum Reversibility: String, Codable, Sendable, Comparable, CaseIterable {
    /// Nothing changes, or git / the tool itself can undo it.
    case reversible
    /// Some of it can be undone (committed work survives, uncommitted does not).
    case partial
    case irreversible
    case unknown

    public static func < (lhs: Reversibility, rhs: Reversibility) -> Bool {
        let order: [Reversibility] = [.reversible, .partial, .unknown, .irreversible]
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}
