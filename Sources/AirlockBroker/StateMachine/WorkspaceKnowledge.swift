import AirlockCore
import AirlockWire
import FoundationEssentials

/// What the broker has read about each workspace, off its event loop: the repository's own
/// rules and the five-boundary report. The state machine asks for them as effects and keeps
/// the answers here; it decides with rules no older than `BrokerConfiguration.repositoryPolicyLifetime`.
struct WorkspaceKnowledge: Sendable {
    struct Rules: Sendable {
        var rules: [PolicyRule]
        var loadedAt: Date
    }

    struct Report: Sendable {
        /// Nil when the workspace could not be measured here (another machine's path).
        var report: BoundaryReport?
        var measuredAt: Date
    }

    /// A submission that waits for its repository's rules before policy can decide it.
    struct AwaitingRules: Sendable {
        var answer: Answer
        var deadlineMs: Int?
        var submittedAt: Date
    }

    var rules: [String: Rules] = [:]
    var loading: Set<String> = []
    /// By workspace, in arrival order.
    var awaiting: [String: [AwaitingRules]] = [:]
    var reports: [String: Report] = [:]
    var measuring: Set<String> = []

    /// Workspaces remembered at most; the least recently read go first.
    static let capacity = 1_024

    /// Forgets the oldest entries beyond `capacity` (never one a submission waits for).
    mutating func trim() {
        if rules.count > Self.capacity {
            let oldest = rules.filter { awaiting[$0.key] == nil }.sorted { $0.value.loadedAt < $1.value.loadedAt }
            for (workspace, _) in oldest.prefix(rules.count - Self.capacity) { rules[workspace] = nil }
        }
        if reports.count > Self.capacity {
            let oldest = reports.sorted { $0.value.measuredAt < $1.value.measuredAt }
            for (workspace, _) in oldest.prefix(reports.count - Self.capacity) { reports[workspace] = nil }
        }
    }
}

/// The exception reload in flight, and what changed here since it was asked for: the store's
/// answer reflects every write asked for before it, and none after, so for those exceptions
/// the broker's own state is newer than the store's list.
struct ExceptionReload: Sendable {
    var isWaiting = false
    var changedSince: Set<String> = []
    var lastAskedAt: Date?
    /// Asked for again while one was in flight.
    var isWanted = false
}
