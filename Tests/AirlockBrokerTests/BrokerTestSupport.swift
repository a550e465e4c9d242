import AirlockCore
import AirlockStore
import AirlockWire
import Foundation

@testable import AirlockBroker

/// Drives a state machine with a fake clock and reads its effects. Like the server, it carries
/// out the reads the machine asks for (a repository's rules, a workspace's boundaries), here at
/// once and from the tables below, and returns their effects with the event's.
struct MachineDriver {
    var machine: BrokerStateMachine
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    var nextRequest: Int64 = 1
    /// Each workspace's own rules, as `.airlock/policy.toml` would give them.
    var repositoryRules: [String: [PolicyRule]] = [:]
    /// Each workspace's boundaries, as the probes would measure them.
    var boundaryReport: @Sendable (String) -> BoundaryReport? = { _ in nil }
    /// Every workspace whose boundaries the machine asked to measure, in order.
    var measured: [String] = []
    /// For whom each of those was measured (nil: the broker's own user).
    var measuredFor: [UInt32?] = []
    /// What the edge finds about the files a submission names; nil: the look never comes back.
    var edgeFacts: (@Sendable (EdgeFactRequest) -> EdgeFacts)? = { _ in EdgeFacts() }
    /// Measurements are not answered at once but left here, for `deliverBoundaries` (a slow probe).
    var defersBoundaries = false
    var unansweredMeasurements: [String] = []
    /// How the trusted list answers a `trust` or `untrust`.
    var trustOutcome: @Sendable (String, Bool) -> Result<TrustResult, TrustFailure> = { workspace, trusted in
        .success(
            TrustResult(
                workspace: workspace, remote: nil, isTrusted: trusted, changed: true, listPath: "/cfg/trusted-repos"))
    }

    /// How the store answers a `trustPolicy` or `untrustPolicy`.
    var policyTrustOutcome: @Sendable (String, String?, Bool) -> Result<PolicyTrustResult, TrustFailure> = {
        workspace, sha256, trusted in
        .success(
            PolicyTrustResult(
                path: workspace + "/.airlock/policy.toml", sha256: trusted ? sha256 : nil, changed: true,
                rules: ["allow command make docs"]))
    }

    static let agent = ConnectionID(1)
    static let console = ConnectionID(2)
    static let otherConsole = ConnectionID(3)
    static let agentPID: Int32 = 500

    /// The fake machine's processes: the agent connection's process (600) is a child of the
    /// agent (`agentPID`, 500), as a hook is of its harness; every other process sits at a
    /// terminal, the agent and its hook at none; uid 1000 is `alice`, 1001 `bob`.
    static let terminal: Int32 = 34_816
    static func fakeProcesses(parents: [Int32: Int32], terminals: [Int32: Int32]) -> ProcessFacts {
        ProcessFacts(
            isDescendant: { pid, ancestor in
                var current: Int32? = pid
                for _ in 0..<64 {
                    guard let here = current else { return false }
                    if here == ancestor { return true }
                    current = parents[here]
                }
                return false
            },
            parent: { parents[$0] },
            terminal: { pid in terminals[pid] ?? ([agentPID, 600].contains(pid) ? 0 : Self.terminal) },
            userName: { [1000: "alice", 1001: "bob"][$0] },
            isKnownGranter: { ["alice", "bob"].contains($0) })
    }

    /// Seals what this machine grants, and what a test writes "elsewhere" to be believed.
    let sealer: ExceptionSealer

    /// `descendants` lists (child, parent) pairs the fake process tree knows, besides the hook
    /// (600) under the agent (500); `terminals` overrides the defaults above.
    init(
        _ configure: (inout BrokerConfiguration) -> Void = { _ in }, descendants: [(Int32, Int32)] = [],
        terminals: [Int32: Int32] = [:], sealer: ExceptionSealer = .ephemeral()
    ) {
        var configuration = BrokerConfiguration(socketPath: "/unused")
        configure(&configuration)
        var parents: [Int32: Int32] = [600: Self.agentPID]
        for (child, parent) in descendants { parents[child] = parent }
        let processes = Self.fakeProcesses(parents: parents, terminals: terminals)
        self.sealer = sealer
        machine = BrokerStateMachine(
            configuration: configuration, startedAt: start, idPrefix: "t", processes: processes,
            checks: ExceptionChecks(sealer: sealer, configuration: configuration, processes: processes))
    }

