import AirlockCore
import AirlockWire
import FoundationEssentials

/// Everything that can happen to the console (bubbletea's Msg). The reducer turns
/// (state, message) into (state, effects); only the I/O shell in the `airlock` executable
/// produces messages and carries out effects.
public enum ConsoleMessage: Sendable {
    case key(Key)
    case resize(ScreenSize)
    /// The clock: countdowns, deadlines, the hard-floor veto countdown, flash messages.
    case tick(Date)
    case connection(BrokerConnection)
    case notification(ServerNotification)
    /// The answer to a request sent with `.send`, tagged as it was sent.
    case reply(tag: RequestTag, ServerResult)
    /// A request sent with `.send` that failed (broker error, lost connection): shown, not retried.
    case requestFailed(tag: RequestTag, message: String)
    /// The broker wants the reviewer's passphrase again before it carries out `request` (sent
    /// with `tag`): the console asks for it and sends the request again with it.
    case passphraseRequired(tag: RequestTag, request: ClientRequest, message: String)
    case boundaries(BoundaryReport)
    /// Measured blast-radius facts for a pending action (answer to `.measureBlastRadius`).
    case blastMeasured(actionID: String, BlastMeasurement)
    /// The file on disk an edit or write would change, for the diff.
    case fileOnDisk(path: String, FileOnDisk)
    /// The frame rendered from the current state is on the terminal. What it showed of the
    /// selected action counts as seen from now on (approvals wait for that).
    case frameShown
}

/// The console's link to the broker.
public enum BrokerConnection: Sendable {
    case connecting
    /// Subscribed: everything pending and in force now; notifications follow.
    case subscribed(SubscribeResult)
    /// Lost or refused; the shell reconnects and sends `.connecting` again.
    case lost(String)
}

/// Identifies a request so its reply can be matched to what the user did.
public struct RequestTag: Hashable, Sendable {
    public var value: Int
    public init(_ value: Int) { self.value = value }
}

/// One recently decided action, rebuilt from the broker's record for matching against a
/// proposed exception's scope.
public struct RecentAction: Equatable, Sendable {
    public var time: Date
    public var action: Action
    public var assessment: Assessment
    public var verdict: Verdict

    public init(time: Date, action: Action, assessment: Assessment, verdict: Verdict) {
        self.time = time
        self.action = action
        self.assessment = assessment
        self.verdict = verdict
    }
}

/// What the reducer asks the shell to do (bubbletea's Cmd).
public enum ConsoleEffect: Equatable, Sendable {
    /// Send a request to the broker; its answer comes back as `.reply` or `.requestFailed`.
    case send(ClientRequest, tag: RequestTag)
    /// Measure the five boundaries of a workspace; answered with `.boundaries`.
    case measureBoundaries(workspace: String)
    /// Measure what a pending action would touch; answered with `.blastMeasured`.
    case measureBlastRadius(actionID: String, action: Action)
    /// Read a file for a diff; answered with `.fileOnDisk`.
    case readFile(path: String)
    /// Ring the terminal bell (a new pending action, when enabled).
    case bell
    case quit
}
