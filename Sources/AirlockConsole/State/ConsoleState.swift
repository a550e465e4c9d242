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
    var queue = PendingQueue()
    /// The action under the cursor; kept by id so it survives arrivals and departures.
    var cursorID: String?
    /// Where the cursor was in the visible list, to land nearby when its action leaves.
    var cursorIndex = 0
    /// Actions marked with space (or `g`) for `A` / `D`.
    var marked: Set<String> = []
    var filterText = ""
    /// Exceptions in force, soonest to expire first.
    var exceptions: [PolicyException] = []
    var interaction: Interaction = .browsing
    var flash: Flash?
    var boundaries: [String: BoundaryReport] = [:]
    var requestedWorkspaces: Set<String> = []
    var blast: [String: BlastMeasurement] = [:]
    var requestedBlast: Set<String> = []
    var files: [String: FileOnDisk] = [:]
    /// Bumped whenever a file arrives, so a cached diff knows it may be stale.
    var filesVersion = 0
    /// The selected edit's diff, computed once in the reducer rather than on every frame.
    var diffCache: DiffCache?
    var requestedFiles: Set<String> = []
    /// Recently logged actions for coverage previews, newest first (nil until loaded).
    var recentActions: [RecentAction]?
    var nextTag = 1
    var inFlight: [RequestTag: RequestPurpose] = [:]

    public init(configuration: ConsoleConfiguration) {
        self.configuration = configuration
        self.size = configuration.size
        self.now = configuration.now
    }

    /// The pending action under the cursor.
    var cursorEntry: QueueEntry? { cursorID.flatMap { queue[$0] } }

    /// Exceptions with live countdowns, the active ones only.
    var activeExceptions: [PolicyException] { exceptions.filter { $0.isActive(at: now) } }

    /// How many actions wait.
    public var pendingCount: Int { queue.count }
}
