import AirlockCore
import AirlockWire
import FoundationEssentials

/// The broker's logic as a value: events in, effects out; no I/O, time passed in with events.
///
/// Invariants:
/// - every submitted action is answered exactly once: at once, by a reviewer, by an exception
///   or a policy change, by its deadline, or withdrawn when its requester disconnects;
/// - an answered action leaves `pending` in the same step, so a second decision on it finds
///   it gone (first decision wins) and gets `alreadyResolved`;
/// - `ask` never reaches an agent: without a human it becomes a deny;
/// - a decision or grant from inside a requesting agent's process tree changes nothing;
/// - every request passes `MethodAccess` first: what its socket serves, and for reviewer
///   operations a reviewer named from the connection (terminal, authentication), never from
///   the client's fields;
/// - an exception read from the store is used only when it carries the broker's seal and
///   keeps every grant rule (`ExceptionChecks`);
/// - nothing here touches a file, a socket or the store: what must be read is asked for as an
///   effect (`.loadRepositoryPolicy`, `.measureBoundaries`, `.reloadExceptions`) and arrives
///   as an event, so the event loop that runs the machine never waits on a disk.
public struct BrokerStateMachine: Sendable {
    /// Whether process `pid` is `ancestor` or one of its descendants.
    public typealias DescendantCheck = @Sendable (_ pid: Int32, _ ancestor: Int32) -> Bool

    public private(set) var configuration: BrokerConfiguration
    let startedAt: Date
    let idPrefix: String
    let processes: ProcessFacts
    let checks: ExceptionChecks
    var pending: [String: PendingAction] = [:]
    var connections: [ConnectionID: Peer] = [:]
    /// Reviewers' passphrase checks: failures per uid (for the lockout) and checks in flight.
    var passphrases = PassphraseAttempts()
    /// Stored exceptions refused on the last load, by id.
    var rejected: [String: RejectedException] = [:]
    /// Seals of stored exceptions that passed every check (the checks depend only on sealed fields).
    var verifiedSeals: Set<String> = []
    /// Exceptions revoked, spent or expired while this broker ran: never taken back from a
    /// store that still lists them (uses and revocations are not sealed).
    var retired: Set<String> = []
    /// The decision log's head as the store last reported it.
    var logAnchor: LogAnchor?
    /// In the order they subscribed, so notifications go out in a stable order.
    var subscribers: [ConnectionID] = []
    /// The exceptions in force, oldest grant first (policy takes the first that matches).
    var exceptions: [PolicyException]
    /// What happened to recently answered ids, so a late decision gets a precise error.
    var resolvedRecently: [String: String] = [:]
    var resolvedOrder: [String] = []
    var nextActionNumber: UInt64 = 1
    var nextExceptionNumber: UInt64 = 1
    /// Hook decisions of MCP tool calls, for the proxy's gate of the same call.
    var toolCalls = ToolCallMemory()
    /// Repository rules and boundary reports read so far, and submissions waiting for either.
    var workspaces = WorkspaceKnowledge()
    var reload = ExceptionReload()
    /// Team mode: the shared queue and the store's freshness.
    var teamQueue = TeamQueueState()
    /// The store's health as it last reported it; nil when it never did (a local store).
    var storeHealth: StoreHealth?
    /// Files agents changed that no human has seen, for holding the runner steps that read them.
    var unseenWrites = UnseenWrites()
    /// Submissions waiting for the edge's facts about the files they name, by action id.
    var awaitingFacts: [String: WorkspaceKnowledge.Awaiting] = [:]
    /// Recent decisions and the count of automatic denials, for consoles.
    var feed: DecisionFeed
    let redactor = Redactor()

    /// How many answered ids are remembered for `alreadyResolved` errors.
    static let resolvedMemory = 10_000

    public init(
        configuration: BrokerConfiguration, exceptions: [PolicyException] = [], startedAt: Date, idPrefix: String,
        processes: ProcessFacts, checks: ExceptionChecks
    ) {
        self.configuration = configuration
        self.exceptions = []
        self.startedAt = startedAt
        feed = DecisionFeed(since: startedAt)
        reload.lastAskedAt = startedAt
        self.idPrefix = idPrefix
        self.processes = processes
        self.checks = checks
        self.exceptions = admitStored(exceptions, now: startedAt).filter { $0.isActive(at: startedAt) }
    }

