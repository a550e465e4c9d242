import AirlockCore
import AirlockWire
import FoundationEssentials

/// Everything the console shows and remembers; changed only by `Console.update`.
public struct ConsoleState: Sendable {
    public internal(set) var configuration: ConsoleConfiguration
    public internal(set) var size: ScreenSize
    public internal(set) var now: Date
    public internal(set) var wantsQuit = false

    var broker: BrokerStatus = .connecting
    var mode: Mode?
    /// The broker's store; degraded while a team's database cannot be reached.
    var store: StoreHealth?
    var queue = PendingQueue()
    /// The action under the cursor; kept by id so it survives arrivals and departures.
    var cursorID: String? {
        didSet {
            guard oldValue != cursorID else { return }
            cursorShown = false
            detailScroll = 0
        }
    }
    /// Whether a frame has shown the cursor's action in the detail since the cursor came to it:
    /// an approval waits for that, so a key typed ahead cannot approve what replaced it.
    var cursorShown = false
    /// The cursor's action laid out for the detail pane (built by the reducer).
    var detail: DetailDocument?
    /// The detail's first line on screen.
    var detailScroll = 0
    /// How far into each pending action's exact text frames have shown it, in scalars from the
    /// start without a gap.
    var seen: [String: Int] = [:]
    /// Where the cursor was in the visible list, to land nearby when its action leaves.
    var cursorIndex = 0
    /// Actions that arrived above the cursor since the reviewer last moved it: the cursor stays
    /// on its action, and the queue's title says how many wait above.
    var newAbove: Set<String> = []
    /// Actions marked with space (or `g`) for `A` / `D`.
    var marked: Set<String> = []
    var filterText = ""
    /// Exceptions in force, soonest to expire first.
    var exceptions: [PolicyException] = []
    /// Stored exceptions the broker refuses to use (not sealed, or breaking a grant rule):
    /// shown in the status line until the store is put right.
    var rejectedExceptions: [RejectedException] = []
    var interaction: Interaction = .browsing
    var flash: Flash?
    /// Boundary reports the console measured itself, by workspace.
    var boundaries: [String: BoundaryReport] = [:]
    /// Boundary reports the broker decides with, by workspace: these win over the console's own.
    var brokerBoundaries: [String: BoundaryReport] = [:]
    /// Decisions the broker made lately, automatic ones included, and the count of automatic
    /// denials since the console opened.
    var decisions: RecentDecisions
    var requestedWorkspaces: Set<String> = []
    var blast: [String: BlastMeasurement] = [:]
    var requestedBlast: Set<String> = []
    var files: [String: FileOnDisk] = [:]
    /// Bumped whenever a file arrives, so a cached diff knows it may be stale.
    var filesVersion = 0
    var requestedFiles: Set<String> = []
    /// Recent decisions as actions for the open exception panel's coverage, newest first.
    var recentActions: [RecentAction]?
    var nextTag = 1
    var inFlight: [RequestTag: RequestPurpose] = [:]

    public init(configuration: ConsoleConfiguration) {
        self.configuration = configuration
        self.size = configuration.size
        self.now = configuration.now
        self.decisions = RecentDecisions(openedAt: configuration.now)
    }

    /// The workspace an action's boundaries are measured for: its repository root, else its
    /// working directory (as the broker keys them).
    static func workspace(of action: Action) -> String? { action.workspaceRoot ?? action.cwd }

    /// The boundary report for a workspace: the broker's, else the console's own.
    func report(for workspace: String) -> BoundaryReport? { brokerBoundaries[workspace] ?? boundaries[workspace] }

    /// How many actions were denied without a human since the console opened.
    public var automaticDenials: Int { decisions.automaticDenials }

    /// What the detail document of `item` at `width` is built from.
    func detailKey(for item: QueuedAction, width: Int) -> DetailDocument.Key {
        DetailDocument.Key(
            actionID: item.id, width: width, hasBlast: blast[item.id] != nil, filesVersion: filesVersion)
    }

    /// The pending action under the cursor.
    var cursorEntry: QueueEntry? { cursorID.flatMap { queue[$0] } }

    /// Exceptions with live countdowns, the active ones only.
    var activeExceptions: [PolicyException] { exceptions.filter { $0.isActive(at: now) } }

    /// How many actions wait.
    public var pendingCount: Int { queue.count }
}
