import AirlockCore
import AirlockWire
import FoundationEssentials

/// What the broker has read about each workspace, off its event loop: the repository's own
/// rules and the five-boundary report. The state machine asks for them as effects and keeps
/// the answers here; it decides with rules no older than `BrokerConfiguration.repositoryPolicyLifetime`,
/// and a workspace's first actions wait for its first boundary report.
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

    /// A submission that waits for what policy needs to decide it: its repository's rules,
    /// its workspace's first boundary report, or both.
    struct Awaiting: Sendable {
        var answer: Answer
        var deadlineMs: Int?
        var submittedAt: Date
        /// The repository whose rules it waits for; nil once they are in.
        var rules: String?
        /// The workspace whose first boundary report it waits for; nil once in, or given up.
        var boundaries: String?
        /// The report did not come within the probe budget: it is judged read-only.
        var boundariesLate = false
    }

    var rules: [String: Rules] = [:]
    var loading: Set<String> = []
    /// In arrival order.
    var awaiting: [Awaiting] = []
    var reports: [String: Report] = [:]
    var measuring: Set<String> = []
    /// In the separated deployment, whose agent last submitted in each workspace: its
    /// boundaries are measured from that account's home, settings and credentials, never the
    /// broker's. A report measured for another account is measured again before it decides.
    var accounts: [String: UInt32] = [:]
    /// Measurements in flight that started before the trusted list changed: their result is
    /// dropped and the workspace measured again.
    var invalidated: Set<String> = []
    /// Workspaces whose first report is past the probe budget: their actions no longer wait
    /// for it, and are judged read-only until it comes.
    var late: Set<String> = []

    /// Workspaces remembered at most; the least recently read go first.
    static let capacity = 1_024

    /// Forgets the oldest entries beyond `capacity` (never one a submission waits for).
    mutating func trim() {
        if rules.count > Self.capacity {
            let waitedFor = Set(awaiting.compactMap(\.rules))
            let oldest = rules.filter { !waitedFor.contains($0.key) }.sorted { $0.value.loadedAt < $1.value.loadedAt }
            for (workspace, _) in oldest.prefix(rules.count - Self.capacity) { rules[workspace] = nil }
        }
        if reports.count > Self.capacity {
            let oldest = reports.sorted { $0.value.measuredAt < $1.value.measuredAt }
            for (workspace, _) in oldest.prefix(reports.count - Self.capacity) {
                reports[workspace] = nil
                accounts[workspace] = nil
            }
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