    /// A machine that knows only the process tree, sealing with a key of its own: for tests and
    /// benchmarks that do not look at reviewers' terminals or stored rows.
    public init(
        configuration: BrokerConfiguration, exceptions: [PolicyException] = [], startedAt: Date, idPrefix: String,
        isDescendant: @escaping DescendantCheck
    ) {
        let processes = ProcessFacts(isDescendant: isDescendant)
        self.init(
            configuration: configuration, exceptions: exceptions, startedAt: startedAt, idPrefix: idPrefix,
            processes: processes,
            checks: ExceptionChecks(sealer: .ephemeral(), configuration: configuration, processes: processes))
    }

    /// The ids of the actions waiting for a human, oldest first.
    public var pendingIDs: [String] { orderedPending.map(\.id) }

    public var pendingCount: Int { pending.count }

    public var activeExceptions: [PolicyException] { exceptions }

    public var subscriberCount: Int { subscribers.count }

    /// Whether an action submitted on `connection` still waits for its answer.
    public func isAwaitingAnswer(_ connection: ConnectionID) -> Bool {
        pending.values.contains { $0.requester == connection }
            || workspaces.awaiting.contains { $0.answer.requester == connection }
            || awaitingFacts.values.contains { $0.answer.requester == connection }
    }

    public func isSubscribed(_ connection: ConnectionID) -> Bool { subscribers.contains(connection) }

    /// Applies one event and returns what the shell must do, in order.
    public mutating func handle(_ event: BrokerEvent) -> [BrokerEffect] {
        var effects: [BrokerEffect] = []
        if let request = event.request, let refusal = authorisationRefusal(request.connection, request.method) {
            effects.append(.logRefusal(refusal.log))
            fail(request.connection, request.id, refusal.error, &effects)
            return effects
        }
        switch event {
        case .connectionOpened(let connection, let credentials, let listener):
            connections[connection] = Peer(
                credentials: credentials, listener: listener,
                authentication: listener == .review && isSystemUser(credentials.uid) ? .systemUser : nil)
        case .connectionClosed(let connection, let now):
            connectionClosed(connection, now: now, &effects)
        case .actionSubmitted(let connection, let id, let params, let now):
            submit(params, from: connection, id, now: now, &effects)
        case .consoleSubscribed(let connection, let id, let params, let now):
            consoleSubscribed(params, from: connection, id, now: now, &effects)
        case .consoleUnsubscribed(let connection, let id, let now):
            consoleLeft(connection, now: now)
            reply(connection, id, .empty, &effects)
        case .verdictGiven(let connection, let id, let params, let now):
            decide(params, from: connection, id, now: now, &effects)
        case .grantRequested(let connection, let id, let params, let now):
            grant(params, from: connection, id, now: now, &effects)
        case .revokeRequested(let connection, let id, let params, let now):
            revoke(params, from: connection, id, now: now, &effects)
        case .listRequested(let connection, let id, _):
            let list = ListResult(pending: queueForConsoles, exceptions: exceptions)
            reply(connection, id, .list(list), &effects)
        case .statusRequested(let connection, let id, let now):
            reply(connection, id, .status(status(now: now, for: connection)), &effects)
        case .trustRequested(let connection, let id, let params, let trusted, let now):
            trustRequested(params, trusted: trusted, from: connection, id, now: now, &effects)
        case .trustListRequested(let connection, let id):
            guard let id else { break }
            effects.append(.readTrustList(connection, id))
        case .trustListRead(let connection, let id, let outcome):
            switch outcome {
            case .success(let list): reply(connection, id, .trustList(list), &effects)
            case .failure(let failure): fail(connection, id, RPCError(.internalError, "\(failure)"), &effects)
            }
        case .trustChanged(let change, let outcome, let now):
            trustChanged(change, outcome, now: now, &effects)
        case .policyTrustRequested(let connection, let id, let params, let trusted, let now):
            policyTrustRequested(params, trusted: trusted, from: connection, id, now: now, &effects)
        case .policyTrustChanged(let change, let outcome, let now):
            policyTrustChanged(change, outcome, now: now, &effects)
        case .recentRequested(let connection, let id, let params, let now):
            recentRequested(params, from: connection, id, now: now, &effects)
        case .authenticationRequested(let connection, let id, let params, let now):
            authenticate(params, from: connection, id, now: now, &effects)
        case .passphraseChecked(let connection, let check, let matches, let now):
            passphraseChecked(check, matches: matches, on: connection, now: now, &effects)
        case .logAnchored(let anchor):
            logAnchor = anchor
            notify(.logAnchored(anchor), &effects)
        case .clockTicked(let now):
            clockTicked(now: now, &effects)
        case .exceptionsReloaded(let list, let now):
            exceptionsReloaded(list, now: now, &effects)
        case .exceptionReloadFailed(let now):
            reload.isWaiting = false
            reload.changedSince = []
            if reload.isWanted { askForReload(now: now, &effects) }
        case .exceptionsChangedElsewhere(let now):
            askForReload(now: now, &effects)
        case .repositoryPolicyLoaded(let workspace, let rules, let now):
            repositoryPolicyLoaded(workspace, rules: rules, now: now, &effects)
        case .factsGathered(let actionID, let facts, let now):
            factsGathered(actionID, facts: facts, now: now, &effects)
        case .boundariesMeasured(let workspace, let report, let now):
            boundariesMeasured(workspace, report: report, now: now, &effects)
        case .policyReloaded(let mode, let rules, let reviewers, let now):
            configuration.mode = mode
            configuration.rules = rules
            configuration.reviewers = reviewers
            // Actions queued while no requirement asked who submitted them learn it now.
            if !reviewers.requirements.isEmpty {
                let unnamed = pending.values.filter { $0.submitter == nil }
                for item in unnamed {
                    let name = submitterName(item.requester)
                    pending[item.id]?.submitter = name
                }
            }
            resolveCovered(now: now, &effects)
        case .teamQueueChanged:
            askForTeamQueue(&effects)
        case .teamQueueRead(let snapshot, let now):
            teamQueueRead(snapshot, now: now, &effects)
        case .decisionsClaimed(let claim, let outcomes, let now):
            decisionsClaimed(claim, outcomes: outcomes, now: now, &effects)
        case .approvalsRecorded(let request, let outcomes, let now):
            approvalsRecorded(request, outcomes: outcomes, now: now, &effects)
        case .storeHealthChanged(let health, _):
            storeHealthChanged(health, &effects)
        case .brokerStopping(let now):
            denyAwaitingRules(now: now, reason: "the Airlock broker stopped before its policy was read", &effects)
            denyAwaitingFacts(now: now, &effects)
            for item in orderedPending {
                let reason = "Denied: the Airlock broker stopped before a reviewer answered. \(item.decision.reason)"
                expire(item, cause: .timeout, reason: reason, source: .fallback, now: now, &effects)
            }
        }
        return effects
    }