    func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    /// Applies `event` (happening at `now`) and the results of the reads it asks for.
    mutating func handle(_ event: BrokerEvent, at now: Date) -> [BrokerEffect] {
        var effects = machine.handle(event)
        var index = 0
        while index < effects.count {
            switch effects[index] {
            case .loadRepositoryPolicy(let workspace):
                effects += machine.handle(
                    .repositoryPolicyLoaded(workspace: workspace, rules: repositoryRules[workspace] ?? [], now: now))
            case .gatherFacts(let actionID, let request):
                if let edgeFacts {
                    effects += machine.handle(.factsGathered(actionID: actionID, facts: edgeFacts(request), now: now))
                }
            case .measureBoundaries(let workspace, let account):
                measured.append(workspace)
                measuredFor.append(account)
                if defersBoundaries {
                    unansweredMeasurements.append(workspace)
                } else {
                    effects += machine.handle(
                        .boundariesMeasured(workspace: workspace, report: boundaryReport(workspace), now: now))
                }
            case .changeTrust(let change):
                effects += machine.handle(
                    .trustChanged(change, trustOutcome(change.workspace, change.trusted), now: now))
            case .changePolicyTrust(let change):
                effects += machine.handle(
                    .policyTrustChanged(
                        change, policyTrustOutcome(change.workspace, change.sha256, change.trusted), now: now))
            default: break
            }
            index += 1
        }
        return effects
    }

    @discardableResult
    mutating func open(
        _ connection: ConnectionID, pid: Int32?, uid: UInt32 = 1000, listener: Listener = .shared
    ) -> [BrokerEffect] {
        machine.handle(.connectionOpened(connection, peer: PeerCredentials(pid: pid, uid: uid), listener: listener))
    }

    /// Opens the agent connection and one subscribed console.
    mutating func openAgentAndConsole(consolePID: Int32 = 900) {
        open(Self.agent, pid: 600)
        open(Self.console, pid: consolePID)
        _ = subscribe(Self.console)
    }

    mutating func subscribe(_ connection: ConnectionID) -> [BrokerEffect] {
        machine.handle(.consoleSubscribed(connection, requestID(), SubscribeParams(reviewer: "alice"), now: start))
    }

    mutating func requestID() -> RequestID {
        defer { nextRequest += 1 }
        return .number(nextRequest)
    }

    mutating func submit(
        _ command: String, on connection: ConnectionID = agent, agentPID: Int32? = agentPID, deadlineMs: Int? = nil,
        session: String = "s1", at seconds: Double = 0
    ) -> [BrokerEffect] {
        let action = Action(
            harness: "claude", session: session, agentPID: agentPID, cwd: "/work/proj", kind: .shell(command: command))
        return handle(
            .actionSubmitted(
                connection, requestID(), SubmitParams(action: action, deadlineMs: deadlineMs), now: at(seconds)),
            at: at(seconds))
    }

    /// Submits an action that needs a human and returns its id.
    mutating func queue(_ command: String, on connection: ConnectionID = agent, at seconds: Double = 0) -> String? {
        submit(command, on: connection, at: seconds).queued.first?.id
    }

    /// Like `queue`, but a test error when the action was not queued.
    mutating func mustQueue(_ command: String, on connection: ConnectionID = agent, at seconds: Double = 0) throws
        -> String
    {
        guard let id = queue(command, on: connection, at: seconds) else { throw NotQueued(command: command) }
        return id
    }

    struct NotQueued: Error {
        var command: String
    }

    mutating func decide(
        _ ids: [String], _ verdict: FinalVerdict, by connection: ConnectionID = console, reviewer: String = "alice",
        reason: String? = nil, grant: ExceptionGrant? = nil, at seconds: Double = 1
    ) -> [BrokerEffect] {
        machine.handle(
            .verdictGiven(
                connection, requestID(),
                DecideParams(ids: ids, verdict: verdict, reason: reason, reviewer: reviewer, grant: grant),
                now: at(seconds)))
    }

