import AirlockCore
import FoundationEssentials

/// What the shell knows before the first message: who reviews, how big the screen is, the time.
public struct ConsoleConfiguration: Sendable {
    /// Recorded with every decision and grant as `decidedBy` / `grantedBy`.
    public var reviewer: String
    public var size: ScreenSize
    /// The clock at start; later times arrive as `.tick` messages.
    public var now: Date
    /// Ring the bell when a new action starts waiting.
    public var bellOnNewAction: Bool
    /// How long a hard-floor approval waits, after the typed confirmation, before `decide` is sent.
    public var vetoSeconds: Int
    /// How long a status-line message stays.
    public var flashSeconds: Double
    /// How many recent decisions the exception coverage preview looks at.
    public var recentActionLimit: Int
    /// The home directory and Airlock's paths, for classifying a recent decision again when an
    /// exception is made from it.
    public var hostFacts: HostFacts

    public init(
        reviewer: String, size: ScreenSize, now: Date, bellOnNewAction: Bool = true, hostFacts: HostFacts = HostFacts()
    ) {
        self.reviewer = reviewer
        self.size = size
        self.now = now
        self.bellOnNewAction = bellOnNewAction
        self.vetoSeconds = 3
        self.flashSeconds = 4
        self.recentActionLimit = 500
        self.hostFacts = hostFacts
    }
}