    private func status(now: Date, for connection: ConnectionID) -> StatusResult {
        let peer = connections[connection]
        return StatusResult(
            brokerVersion: configuration.brokerVersion, pending: pending.count, subscribers: subscribers.count,
            connections: connections.count, exceptions: exceptions.count, mode: configuration.mode,
            waitForConsole: configuration.waitForConsole, reviewWindowSeconds: Int(configuration.reviewWindow.seconds),
            uptimeSeconds: max(0, now.timeIntervalSince(startedAt)), store: storeHealth,
            automaticDenials: feed.automaticDenials, automaticDenialsSince: feed.denialsSince,
            rejectedExceptions: rejectedList,
            deployment: configuration.reviewSocketPath == nil ? "same-user" : "separated",
            reviewer: peer?.authentication != nil || peer?.listener == .shared ? reviewer(connection).name : nil)
    }

    var rejectedList: [RejectedException] {
        (rejected.values.sorted { $0.id < $1.id }) + teamQueue.refusedOrder.compactMap { teamQueue.refusedDecisions[$0] }
    }

    // MARK: Submissions

    private mutating func submit(
        _ params: SubmitParams, from connection: ConnectionID, _ requestID: RequestID?, now: Date,
        _ effects: inout [BrokerEffect]
    ) {
        let action = params.action
        let (assessment, wanted) = Classifier.assessAsking(action, host: configuration.hostFacts)
        let answer = Answer(
            id: makeActionID(), action: action, assessment: assessment,
            requester: connection, requestID: requestID, toolCall: toolCallKey(params, from: connection))
        // Separated: the agent's account, by the kernel, is whose boundaries these are.
        let account = configuration.reviewSocketPath == nil ? nil : connections[connection]?.credentials.uid
        requestBoundaries(for: action, account: account, now: now, &effects)
        if awaitFacts(answer, wanted: wanted, deadlineMs: params.deadlineMs, now: now, &effects) { return }
        continueSubmission(answer, deadlineMs: params.deadlineMs, submittedAt: now, now: now, &effects)
    }

