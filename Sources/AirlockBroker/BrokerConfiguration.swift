import AirlockCore

/// Everything a broker needs to know before it starts: where to listen and how to decide.
public struct BrokerConfiguration: Sendable {
    /// The Unix socket to listen on (`$AIRLOCK_SOCKET`, else `$XDG_RUNTIME_DIR/airlock/airlock.sock`);
    /// in the separated deployment, `agent.sock`.
    public var socketPath: String
    /// The separated deployment's `review.sock`; nil for the same-user deployment's one socket.
    public var reviewSocketPath: String?
    /// Permissions of the socket at `socketPath`: 0600 for one user; 0666 (anyone may submit) or
    /// 0660 with `socketGroup` for `agent.sock`.
    public var socketMode: UInt32
    /// The group `agent.sock` and `review.sock` belong to, when only its members may connect.
    public var socketGroup: UInt32?
    /// Whether a reviewer operation on the shared socket must come from a process with a
    /// controlling terminal. Always on in `airlock serve`; tests of the socket layer that run
    /// without a terminal turn it off.
    public var reviewerNeedsTerminal: Bool
    /// The broker's own uid (set by the server): on `review.sock` it, and root, count as
    /// authenticated (reached through `sudo`).
    public var brokerUID: UInt32?
    /// How long a queued action waits for a reviewer before it is denied.
    public var reviewWindow: Duration
    /// Taken off the harness's own deadline, so the deny reaches the agent before its harness
    /// gives up on the hook.
    public var deadlineMargin: Duration
    /// Queue actions that need a human even when no console is subscribed, instead of
    /// denying them at once.
    public var waitForConsole: Bool
    public var mode: Mode
    /// The user's rules.
    public var rules: [PolicyRule]
    /// The trusted policy's reviewers and what approving takes (empty: one approval by anyone).
    public var reviewers = ReviewerPolicy()
    /// How long a repository's own rules (`.airlock/policy.toml`, read through `BrokerReaders`)
    /// are decided with before they are read again; an action in that workspace waits for them.
    public var repositoryPolicyLifetime: Duration
    /// How long an action waits for its repository's rules before it is denied.
    public var repositoryPolicyTimeout: Duration
    /// Whether policy applies the stricter of `mode` and what a workspace's five boundaries
    /// recommend (measured through `BrokerReaders`, never waited for).
    public var appliesBoundaries: Bool
    /// How old a boundary report may get before it is measured again.
    public var boundaryReportLifetime: Duration
    /// How long an action in a workspace never measured waits for its first boundary report;
    /// past it the action is judged read-only.
    public var boundaryProbeBudget: Duration
    /// The home directory and Airlock's own paths, for the classifier.
    public var hostFacts: HostFacts
    /// Whether submissions wait for the edge's look at the files they name (symlinks, patch
    /// files, archives, git steps, renamed Airlock binaries) before they are decided; the server
    /// does the look with `BrokerReaders.edgeFacts`. Off for state-machine tests that do not.
    public var gathersEdgeFacts = false
    /// Run the `notify` command (`BrokerReaders.notify`) once an action has waited this long
    /// for a reviewer; nil: never.
    public var notifyAfter: Duration?
    /// The longest an exception may last.
    public var maximumExceptionSeconds: Int
    /// How often deadlines and exception expiries are checked.
    public var tickInterval: Duration
    /// How often exceptions are re-read from persistence, to pick up grants made elsewhere
    /// (the CLI, another broker), when the store does not say itself.
    public var exceptionReloadInterval: Duration
    /// The most actions held for review at once; beyond it an action that needs a human is
    /// denied at once, so no client can grow the broker without bound.
    public var maximumPending: Int
    /// Reported by `status`.
    public var brokerVersion: String
    /// Prefixes action and exception ids; nil picks a random one per start, so ids from two
    /// runs never collide.
    public var idPrefix: String?
    /// Set when the broker shares its store and queue with a team (a PostgreSQL store).
    public var team: TeamSettings?

    public init(
        socketPath: String,
        reviewSocketPath: String? = nil,
        socketMode: UInt32 = 0o600,
        socketGroup: UInt32? = nil,
        reviewerNeedsTerminal: Bool = true,
        reviewWindow: Duration = .seconds(600),
        deadlineMargin: Duration = .seconds(2),
        waitForConsole: Bool = false,
        mode: Mode = .workspaceEdit,
        rules: [PolicyRule] = [],
        repositoryPolicyLifetime: Duration = .seconds(1),
        repositoryPolicyTimeout: Duration = .seconds(5),
        appliesBoundaries: Bool = false,
        boundaryReportLifetime: Duration = .seconds(60),
        boundaryProbeBudget: Duration = .seconds(2),
        notifyAfter: Duration? = nil,
        hostFacts: HostFacts = HostFacts(),
        maximumExceptionSeconds: Int = 8 * 3600,
        tickInterval: Duration = .milliseconds(250),
        exceptionReloadInterval: Duration = .seconds(2),
        maximumPending: Int = 10_000,
        brokerVersion: String = "0.1.0",
        idPrefix: String? = nil,
        team: TeamSettings? = nil
    ) {
        self.socketPath = socketPath
        self.reviewSocketPath = reviewSocketPath
        self.socketMode = socketMode
        self.socketGroup = socketGroup
        self.reviewerNeedsTerminal = reviewerNeedsTerminal
        self.reviewWindow = reviewWindow
        self.deadlineMargin = deadlineMargin
        self.waitForConsole = waitForConsole
        self.mode = mode
        self.rules = rules
        self.repositoryPolicyLifetime = repositoryPolicyLifetime
        self.repositoryPolicyTimeout = repositoryPolicyTimeout
        self.appliesBoundaries = appliesBoundaries
        self.boundaryReportLifetime = boundaryReportLifetime
        self.boundaryProbeBudget = boundaryProbeBudget
        self.notifyAfter = notifyAfter
        self.hostFacts = hostFacts
        self.maximumExceptionSeconds = maximumExceptionSeconds
        self.tickInterval = tickInterval
        self.exceptionReloadInterval = exceptionReloadInterval
        self.maximumPending = maximumPending
        self.brokerVersion = brokerVersion
        self.idPrefix = idPrefix
        self.team = team
    }
}

extension Duration {
    /// The duration in (fractional) seconds, for date arithmetic.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