    mutating func grant(_ grant: ExceptionGrant, by connection: ConnectionID = console, at seconds: Double = 1)
        -> [BrokerEffect]
    {
        machine.handle(
            .grantRequested(connection, requestID(), GrantParams(exception: grant, reviewer: "alice"), now: at(seconds))
        )
    }

    mutating func tick(at seconds: Double) -> [BrokerEffect] {
        handle(.clockTicked(now: at(seconds)), at: at(seconds))
    }

    /// Answers the measurements left unanswered (`defersBoundaries`), as a slow probe would.
    mutating func deliverBoundaries(at seconds: Double) -> [BrokerEffect] {
        let waiting = unansweredMeasurements
        unansweredMeasurements = []
        return waiting.flatMap { workspace in
            handle(
                .boundariesMeasured(workspace: workspace, report: boundaryReport(workspace), now: at(seconds)),
                at: at(seconds))
        }
    }

    mutating func trust(
        _ workspace: String, trusted: Bool = true, by connection: ConnectionID = console, at seconds: Double = 1
    ) -> [BrokerEffect] {
        handle(
            .trustRequested(
                connection, requestID(), TrustParams(workspace: workspace, reviewer: "alice"), trusted: trusted,
                now: at(seconds)), at: at(seconds))
    }
}

extension MachineDriver {
    mutating func trustPolicy(
        _ workspace: String, sha256: String? = String(repeating: "ab", count: 32), trusted: Bool = true,
        passphrase: String? = nil, by connection: ConnectionID = console, at seconds: Double = 1
    ) -> [BrokerEffect] {
        let params = PolicyTrustParams(workspace: workspace, sha256: sha256, reviewer: "alice", passphrase: passphrase)
        return handle(
            .policyTrustRequested(connection, requestID(), params, trusted: trusted, now: at(seconds)), at: at(seconds))
    }
}

extension Array where Element == BrokerEffect {
    /// Answers sent to agents, with where they went.
    var submitResults: [(ConnectionID, RequestID, SubmitResult)] {
        compactMap {
            if case .sendResult(let connection, let id, .submit(let result)) = $0 { return (connection, id, result) }
            return nil
        }
    }

    var answers: [SubmitResult] { submitResults.map(\.2) }

    var errors: [RPCError] {
        compactMap {
            if case .sendError(_, _, let error) = $0 { return error }
            return nil
        }
    }

    var notifications: [ServerNotification] {
        compactMap {
            if case .notify(_, let notification) = $0 { return notification }
            return nil
        }
    }

    var queued: [QueuedAction] {
        notifications.compactMap {
            if case .actionQueued(let queued) = $0 { return queued.item }
            return nil
        }
    }

    var resolved: [ActionResolved] {
        notifications.compactMap {
            if case .actionResolved(let resolved) = $0 { return resolved }
            return nil
        }
    }

    var expired: [ActionExpired] {
        notifications.compactMap {
            if case .actionExpired(let expired) = $0 { return expired }
            return nil
        }
    }

    var records: [DecisionRecord] {
        compactMap {
            if case .appendDecision(let record) = $0 { return record }
            return nil
        }
    }

    var results: [ServerResult] {
        compactMap {
            if case .sendResult(_, _, let result) = $0 { return result }
            return nil
        }
    }
}

extension ExceptionGrant {
    static func allowCurl(ttl: Int = 900, uses: Int? = nil) -> ExceptionGrant {
        ExceptionGrant(
            effect: .allow, scope: .commandPrefix(["curl"]), binding: .repository("/work/proj"), ttlSeconds: ttl,
            usesLeft: uses, reason: "API docs")
    }

    static func denyCurl(reason: String = "no network today") -> ExceptionGrant {
        ExceptionGrant(
            effect: .deny, scope: .commandPrefix(["curl"]), binding: .everywhere, ttlSeconds: 900, reason: reason)
    }
}