    /// Decides an assessed submission once its repository's rules are fresh and its workspace's
    /// first boundary report is in (or past the probe budget: then it is judged read-only).
    mutating func continueSubmission(
        _ answer: Answer, deadlineMs: Int?, submittedAt: Date, now: Date, _ effects: inout [BrokerEffect]
    ) {
        let action = answer.action
        let staleRules = action.workspaceRoot.flatMap { hasFreshRules($0, now: now) ? nil : $0 }
        var missingReport = lacksBoundaries(action)
        // Its first report is already past the budget: judged read-only now, not after a wait.
        let isLate = missingReport.map { workspaces.late.contains($0) } ?? false
        if isLate { missingReport = nil }
        if staleRules != nil || missingReport != nil {
            let waiting = WorkspaceKnowledge.Awaiting(
                answer: answer, deadlineMs: deadlineMs, submittedAt: submittedAt, rules: staleRules,
                boundaries: missingReport, boundariesLate: isLate)
            park(waiting, &effects)
            return
        }
        answerSubmission(answer, deadlineMs: deadlineMs, submittedAt: submittedAt, boundariesLate: isLate, now: now, &effects)
    }

    /// Decides a submitted action now that its policy is known: answers it, or queues it for a
    /// human. The harness's deadline counts from `submittedAt`. `boundariesLate`: its
    /// workspace's first boundary report did not come in time, so it is judged read-only.
    mutating func answerSubmission(
        _ answer: Answer, deadlineMs: Int?, submittedAt: Date, boundariesLate: Bool = false, now: Date,
        _ effects: inout [BrokerEffect]
    ) {
        // Asked of the password database only when a requirement could use it: a policy hit
        // without reviewers pays nothing.
        let submitter = configuration.reviewers.requirements.isEmpty ? nil : submitterName(answer.requester)
        let decision = decide(
            answer.action, answer.assessment, boundariesLate: boundariesLate, submitter: submitter, now: now)
        if let reused = hookDecision(for: answer, own: decision, now: now) {
            let reason = "\(reused.reason) (decided at the harness's hook as \(reused.actionID))"
            send(
                answer, reused.verdict, reason: reason, source: .hook(reused.actionID), reviewer: nil, now: now,
                &effects)
            return
        }

        if let verdict = FinalVerdict(decision.verdict) {
            send(answer, verdict, reason: decision.reason, source: decision.source, reviewer: nil, now: now, &effects)
            if verdict == .allow, let exceptionID = decision.source.exceptionID {
                countUse(of: exceptionID, now: now, &effects)
            }
            return
        }
        if pending.count >= configuration.maximumPending {
            let reason =
                "Denied: \(pending.count) actions already wait for a reviewer, the most this broker holds. "
                + "Retry once the queue is reviewed. (\(decision.reason))"
            send(answer, .deny, reason: reason, source: .fallback, reviewer: nil, now: now, &effects)
            return
        }
        // In a team, a console on another machine may answer: the action waits for its deadline.
        if subscribers.isEmpty && !configuration.waitForConsole && configuration.team == nil {
            let reason = noConsoleReason(answer, decision)
            send(answer, .deny, reason: reason, source: .fallback, reviewer: nil, now: now, &effects)
            return
        }
        var deadline = now.addingTimeInterval(configuration.reviewWindow.seconds)
        if let deadlineMs {
            let harnessWindow = Double(deadlineMs) / 1000 - configuration.deadlineMargin.seconds
            guard harnessWindow > 0 else {
                let reason =
                    "Denied: this needs a human, but the harness waits only "
                    + "\(Self.describe(seconds: Double(deadlineMs) / 1000)) for an answer, too short for a review. "
                    + "Raise the hook's timeout to give a reviewer time. (\(decision.reason))"
                send(answer, .deny, reason: reason, source: .timeout, reviewer: nil, now: now, &effects)
                return
            }
            deadline = min(deadline, submittedAt.addingTimeInterval(harnessWindow))
        }
        let action = answer.action
        let item = PendingAction(
            id: answer.id, sequence: nextActionNumber, action: action, assessment: answer.assessment,
            decision: decision, queuedAt: now, deadline: deadline, requester: answer.requester,
            requestID: answer.requestID, agent: agentIdentity(of: answer.requester, claimed: action.agentPID),
            toolCall: answer.toolCall, submitter: submitter)
        pending[answer.id] = item
        noteQueued(answer.id)
        notify(.actionQueued(ActionQueued(item: queued(item))), &effects)
        publish(item, &effects)
    }

    // MARK: Decisions

    mutating func decide(
        _ params: DecideParams, from connection: ConnectionID, _ requestID: RequestID?, now: Date,
        passphraseChecked: Bool = false, _ effects: inout [BrokerEffect]
    ) {
        guard !params.ids.isEmpty else {
            return fail(
                connection, requestID, RPCError(.invalidParams, "invalid params for decide: ids is empty"), &effects)
        }
        let identity = reviewer(connection)
        let reviewer = identity.name
        var found: [PendingAction] = []
        var othersFound: [String] = []
        var failed: [DecideResult.Failure] = []
        var seen = Set<String>()
        for id in params.ids where seen.insert(id).inserted {
            if let item = pending[id] {
                found.append(item)
            } else if teamQueue.others[id] != nil {
                othersFound.append(id)
            } else if let outcome = resolvedRecently[id] {
                failed.append(.init(id: id, code: .alreadyResolved, message: "\(id) was already resolved: \(outcome)"))
            } else {
                failed.append(.init(id: id, code: .notFound, message: "no pending action has id \(id)"))
            }
        }
        var guarded = found.map(\.agent)
        if params.grant != nil { guarded += pending.values.map(\.agent.withoutOrphans) }
        if let refusal = selfApprovalRefusal(
            connection, agents: guarded, what: "decide on " + found.map(\.id).joined(separator: ", "))
        {
            effects.append(.logRefusal(refusal.log))
            return fail(connection, requestID, refusal.error, &effects)
        }
        if found.isEmpty, othersFound.isEmpty, let first = failed.first {
            let list = failed.map { failure -> JSONValue in
                .object([
                    "id": .string(failure.id), "code": .number(Double(failure.code)),
                    "message": .string(failure.message),
                ])
            }
            let error = RPCError(code: first.code, message: first.message, data: .object(["failed": .array(list)]))
            return fail(connection, requestID, error, &effects)
        }
        let approvesMuch =
            params.verdict == .allow
            && (found.contains { Self.needsPassphraseToApprove($0.assessment) }
                || othersFound.contains { teamQueue.others[$0].map { Self.needsPassphraseToApprove($0.assessment) } ?? true }
                || params.grant?.effect == .allow)
        if approvesMuch, !passphraseChecked, asksPassphraseAgain(connection) {
            guard let passphrase = params.passphrase, !passphrase.isEmpty else {
                let error = RPCError(
                    .passphraseRequired,
                    "approving \((found.map(\.id) + othersFound).joined(separator: ", ")) needs your passphrase again "
                        + "(high risk, the hard floor, or an allow exception)")
                return fail(connection, requestID, error, &effects)
            }
            var waiting = params
            waiting.passphrase = nil
            return askPassphrase(passphrase, for: .decide(requestID, waiting), on: connection, now: now, &effects)
        }
        var exception: PolicyException?
        if let grant = params.grant {
            let othersShown = othersFound.compactMap { teamQueue.others[$0] }
            if let refusal = exceptionRefusal(grant, reviewer: reviewer, items: found, others: othersShown) {
                return fail(connection, requestID, refusal, &effects)
            }
            switch makeException(grant, reviewer: reviewer, now: now, samples: found.map(\.assessment)) {
            case .success(let made): exception = made
            case .failure(let error): return fail(connection, requestID, error, &effects)
            }
        }
        // Redacted here, before anything is sealed over it: the team's queue stores it redacted,
        // and a seal over the raw text would never match what other brokers read back.
        let typed = params.reason.map(redactor.redact)
        let reason = Self.humanReason(params.verdict, reviewer: reviewer, reason: typed)
        if configuration.team != nil, params.verdict == .allow, needsApprovals(own: found, others: othersFound) {
            let approval = TeamQueueState.Approval(
                connection: connection, requestID: requestID, own: found.map(\.id), others: othersFound, failed: failed,
                approval: RecordedApproval(reviewer: reviewer, identity: identity.logged, reason: typed, at: now),
                exception: exception, sample: found.first?.assessment)
            return approveInTeam(approval, &effects)
        }
        if configuration.team != nil {
            let team = TeamQueueState.Claim(
                connection: connection, requestID: requestID, own: found.map(\.id), others: othersFound,
                failed: failed, verdict: params.verdict, reviewer: reviewer, reviewerIdentity: identity.logged,
                reason: reason, exception: exception, sample: found.first?.assessment)
            return claim(team, &effects)
        }
        var resolved: [String] = []
        var waiting: [DecideResult.Waiting] = []
        for item in found {
            guard params.verdict == .allow else {
                resolve(
                    item, params.verdict, reason: reason, source: .human(reviewer), reviewer: reviewer,
                    reviewerIdentity: identity.logged, now: now, &effects)
                resolved.append(item.id)
                continue
            }
            let approval = RecordedApproval(
                reviewer: reviewer, identity: identity.logged, reason: typed, at: now)
            switch approve(item.id, by: approval) {
            case .complete(let approvals):
                resolveApproved(item, approvals, now: now, &effects)
                resolved.append(item.id)
            case .waiting(let needs):
                waiting.append(.init(id: item.id, needs: needs))
                if let updated = pending[item.id] { notify(.actionQueued(ActionQueued(item: queued(updated))), &effects) }
            case .notCounted(let why):
                failed.append(.init(id: item.id, code: .approvalNotCounted, message: "\(item.id) not counted: \(why)"))
            }
        }
        // As for unknown ids: when nothing at all was decided or recorded, the answer is an error.
        if resolved.isEmpty, waiting.isEmpty, let first = failed.first {
            return fail(connection, requestID, RPCError(code: first.code, message: first.message), &effects)
        }
        var alsoResolved: [String] = []
        if let exception {
            alsoResolved = install(exception, sample: found.first?.assessment, now: now, &effects)
        }
        // The exception as it stands now, its uses counted (it may already have run out).
        let current = exception.map { made in exceptions.first { $0.id == made.id } ?? made }
        let result = DecideResult(
            resolved: resolved, failed: failed, exception: current, alsoResolved: alsoResolved,
            waiting: waiting.isEmpty ? nil : waiting)
        reply(connection, requestID, .decide(result), &effects)
    }

    mutating func grant(
        _ params: GrantParams, from connection: ConnectionID, _ requestID: RequestID?, now: Date,
        passphraseChecked: Bool = false, _ effects: inout [BrokerEffect]
    ) {
        let reviewer = reviewer(connection).name
        // A grant answers no one action, so any agent waiting now must not be its author.
        let guarded = pending.values.map(\.agent.withoutOrphans)
        if let refusal = selfApprovalRefusal(connection, agents: guarded, what: "grant an exception") {
            effects.append(.logRefusal(refusal.log))
            return fail(connection, requestID, refusal.error, &effects)
        }
        if params.exception.effect == .allow, !passphraseChecked, asksPassphraseAgain(connection) {
            guard let passphrase = params.passphrase, !passphrase.isEmpty else {
                let error = RPCError(.passphraseRequired, "granting an allow exception needs your passphrase again")
                return fail(connection, requestID, error, &effects)
            }
            var waiting = params
            waiting.passphrase = nil
            return askPassphrase(passphrase, for: .grant(requestID, waiting), on: connection, now: now, &effects)
        }
        switch makeException(params.exception, reviewer: reviewer, now: now, samples: []) {
        case .failure(let error):
            fail(connection, requestID, error, &effects)
        case .success(let exception):
            let resolved = install(exception, sample: nil, now: now, &effects)
            let current = exceptions.first { $0.id == exception.id } ?? exception
            reply(connection, requestID, .grant(GrantResult(exception: current, resolved: resolved)), &effects)
        }
    }

    private mutating func revoke(
        _ params: RevokeParams, from connection: ConnectionID, _ requestID: RequestID?, now: Date,
        _ effects: inout [BrokerEffect]
    ) {
        guard let index = exceptions.firstIndex(where: { $0.id == params.id }) else {
            return fail(connection, requestID, RPCError(.notFound, "no active exception has id \(params.id)"), &effects)
        }
        var exception = exceptions.remove(at: index)
        let reviewer = reviewer(connection).name
        retired.insert(exception.id)
        exception.revokedAt = now
        exception.revokedBy = reviewer
        changedHere(exception.id)
        effects.append(.revokeException(id: exception.id, reviewer: reviewer, at: now))
        notify(.exceptionRevoked(ExceptionRevoked(exception: exception)), &effects)
        reply(connection, requestID, .revoke(RevokeResult(exception: exception)), &effects)
    }

    // MARK: Time and connections

    private mutating func clockTicked(now: Date, _ effects: inout [BrokerEffect]) {
        let due = pending.values.filter { $0.deadline <= now }.sorted { $0.sequence < $1.sequence }
        for item in due {
            let waited = Self.describe(seconds: item.deadline.timeIntervalSince(item.queuedAt))
            let reason = "Denied: no reviewer answered within \(waited). \(item.decision.reason)"
            expire(item, cause: .timeout, reason: reason, source: .timeout, now: now, &effects)
        }
        expireExceptions(now: now, &effects)
        enforceStaleness(now: now, &effects)
        remindReviewer(now: now, &effects)
        toolCalls.prune(now: now)
        awaitingTicked(now: now, &effects)
        denyAwaitingFacts(olderThan: now.addingTimeInterval(-configuration.repositoryPolicyTimeout.seconds), now: now, &effects)
        if let last = reload.lastAskedAt, now.timeIntervalSince(last) >= configuration.exceptionReloadInterval.seconds {
            askForReload(now: now, &effects)
        }
    }

    private mutating func connectionClosed(_ connection: ConnectionID, now: Date, _ effects: inout [BrokerEffect]) {
        connections[connection] = nil
        consoleLeft(connection, now: now)
        withdrawAwaiting(from: connection, now: now, &effects)
        withdrawAwaitingFacts(from: connection, now: now, &effects)
        let withdrawn = pending.values.filter { $0.requester == connection }.sorted { $0.sequence < $1.sequence }
        for item in withdrawn {
            expire(
                item, cause: .withdrawn, reason: "Withdrawn: the agent disconnected before a reviewer answered.",
                source: nil, now: now, &effects)
        }
    }

    private mutating func exceptionsReloaded(_ list: [PolicyException], now: Date, _ effects: inout [BrokerEffect]) {
        // What changed here after the reload was asked for is newer than the store's answer.
        let newer = reload.changedSince
        teamQueue.exceptionsReadAt = now
        reload.isWaiting = false
        reload.changedSince = []
        let stored = admitStored(list.filter { !newer.contains($0.id) && !retired.contains($0.id) }, now: now, &effects)
        let incoming = (stored + exceptions.filter { newer.contains($0.id) })
            .filter { $0.isActive(at: now) }
            .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        let incomingIDs = Set(incoming.map(\.id))
        let currentIDs = Set(exceptions.map(\.id))
        for gone in exceptions where !incomingIDs.contains(gone.id) {
            if gone.expiresAt <= now || gone.usesLeft == 0 {
                notify(.exceptionExpired(ExceptionExpired(exception: gone)), &effects)
            } else {
                var revoked = gone
                revoked.revokedAt = revoked.revokedAt ?? now
                notify(.exceptionRevoked(ExceptionRevoked(exception: revoked)), &effects)
            }
        }
        exceptions = incoming
        if reload.isWanted { askForReload(now: now, &effects) }
        let added = incoming.filter { !currentIDs.contains($0.id) }
        guard !added.isEmpty else { return }
        var resolutions: [BrokerEffect] = []
        let resolved = resolveCovered(now: now, &resolutions)
        for exception in added {
            let mine = resolved.filter { $0.exceptionID == exception.id }.map(\.id)
            notify(.exceptionGranted(ExceptionGranted(exception: exception, resolved: mine)), &effects)
        }
        effects += resolutions
    }

    /// Asks the store for the exceptions in force, unless a reload is already on its way (then
    /// once more after it).
    mutating func askForReload(now: Date, _ effects: inout [BrokerEffect]) {
        guard !reload.isWaiting else {
            reload.isWanted = true
            return
        }
        reload = ExceptionReload(isWaiting: true, lastAskedAt: now)
        effects.append(.reloadExceptions)
        // The team's queue is pushed too; read with the exceptions as well, in case a push was lost.
        askForTeamQueue(&effects)
    }

    /// Notes an exception changed here (granted, used, revoked) while a reload is on its way.
    mutating func changedHere(_ exceptionID: String) {
        if reload.isWaiting { reload.changedSince.insert(exceptionID) }
    }
}
